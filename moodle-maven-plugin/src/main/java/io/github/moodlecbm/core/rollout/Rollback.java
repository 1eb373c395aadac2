package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.release.ReleaseRepository;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes an environment back to the release that was live before the current one: its folder
 * checked against the release first (a file edited on disk is written back), then {@code current}
 * moved to it in one atomic step, with the config.php it went live with. A rollback that lowers
 * Moodle's or a plugin's version is warned about: Moodle refuses code older than its database.
 */
final class Rollback {
  private final ReleaseRepository releases;
  private final ReleaseFolders folders;
  private final BuildLog log;

  Rollback(ReleaseRepository releases, BuildLog log) {
    this.releases = releases;
    this.folders = new ReleaseFolders(releases, log);
    this.log = log;
  }

  Rollout.Outcome run(Environment env, EnvironmentDir dir, boolean dryRun) throws CodebaseException, IOException {
    if (dir.check()) {
      throw new CodebaseException(RolloutMessages.nothingRolledOut(env.name(), env.dir()));
    }
    try (ExclusiveLock held = dryRun ? null : dir.lock(log)) {
      EnvironmentDir.State state = dryRun ? dir.state() : folders.reconcile(dir);
      String live = state.current().orElseThrow(() -> new CodebaseException(RolloutMessages.nothingLive(env.name(), dir.current())));
      String back = state.previous().orElseThrow(() -> new CodebaseException(RolloutMessages.nothingToGoBackTo(env.name(), live)));
      Path folder = dir.releaseDir(back);
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(folder.resolve(Environment.CONFIG))) {
        throw new CodebaseException(RolloutMessages.notWhole(back, live, folder, env.name()));
      }
      warnAboutDowngrade(live, back);
      String code = Files.isRegularFile(folder.resolve("public/version.php")) ? "public" : "";
      Path webRoot = code.isEmpty() ? dir.current() : dir.current().resolve(code);
      if (dryRun) {
        log.info(RolloutMessages.dryRun());
        log.info(RolloutMessages.wouldCheckBack(folder, back));
        ReleaseFolders.plan(log, env.beforeSwitch());
        log.info(RolloutMessages.wouldSwitchBack(dir.current(), live, back));
        ReleaseFolders.plan(log, env.afterRollback());
        return new Rollout.Outcome(back, live, false, webRoot, null);
      }
      WorkTreeWriter.Result files = null;
      if (releases.tagged(back).isPresent()) {
        files = folders.write(releases.tagged(back).get(), folder, dir.index(back), null, null);
        if (files.written() + files.removed() > 0) {
          log.warn(RolloutMessages.changedOnDisk(back, files));
        }
      } else {
        log.warn(RolloutMessages.notInRepository(back));
      }
      Map<String, String> variables = ReleaseFolders.variables(env, dir, "rollback", back, live, folder, code);
      if (env.beforeSwitch() != null) {
        env.beforeSwitch().run(env.dir(), variables, log, RolloutMessages.nothingSwitched(live));
      }
      dir.switchTo(back);
      state.live().remove(state.live().size() - 1);
      dir.save(state);
      dir.record("rollback", back, live);
      log.info(RolloutMessages.rolledBack(env.name(), back, live));
      if (env.afterRollback() != null) {
        env.afterRollback().run(env.dir(), variables, log, RolloutMessages.liveAfterRollback(back));
      }
      return new Rollout.Outcome(back, live, true, webRoot, files);
    }
  }

  /** Warns when going back lowers a version: Moodle refuses code older than its database. */
  private void warnAboutDowngrade(String live, String back) throws IOException {
    Optional<Manifest> now = releases.manifest(live);
    Optional<Manifest> then = releases.manifest(back);
    if (now.isEmpty() || then.isEmpty()) {
      return;
    }
    List<String> lower = new ArrayList<>();
    if (older(then.get().moodle().version(), now.get().moodle().version())) {
      lower.add("Moodle " + now.get().moodle().version() + " -> " + then.get().moodle().version());
    }
    for (Map.Entry<String, Manifest.Version> e : now.get().plugins().entrySet()) {
      Manifest.Version was = then.get().plugins().get(e.getKey());
      if (was != null && older(was.version(), e.getValue().version())) {
        lower.add(e.getKey() + " " + e.getValue().version() + " -> " + was.version());
      }
    }
    if (!lower.isEmpty()) {
      log.warn(RolloutMessages.lowersVersions(live, back, lower));
    }
  }

  private static boolean older(String a, String b) {
    try {
      return a != null && b != null && new BigDecimal(a).compareTo(new BigDecimal(b)) < 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
