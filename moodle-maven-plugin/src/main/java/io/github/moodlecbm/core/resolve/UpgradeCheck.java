package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.layout.CoreRelease;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.verify.PluginMetadata;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A planned major upgrade, before anything changes: for each plugin of the site, whether the
 * version it is locked to declares it runs on the target Moodle, else which version would, else
 * that it blocks the upgrade; and where each plugin goes in the target (Moodle 5.1 moved the code
 * into {@code public/}). Every mirror is fetched first, unless offline.
 */
public final class UpgradeCheck {
  /**
   * What becomes of one plugin: its verdict, with the version that would do or why none does.
   *
   * @param commit the commit the plugin would run at on the target (its locked one when it keeps
   *     its pin), or null when none runs there
   */
  public record Row(String component, String current, Verdict verdict, String detail, String installPath,
      String targetInstallPath, ObjectId commit) {}

  public enum Verdict { KEEPS_ITS_PIN, NEEDS_A_NEW_PIN, BLOCKER }

  /** The upgrade's plan: the target release, its commit, its code root and a row per plugin. */
  public record Report(String from, String target, ObjectId targetCommit, String codeRoot, List<Row> rows) {
    public List<Row> blockers() {
      return rows.stream().filter(r -> r.verdict() == Verdict.BLOCKER).toList();
    }
  }

  private final MirrorCache mirrors;
  private final boolean offline;

  public UpgradeCheck(MirrorCache mirrors, boolean offline) {
    this.mirrors = mirrors;
    this.offline = offline;
  }

  public Report check(Site site, Lock lock, MoodleVersion target) throws CodebaseException, IOException {
    Mirror core = mirrors.fetched("moodle", lock.moodle().source(), offline);
    ObjectId targetCommit = new VersionResolver().resolve("moodle", core, new Pin.Release(target));
    RevCommit commit = core.commit(targetCommit).orElseThrow();
    CoreRelease release;
    String codeRoot;
    try (ObjectReader reader = core.repository().newObjectReader()) {
      TreeFiles files = new TreeFiles(reader);
      codeRoot = CoreRelease.codeRoot(files, commit.getTree());
      release = CoreRelease.of(files, commit.getTree(), codeRoot, core.url());
    }
    BigDecimal version = new BigDecimal(release.version());
    int branch = Integer.parseInt(release.branch());
    String fromRoot = lock.moodle().codeRoot() == null ? "" : lock.moodle().codeRoot();
    List<Row> rows = new ArrayList<>();
    for (PluginSpec spec : site.plugins()) {
      String who = spec.component().toString();
      Lock.Plugin entry = lock.plugins().get(who);
      if (entry == null) {
        continue;
      }
      Mirror mirror = mirrors.fetched(who, entry.source(), offline);
      Optional<PluginMetadata> now = PluginVersions.metadataAt(mirror, ObjectId.fromString(entry.commit()), spec.path());
      String current = spec.pin().describe() + now.map(m -> " (" + m.needs() + ")").orElse("");
      String path = entry.installPath();
      String relative = !fromRoot.isEmpty() && path.startsWith(fromRoot + "/") ? path.substring(fromRoot.length() + 1) : path;
      String targetPath = codeRoot.isEmpty() ? relative : codeRoot + "/" + relative;
      if (now.isPresent() && now.get().runsOn(version, branch)) {
        rows.add(new Row(who, current, Verdict.KEEPS_ITS_PIN, "runs on " + target, path, targetPath,
            ObjectId.fromString(entry.commit())));
        continue;
      }
      try {
        PluginVersions.Pick pick = new PluginVersions(who, mirror, spec.path()).newestCompatible(version, branch, release.release());
        rows.add(new Row(who, current, Verdict.NEEDS_A_NEW_PIN, pick.why(), path, targetPath, pick.commit()));
      } catch (CodebaseException e) {
        List<String> newest = new PluginVersions(who, mirror, spec.path()).candidates().stream().limit(3)
            .map(PluginVersions.Candidate::describe).toList();
        rows.add(new Row(who, current, Verdict.BLOCKER, "no version runs on " + target
            + (newest.isEmpty() ? "" : "; newest: " + String.join("; ", newest)), path, targetPath, null));
      }
    }
    return new Report(lock.moodle().release(), release.release(), targetCommit, codeRoot, rows);
  }


}
