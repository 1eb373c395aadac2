package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Takes releases to an environment and back. A rollout writes the release from the release
 * repository into {@code <dir>/releases/<tag>/} (hard links to the live release for every file
 * that did not change, the others from git objects), puts the environment's config.php beside it
 * (mode 0640, never shown), then moves {@code <dir>/current} to it in one atomic step. A rollback
 * moves {@code current} back to the release that was live before, checked against its tree first.
 * Everything that can be refused is refused before anything is written.
 */
public final class Rollout {
  /** The files config.php is written with: the owner reads and writes, the group (the web server) reads. */
  static final String CONFIG_MODE = "rw-r-----";

  /**
   * What to do.
   *
   * @param environments the site's {@code src/main/environments}
   * @param projectDir the site project's folder (relative {@code moodle.env.dir} start there)
   * @param site the site's groupId:artifactId, written in the environment's marker
   * @param release the tag to roll out; null: the newest release of {@code branch}
   * @param processEnvironment the variables {@code ${env.*}} placeholders read
   */
  public record Request(Path environments, String environment, Path projectDir, String site, String release, String branch,
      boolean dryRun, boolean allowUnverified, Map<String, String> processEnvironment) {}

  /**
   * What was done.
   *
   * @param previous the release live before, or null
   * @param switched whether {@code current} moved
   * @param webRoot what the web server serves: {@code <dir>/current} or {@code <dir>/current/public}
   * @param files what writing (or checking) the release's folder did; null for a dry run
   */
  public record Outcome(String tag, String previous, boolean switched, Path webRoot, WorkTreeWriter.Result files) {}

  private final ReleaseRepository releases;
  private final Servers servers;
  private final BuildLog log;

  public Rollout(ReleaseRepository releases, Servers servers, BuildLog log) {
    this.releases = releases;
    this.servers = servers;
    this.log = log;
  }

  /**
   * Checks an environment before any release is read: its folder, its settings and, for a
   * rollout, its config.php with every placeholder filled (a rollback writes no config.php). A mistake there is refused before anything else is touched.
   */
  public static void checkEnvironment(Request r, Servers servers, boolean withConfig) throws CodebaseException, IOException {
    Placeholders placeholders = new Placeholders(r.processEnvironment(), servers, Map.of());
    Environment env = Environment.load(r.environments(), r.environment(), r.projectDir(), placeholders);
    if (withConfig) {
      env.configBytes(placeholders);
    }
  }

  public Outcome rollout(Request r) throws CodebaseException, IOException {
    Placeholders placeholders = new Placeholders(r.processEnvironment(), servers, Map.of());
    Environment env = Environment.load(r.environments(), r.environment(), r.projectDir(), placeholders);
    String tag = r.release() != null && !r.release().isBlank() ? r.release().trim() : newest(r.branch());
    RevCommit commit = new ReleaseHistory(releases).release(tag);
    Manifest manifest = releases.manifest(tag).orElseThrow(() -> new CodebaseException("Release " + tag
        + " has no manifest in its tag: it was not made by moodle:release, and is not rolled out."));
    if (manifest.verification() == VerificationState.SKIPPED && !r.allowUnverified()) {
      throw new CodebaseException("Release " + tag + " was made with its verification skipped (-Dmoodle.verify.skip): it is"
          + " not rolled out to " + env.name() + ". Roll out a verified release, or add -Dmoodle.allowUnverified to take it anyway.");
    }
    byte[] config = env.configBytes(placeholders);
    EnvironmentDir dir = new EnvironmentDir(env.dir(), r.site(), env.name());
    boolean unclaimed = dir.check();
    String code = manifest.lock().moodle().codeRoot();
    Path webRoot = code == null || code.isEmpty() ? dir.current() : dir.current().resolve(code);
    if (r.dryRun()) {
      dryRunRollout(env, dir, unclaimed, tag, config);
      return new Outcome(tag, unclaimed ? null : liveTag(dir, dir.state()).orElse(null), false, webRoot, null);
    }
    if (unclaimed) {
      dir.claim();
    }
    try (ExclusiveLock held = dir.lock(log)) {
      EnvironmentDir.State state = reconcile(dir);
      for (String removed : dir.cleanUp()) {
        log.info("Removed " + dir.releases().resolve(removed) + ", left by an interrupted rollout.");
      }
      Optional<String> live = dir.liveFolder();
      String previous = state.current().orElse(null);
      Path folder = dir.releaseDir(tag);
      WorkTreeWriter.Result files;
      if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        files = write(commit, folder, dir.index(tag), null, null);
        Path configFile = folder.resolve(Environment.CONFIG);
        if (!Files.isRegularFile(configFile) || !Arrays.equals(Files.readAllBytes(configFile), config)) {
          writeConfig(configFile, config, env);
          log.info("config.php of " + tag + " written again from environment " + env.name() + ".");
        }
        log.info("Release " + tag + " was kept in " + folder + ": " + describe(files) + ".");
      } else {
        Path partial = folder.resolveSibling(folder.getFileName() + EnvironmentDir.PARTIAL);
        Files.createDirectories(partial);
        writeConfig(partial.resolve(Environment.CONFIG), config, env);
        Path donor = live.map(f -> dir.releases().resolve(f)).orElse(null);
        log.info("Writing release " + tag + " into " + folder + (donor == null ? "" : ", sharing the unchanged files of "
            + previous));
        files = write(commit, partial, dir.index(tag), donor, donor == null ? null : dir.index(live.get()));
        Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        log.info("Release " + tag + " written: " + describe(files) + "; config.php of environment " + env.name()
            + " placed (mode 0640).");
      }
      if (live.isPresent() && live.get().equals(folder.getFileName().toString())) {
        log.info("Release " + tag + " is already live in " + env.name() + ": nothing switched.");
        return new Outcome(tag, previous, false, webRoot, files);
      }
      Map<String, String> variables = variables(env, dir, "rollout", tag, previous, folder, code);
      String stays = previous == null ? "Nothing was switched; nothing was live yet." : "Nothing was switched: " + previous + " is still live.";
      if (env.beforeSwitch() != null) {
        env.hook(Environment.BEFORE_SWITCH, env.beforeSwitch()).run(env.dir(), variables, log, stays);
      }
      dir.switchTo(tag);
      state.live().add(tag);
      dir.save(state);
      dir.record("rollout", tag, previous);
      log.info("Release " + tag + " is live in " + env.name() + ": " + dir.current() + " -> " + EnvironmentDir.RELEASES + "/"
          + folder.getFileName());
      if (env.afterSwitch() != null) {
        env.hook(Environment.AFTER_SWITCH, env.afterSwitch()).run(env.dir(), variables, log, tag + " is live (the switch"
            + " happened). Fix the cause and run the command by hand, or go back with mvn moodle:rollback -Dmoodle.env=" + env.name() + ".");
      }
      prune(dir, state, env.keep(), tag);
      return new Outcome(tag, previous, true, webRoot, files);
    }
  }

  public Outcome rollback(Request r) throws CodebaseException, IOException {
    Placeholders placeholders = new Placeholders(r.processEnvironment(), servers, Map.of());
    Environment env = Environment.load(r.environments(), r.environment(), r.projectDir(), placeholders);
    EnvironmentDir dir = new EnvironmentDir(env.dir(), r.site(), env.name());
    if (dir.check()) {
      throw new CodebaseException("Nothing was rolled out to environment " + env.name() + " (" + env.dir() + ") yet: there is"
          + " nothing to roll back.");
    }
    try (ExclusiveLock held = r.dryRun() ? null : dir.lock(log)) {
      EnvironmentDir.State state = r.dryRun() ? dir.state() : reconcile(dir);
      String live = state.current().orElseThrow(() -> new CodebaseException("No release is live in environment " + env.name()
          + " (" + dir.current() + " is missing): roll one out with mvn moodle:rollout -Dmoodle.env=" + env.name() + "."));
      String back = state.previous().orElseThrow(() -> new CodebaseException("Nothing to roll back to in environment "
          + env.name() + ": " + live + " is the only release kept that was live there. Roll out another with mvn"
          + " moodle:rollout -Dmoodle.env=" + env.name() + " -Dmoodle.release=<tag>."));
      Path folder = dir.releaseDir(back);
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) || !Files.isRegularFile(folder.resolve(Environment.CONFIG))) {
        throw new CodebaseException("Release " + back + ", live before " + live + ", is no longer whole in " + folder
            + ". Roll it out again: mvn moodle:rollout -Dmoodle.env=" + env.name() + " -Dmoodle.release=" + back + ".");
      }
      warnAboutDowngrade(live, back);
      String code = Files.isRegularFile(folder.resolve("public/version.php")) ? "public" : "";
      Path webRoot = code.isEmpty() ? dir.current() : dir.current().resolve(code);
      if (r.dryRun()) {
        log.info("Dry run: nothing is changed.");
        log.info("Would check " + folder + " against release " + back + " and write back any file that differs.");
        hookPlan(Environment.BEFORE_SWITCH, env.beforeSwitch());
        log.info("Would switch " + dir.current() + " from " + live + " back to " + back + " (with the config.php it went live with).");
        hookPlan(Environment.AFTER_ROLLBACK, env.afterRollback());
        return new Outcome(back, live, false, webRoot, null);
      }
      WorkTreeWriter.Result files = null;
      if (releases.tagged(back).isPresent()) {
        files = write(releases.tagged(back).get(), folder, dir.index(back), null, null);
        if (files.written() + files.removed() > 0) {
          log.warn("Release " + back + " had been changed on disk: " + files.written() + " files written back, " + files.removed()
              + " removed, as the release has them.");
        }
      } else {
        log.warn("Release " + back + " is not in the release repository here: its folder is taken as it is.");
      }
      Map<String, String> variables = variables(env, dir, "rollback", back, live, folder, code);
      if (env.beforeSwitch() != null) {
        env.hook(Environment.BEFORE_SWITCH, env.beforeSwitch()).run(env.dir(), variables, log,
            "Nothing was switched: " + live + " is still live.");
      }
      dir.switchTo(back);
      state.live().remove(state.live().size() - 1);
      dir.save(state);
      dir.record("rollback", back, live);
      log.info("Rolled back environment " + env.name() + ": " + back + " is live again (was " + live + ").");
      if (env.afterRollback() != null) {
        env.hook(Environment.AFTER_ROLLBACK, env.afterRollback()).run(env.dir(), variables, log, back + " is live (the"
            + " switch happened). Fix the cause and run the command by hand.");
      }
      return new Outcome(back, live, true, webRoot, files);
    }
  }

  private String newest(String branch) throws CodebaseException, IOException {
    Optional<RevCommit> head = releases.head(branch);
    if (head.isEmpty()) {
      throw new CodebaseException("There is no release on branch " + branch + " of the release repository "
          + releases.gitDir() + " yet: make one with mvn package, or name one with -Dmoodle.release=<tag>.");
    }
    return releases.tagOf(head.get()).orElseThrow(() -> new CodebaseException("The newest commit of branch " + branch
        + " has no release tag. Name the release with -Dmoodle.release=<tag> (see mvn moodle:history)."));
  }

  private void dryRunRollout(Environment env, EnvironmentDir dir, boolean unclaimed, String tag, byte[] config)
      throws IOException {
    log.info("Dry run: nothing is changed.");
    if (unclaimed) {
      log.info("Would make " + env.dir() + " the folder of environment " + env.name() + ".");
    }
    EnvironmentDir.State state = unclaimed ? new EnvironmentDir.State(1, List.of()) : dir.state();
    Optional<String> live = unclaimed ? Optional.empty() : liveTag(dir, state);
    Path folder = dir.releaseDir(tag);
    if (Files.isDirectory(folder)) {
      log.info("Would check " + folder + " against release " + tag + " (kept from an earlier rollout).");
    } else {
      log.info("Would write release " + tag + " into " + folder + live.map(l -> ", sharing the unchanged files of " + l).orElse(""));
    }
    List<String> names = env.template() ? Placeholders.names(new String(Files.readAllBytes(env.config()),
        java.nio.charset.StandardCharsets.UTF_8)) : List.of();
    log.info("Would place config.php (" + config.length + " bytes, mode 0640" + (env.group() == null ? "" : ", group " + env.group())
        + ") from " + env.config().getFileName() + (names.isEmpty() ? "" : ", filling " + String.join(", ", new LinkedHashSet<>(names))));
    if (live.isPresent() && EnvironmentDir.folderName(live.get()).equals(folder.getFileName().toString())) {
      log.info(tag + " is already live: nothing would be switched.");
      return;
    }
    hookPlan(Environment.BEFORE_SWITCH, env.beforeSwitch());
    log.info("Would switch " + dir.current() + (live.isPresent() ? " from " + live.get() : "") + " to " + tag + ".");
    hookPlan(Environment.AFTER_SWITCH, env.afterSwitch());
    log.info("Would keep " + env.keep() + " releases in " + dir.releases() + ".");
  }

  private void hookPlan(String setting, String command) {
    if (command != null) {
      log.info("Would run " + setting + ": " + command);
    }
  }

  /**
   * The record of what went live, made to agree with {@code current} (a rollout killed between
   * the switch and the record leaves them apart: the link is the truth).
   */
  private EnvironmentDir.State reconcile(EnvironmentDir dir) throws IOException {
    EnvironmentDir.State state = dir.state();
    Optional<String> live = dir.liveFolder();
    if (live.isPresent() && !state.current().map(EnvironmentDir::folderName).equals(live)) {
      state.live().add(tagOfFolder(null, live.get()));
      dir.save(state);
    }
    return state;
  }

  private Optional<String> liveTag(EnvironmentDir dir, EnvironmentDir.State state) throws IOException {
    Optional<String> live = dir.liveFolder();
    if (live.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(tagOfFolder(state.current().orElse(null), live.get()));
  }

  /** The tag a release folder holds: the one named, when it is that folder's, else a release tag of that folder name. */
  private String tagOfFolder(String candidate, String folder) throws IOException {
    if (candidate != null && EnvironmentDir.folderName(candidate).equals(folder)) {
      return candidate;
    }
    for (List<String> tags : releases.tagsByCommit().values()) {
      for (String t : tags) {
        if (EnvironmentDir.folderName(t).equals(folder)) {
          return t;
        }
      }
    }
    return folder;
  }

  private WorkTreeWriter.Result write(RevCommit commit, Path folder, Path index, Path donor, Path donorIndex) throws IOException {
    Files.createDirectories(index.getParent());
    try (ObjectReader reader = releases.repository().newObjectReader()) {
      WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader)).keeping(Set.of(Environment.CONFIG));
      if (donor != null) {
        writer.linkingFrom(donor, donorIndex);
      }
      return writer.write(commit.getTree(), folder, index);
    }
  }

  private void writeConfig(Path file, byte[] config, Environment env) throws CodebaseException, IOException {
    try {
      EnvironmentDir.writeAtomically(file, config, CONFIG_MODE, env.group());
    } catch (java.nio.file.FileSystemException e) {
      if (env.group() != null && e.getMessage() != null && e.getMessage().contains("Operation not permitted")) {
        throw new CodebaseException("Environment " + env.name() + ": config.php cannot be given group '" + env.group()
            + "': the user running the rollout must be a member of it.");
      }
      throw e;
    }
  }

  private static String describe(WorkTreeWriter.Result files) {
    int total = files.written() + files.unchanged();
    if (files.written() == 0 && files.removed() == 0) {
      return total + " files, as the release has them";
    }
    return total + " files: " + files.linked() + " shared with the live release, " + (files.written() - files.linked())
        + " written" + (files.removed() > 0 ? ", " + files.removed() + " removed" : "")
        + (files.unchanged() > 0 ? ", " + files.unchanged() + " unchanged" : "");
  }

  private static Map<String, String> variables(Environment env, EnvironmentDir dir, String action, String tag, String previous,
      Path folder, String codeRoot) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("MOODLE_CBM_ENV", env.name());
    v.put("MOODLE_CBM_ACTION", action);
    v.put("MOODLE_CBM_RELEASE", tag);
    v.put("MOODLE_CBM_PREVIOUS", previous == null ? "" : previous);
    v.put("MOODLE_CBM_DIR", dir.dir.toString());
    v.put("MOODLE_CBM_RELEASE_DIR", folder.toString());
    v.put("MOODLE_CBM_CODE_ROOT", codeRoot == null || codeRoot.isEmpty() ? folder.toString() : folder.resolve(codeRoot).toString());
    return v;
  }

  /**
   * Keeps the live release and the ones most recently live (or written), {@code keep} in all;
   * removes the other release folders this environment made.
   */
  private void prune(EnvironmentDir dir, EnvironmentDir.State state, int keep, String live) throws IOException {
    List<String> order = new ArrayList<>();
    order.add(EnvironmentDir.folderName(live));
    for (int i = state.live().size() - 1; i >= 0; i--) {
      String f = EnvironmentDir.folderName(state.live().get(i));
      if (!order.contains(f)) {
        order.add(f);
      }
    }
    List<String> others = new ArrayList<>(dir.releaseFolders());
    others.removeAll(order);
    others.sort(Comparator.comparing((String f) -> {
      try {
        return Files.getLastModifiedTime(dir.releases().resolve(f)).toMillis();
      } catch (IOException e) {
        return 0L;
      }
    }).reversed());
    order.addAll(others);
    Set<String> present = new LinkedHashSet<>(dir.releaseFolders());
    order.removeIf(f -> !present.contains(f));
    List<String> removed = new ArrayList<>();
    for (String f : order.subList(Math.min(keep, order.size()), order.size())) {
      if (!f.equals(EnvironmentDir.folderName(live))) {
        dir.removeRelease(dir.releases().resolve(f), f);
        removed.add(f);
      }
    }
    if (!removed.isEmpty()) {
      state.live().removeIf(t -> removed.contains(EnvironmentDir.folderName(t)));
      dir.save(state);
      log.info("Removed " + String.join(", ", removed) + " from " + dir.releases() + " (" + Environment.KEEP + "=" + keep + ").");
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
      log.warn("Going back from " + live + " to " + back + " lowers versions: " + String.join(", ", lower) + ". Moodle refuses to run"
          + " code older than its database: if the upgrade of " + live + " ran, restore the database (and moodledata) backup"
          + " taken before it went live.");
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
