package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.CodebaseException;
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
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * What can move since the lock was written: Moodle first (a newer point release of the same
 * branch carries security fixes), then each plugin: its locked version, the newest version on the
 * same line that runs on the site's Moodle (the pinned branch's head, a newer compatible tag, the
 * newest compatible version for an automatic pin), and the newest version overall with what it
 * needs. Every mirror is fetched first, unless offline.
 */
public final class UpdateCheck {
  private static final Pattern RELEASE_TAG = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");

  /**
   * One line of the table: {@code sameLine} is empty when nothing newer runs on this Moodle.
   * {@code pomElement} and {@code pomValue}: for an exact pin (a plugin's {@code <tag>}, Moodle's
   * {@code <version>4.5.2</version>}), the pom's change that takes the update; else null.
   */
  public record Row(String component, String locked, String sameLine, ObjectId sameLineCommit, String newest,
      String needs, String pomElement, String pomValue) {
    public boolean canMove() {
      return sameLineCommit != null;
    }
  }

  /** The table, Moodle's row first; {@code security}: Moodle has a newer point release. */
  public record Report(Row moodle, boolean security, List<Row> plugins) {
    public boolean outdated() {
      return moodle.canMove() || plugins.stream().anyMatch(Row::canMove);
    }
  }

  private final MirrorCache mirrors;
  private final boolean offline;

  public UpdateCheck(MirrorCache mirrors, boolean offline) {
    this.mirrors = mirrors;
    this.offline = offline;
  }

  public Report check(Site site, Lock lock) throws CodebaseException, IOException {
    Mirror core = mirrors.fetched("moodle", lock.moodle().source(), offline);
    CoreRelease locked = coreRelease(core, ObjectId.fromString(lock.moodle().commit()));
    Row moodle = moodleRow(site, lock, core, locked);
    BigDecimal coreVersion = new BigDecimal(locked.version());
    int coreBranch = Integer.parseInt(locked.branch());
    List<Row> rows = new ArrayList<>();
    for (PluginSpec spec : site.plugins()) {
      String who = spec.component().toString();
      Lock.Plugin entry = lock.plugins().get(who);
      if (entry == null) {
        continue;
      }
      Mirror mirror = mirrors.fetched(who, entry.source(), offline);
      PluginVersions versions = new PluginVersions(who, mirror, spec.path());
      ObjectId commit = ObjectId.fromString(entry.commit());
      Optional<PluginMetadata> now = PluginVersions.metadataAt(mirror, commit, spec.path());
      BigDecimal nowVersion = now.map(PluginMetadata::version).orElse(BigDecimal.ZERO);
      List<PluginVersions.Candidate> all = versions.candidates();
      PluginVersions.Candidate same = sameLine(spec.pin(), all, commit, nowVersion, coreVersion, coreBranch);
      PluginVersions.Candidate newest = all.isEmpty() ? null : all.get(0);
      boolean exact = spec.pin() instanceof Pin.Tag && same != null && same.kind().equals("tag");
      rows.add(new Row(who, now.map(UpdateCheck::describe).orElse(entry.commit().substring(0, 10)),
          same == null ? "" : same.label() + " " + describe(same.meta()),
          same == null ? null : same.commit(),
          newest == null ? "" : newest.label() + " " + describe(newest.meta()),
          newest == null ? "" : newest.meta().needs(),
          exact ? "tag" : null, exact ? same.name() : null));
    }
    return new Report(moodle, moodle.canMove() && !moodle.sameLine().contains("weekly"), rows);
  }

  /** The newer version on the pin's own line that runs on this Moodle, or null. */
  private static PluginVersions.Candidate sameLine(Pin pin, List<PluginVersions.Candidate> all, ObjectId locked,
      BigDecimal lockedVersion, BigDecimal coreVersion, int coreBranch) {
    for (PluginVersions.Candidate c : all) {
      if (c.commit().equals(locked) || !c.meta().runsOn(coreVersion, coreBranch)
          || c.meta().version().compareTo(lockedVersion) <= 0) {
        continue;
      }
      if (pin instanceof Pin.Branch b ? c.kind().equals("branch") && c.name().equals(b.name())
          : pin instanceof Pin.Tag ? c.kind().equals("tag")
          : true) {
        return c;
      }
    }
    if (pin instanceof Pin.Branch b) {
      // A branch's head moved without a new version.php: still the same line, newer commits.
      for (PluginVersions.Candidate c : all) {
        if (c.kind().equals("branch") && c.name().equals(b.name()) && !c.commit().equals(locked)) {
          return c;
        }
      }
    }
    return null;
  }

  private Row moodleRow(Site site, Lock lock, Mirror core, CoreRelease locked) throws IOException {
    String lockedRelease = lock.moodle().release();
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?").matcher(locked.release());
    int major = m.lookingAt() ? Integer.parseInt(m.group(1)) : -1;
    int minor = m.lookingAt() ? Integer.parseInt(m.group(2)) : -1;
    int patch = m.lookingAt() && m.group(3) != null ? Integer.parseInt(m.group(3)) : 0;
    String newestSame = null;
    ObjectId newestSameId = null;
    int newestSamePatch = patch;
    String newestAll = null;
    int[] best = {major, minor, patch};
    for (Map.Entry<String, ObjectId> t : core.tags().entrySet()) {
      Matcher r = RELEASE_TAG.matcher(t.getKey());
      if (!r.matches()) {
        continue;
      }
      int a = Integer.parseInt(r.group(1));
      int b = Integer.parseInt(r.group(2));
      int c = Integer.parseInt(r.group(3));
      if (a == major && b == minor && c > newestSamePatch) {
        newestSamePatch = c;
        newestSame = t.getKey();
        newestSameId = t.getValue();
      }
      if (a > best[0] || a == best[0] && (b > best[1] || b == best[1] && c > best[2])) {
        best = new int[] {a, b, c};
        newestAll = t.getKey();
      }
    }
    String sameLine = "";
    boolean exact = site.moodle().pin() instanceof Pin.Release r0 && r0.version().patch() >= 0 && newestSame != null;
    if (site.moodle().pin() instanceof Pin.Release r && r.version().stableHead()) {
      ObjectId head = core.branches().get(r.version().stableBranch());
      if (head != null && !head.name().equals(lock.moodle().commit())) {
        newestSameId = head;
        sameLine = r.version().stableBranch() + " (newer weekly build)";
      } else {
        newestSameId = null;
      }
    } else if (newestSame != null) {
      sameLine = newestSame.substring(1) + " (point release: security fixes)";
    }
    return new Row("moodle", lockedRelease, sameLine, newestSameId,
        newestAll == null ? "" : newestAll.substring(1), "", exact ? "version" : null, exact ? newestSame.substring(1) : null);
  }


  /** What Moodle's version.php says at a commit of its mirror. */
  public static CoreRelease coreRelease(Mirror core, ObjectId commit) throws CodebaseException, IOException {
    RevCommit c = core.commit(commit).orElseThrow(() -> new CodebaseException(
        ResolveMessages.lockedCoreCommitMissing(commit.name(), core.url())));
    try (ObjectReader reader = core.repository().newObjectReader()) {
      TreeFiles files = new TreeFiles(reader);
      return CoreRelease.of(files, c.getTree(), CoreRelease.codeRoot(files, c.getTree()), core.url());
    }
  }


  private static String describe(PluginMetadata m) {
    return (m.release() == null ? "" : m.release() + " ") + "(" + (m.version() == null ? "?" : m.version().toPlainString()) + ")";
  }
}
