package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.verify.VerificationState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  public static final String CONFIG_MODE = "rw-r-----";

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
  private final ReleaseFolders folders;

  public Rollout(ReleaseRepository releases, Servers servers, BuildLog log) {
    this.releases = releases;
    this.servers = servers;
    this.log = log;
    this.folders = new ReleaseFolders(releases, log);
  }

  /**
   * Checks an environment before any release is read: its folder, its settings and, for a
   * rollout, its config.php with every placeholder filled (a rollback writes no config.php). A
   * mistake there is refused before anything else is touched.
   */
  public static void checkEnvironment(Request r, Servers servers, boolean withConfig) throws CodebaseException, IOException {
    Placeholders placeholders = new Placeholders(r.processEnvironment(), servers, Map.of());
    Environment env = Environment.load(r.environments(), r.environment(), r.projectDir(), placeholders);
    if (withConfig) {
      env.configBytes(placeholders);
    }
  }

  /**
   * An environment's config.php with every placeholder filled, for a container to mount: the
   * environment's folder and settings are checked as for a rollout.
   */
  public static byte[] config(Request r, Servers servers) throws CodebaseException, IOException {
    Placeholders placeholders = new Placeholders(r.processEnvironment(), servers, Map.of());
    return Environment.load(r.environments(), r.environment(), r.projectDir(), placeholders).configBytes(placeholders);
  }

  public Outcome rollout(Request r) throws CodebaseException, IOException {
    Placeholders placeholders = new Placeholders(r.processEnvironment(), servers, Map.of());
    Environment env = Environment.load(r.environments(), r.environment(), r.projectDir(), placeholders);
    String tag = r.release() != null && !r.release().isBlank() ? r.release().trim() : newest(r.branch());
    RevCommit commit = new ReleaseHistory(releases).release(tag);
    Manifest manifest = releases.manifest(tag).orElseThrow(() -> new CodebaseException(RolloutMessages.noManifest(tag)));
    if (manifest.verification() == VerificationState.SKIPPED && !r.allowUnverified()) {
      throw new CodebaseException(RolloutMessages.unverified(tag, env.name()));
    }
    byte[] config = env.configBytes(placeholders);
    EnvironmentDir dir = new EnvironmentDir(env.dir(), r.site(), env.name());
    boolean unclaimed = dir.check();
    String code = manifest.lock().moodle().codeRoot();
    Path webRoot = code == null || code.isEmpty() ? dir.current() : dir.current().resolve(code);
    if (r.dryRun()) {
      dryRun(env, dir, unclaimed, tag, config);
      return new Outcome(tag, unclaimed ? null : folders.liveTag(dir, dir.state()).orElse(null), false, webRoot, null);
    }
    if (unclaimed) {
      dir.claim();
    }
    try (ExclusiveLock held = dir.lock(log)) {
      EnvironmentDir.State state = folders.reconcile(dir);
      for (String removed : dir.cleanUp()) {
        log.info(RolloutMessages.removedLeftover(dir.releases().resolve(removed)));
      }
      Optional<String> live = dir.liveFolder();
      String previous = state.current().orElse(null);
      Path folder = dir.releaseDir(tag);
      WorkTreeWriter.Result files;
      if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        files = folders.write(commit, folder, dir.index(tag), null, null);
        Path configFile = folder.resolve(Environment.CONFIG);
        if (!Files.isRegularFile(configFile) || !Arrays.equals(Files.readAllBytes(configFile), config)) {
          writeConfig(configFile, config, env);
          log.info(RolloutMessages.configWrittenAgain(tag, env.name()));
        }
        log.info(RolloutMessages.kept(tag, folder, files));
      } else {
        Path partial = folder.resolveSibling(folder.getFileName() + EnvironmentDir.PARTIAL);
        Files.createDirectories(partial);
        writeConfig(partial.resolve(Environment.CONFIG), config, env);
        Path donor = live.map(f -> dir.releases().resolve(f)).orElse(null);
        log.info(RolloutMessages.writing(tag, folder, donor == null ? null : previous));
        files = folders.write(commit, partial, dir.index(tag), donor, donor == null ? null : dir.index(live.get()));
        Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        log.info(RolloutMessages.written(tag, files, env.name()));
      }
      if (live.isPresent() && live.get().equals(folder.getFileName().toString())) {
        log.info(RolloutMessages.alreadyLive(tag, env.name()));
        return new Outcome(tag, previous, false, webRoot, files);
      }
      Map<String, String> variables = ReleaseFolders.variables(env, dir, "rollout", tag, previous, folder, code);
      if (env.beforeSwitch() != null) {
        env.beforeSwitch().run(env.dir(), variables, log, RolloutMessages.nothingSwitched(previous));
      }
      dir.switchTo(tag);
      state.live().add(tag);
      dir.save(state);
      dir.record("rollout", tag, previous);
      log.info(RolloutMessages.live(tag, env.name(), dir.current(), folder.getFileName().toString()));
      if (env.afterSwitch() != null) {
        env.afterSwitch().run(env.dir(), variables, log, RolloutMessages.liveAfterRollout(tag, env.name()));
      }
      folders.prune(dir, state, env.keep(), tag);
      return new Outcome(tag, previous, true, webRoot, files);
    }
  }

  /** Takes the environment back to the release live before the current one (see {@link Rollback}). */
  public Outcome rollback(Request r) throws CodebaseException, IOException {
    Placeholders placeholders = new Placeholders(r.processEnvironment(), servers, Map.of());
    Environment env = Environment.load(r.environments(), r.environment(), r.projectDir(), placeholders);
    return new Rollback(releases, log).run(env, new EnvironmentDir(env.dir(), r.site(), env.name()), r.dryRun());
  }

  private String newest(String branch) throws CodebaseException, IOException {
    Optional<RevCommit> head = releases.head(branch);
    if (head.isEmpty()) {
      throw new CodebaseException(RolloutMessages.noReleaseYet(branch, releases.gitDir()));
    }
    return releases.tagOf(head.get()).orElseThrow(() -> new CodebaseException(RolloutMessages.untaggedHead(branch)));
  }

  private void dryRun(Environment env, EnvironmentDir dir, boolean unclaimed, String tag, byte[] config) throws IOException {
    log.info(RolloutMessages.dryRun());
    if (unclaimed) {
      log.info(RolloutMessages.wouldClaim(env.dir(), env.name()));
    }
    EnvironmentDir.State state = unclaimed ? new EnvironmentDir.State(1, List.of()) : dir.state();
    Optional<String> live = unclaimed ? Optional.empty() : folders.liveTag(dir, state);
    Path folder = dir.releaseDir(tag);
    if (Files.isDirectory(folder)) {
      log.info(RolloutMessages.wouldCheckKept(folder, tag));
    } else {
      log.info(RolloutMessages.wouldWrite(tag, folder, live.orElse(null)));
    }
    List<String> names = env.template() ? Placeholders.names(new String(Files.readAllBytes(env.config()),
        java.nio.charset.StandardCharsets.UTF_8)) : List.of();
    log.info(RolloutMessages.wouldPlaceConfig(config.length, env.group(), env.config(), new LinkedHashSet<>(names)));
    if (live.isPresent() && EnvironmentDir.folderName(live.get()).equals(folder.getFileName().toString())) {
      log.info(RolloutMessages.wouldNotSwitch(tag));
      return;
    }
    ReleaseFolders.plan(log, env.beforeSwitch());
    log.info(RolloutMessages.wouldSwitch(dir.current(), live.orElse(null), tag));
    ReleaseFolders.plan(log, env.afterSwitch());
    log.info(RolloutMessages.wouldKeep(env.keep(), dir.releases()));
  }

  private static void writeConfig(Path file, byte[] config, Environment env) throws CodebaseException, IOException {
    try {
      AtomicFile.of(file).permissions(CONFIG_MODE).group(env.group()).write(config);
    } catch (java.nio.file.FileSystemException e) {
      if (env.group() != null && e.getMessage() != null && e.getMessage().contains("Operation not permitted")) {
        throw new CodebaseException(RolloutMessages.configGroupRefused(env.name(), env.group()));
      }
      throw e;
    }
  }
}
