package io.github.moodlecbm.core;

import io.github.moodlecbm.core.assembly.BuildRepository;
import io.github.moodlecbm.core.assembly.CodebaseAssembler;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.directory.DirectoryCache;
import io.github.moodlecbm.core.directory.PluginDirectory;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.LockFile;
import io.github.moodlecbm.core.resolve.PluginAdder;
import io.github.moodlecbm.core.resolve.SiteResolver;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.resolve.UpgradeCheck;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.release.CodebaseZip;
import io.github.moodlecbm.core.release.ReleaseRemote;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.verify.CodebaseVerifier;
import io.github.moodlecbm.core.verify.CodebaseVerifier.Verification;
import io.github.moodlecbm.core.verify.Finding;
import io.github.moodlecbm.core.verify.PhpLint;
import io.github.moodlecbm.core.verify.VerificationCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The stages of a site's build, in order: resolve (pins to commits, the code base's tree, the
 * lock), assemble (the tree written out as files), verify, release (the tree committed and tagged
 * in the release repository) and publish (pushed to the release remote).
 */
public final class CodebaseBuild implements AutoCloseable {
  private final Site site;
  private final BuildSettings settings;
  private final BuildLog log;
  private final MirrorCache mirrors;
  private final LockFile lockFile;
  private final BuildRepository store;

  public CodebaseBuild(Site site, BuildSettings settings, BuildLog log) {
    GitSetup.ensure();
    this.site = site;
    this.settings = settings;
    this.log = log;
    this.mirrors = new MirrorCache(settings.cacheDir(), settings.rewrites(), settings.servers(), settings.sshDirectory(), log);
    this.lockFile = new LockFile(settings.lockFile());
    this.store = new BuildRepository(settings.workDir().resolve("objects.git"));
  }

  /**
   * Resolves every pin (fetching only what the lock does not already settle), builds and checks the
   * code base's tree, and only then writes the lock: a build that fails leaves the lock as it was.
   */
  public Lock resolve() throws CodebaseException, IOException {
    return resolve(who -> settings.update(), !settings.update());
  }

  /**
   * Resolves again the floating pins (branches, automatic pins, {@code 4.5}, {@code 4.5+}) of the
   * components {@code which} accepts ("moodle" for Moodle), downloading the plugins directory
   * again; every other pin keeps the lock's commit. Writes the lock.
   */
  public Lock update(java.util.function.Predicate<String> which) throws CodebaseException, IOException {
    refreshDirectory = true;
    return resolve(which, false);
  }

  private boolean refreshDirectory;

  private Lock resolve(java.util.function.Predicate<String> update, boolean mayReuse) throws CodebaseException, IOException {
    if (!settings.offline() && isEmpty(settings.cacheDir())) {
      log.info("The mirror cache " + settings.cacheDir() + " is empty: this build fills it, later builds"
          + " fetch only what changed.");
    }
    BuildStamp stamp = new BuildStamp(settings.workDir().resolve("resolution.sha256"));
    Optional<Lock> previous = lockFile.read();
    if (previous.isPresent() && mayReuse) {
      Optional<Lock> same = unchanged(previous.get(), stamp);
      if (same.isPresent()) {
        return same.get();
      }
    }
    stamp.clear();
    Lock resolved = new SiteResolver(mirrors, log, update, settings.offline(), this::directory).resolve(site, previous);
    ObjectId tree = new CodebaseAssembler(store, mirrors, log).assemble(resolved);
    Lock lock = resolved.withTree(tree.name());
    if (lockFile.write(lock)) {
      log.info("Wrote " + lockFile.path().getFileName() + " (code base tree " + tree.name() + ")");
    }
    stamp.write(stampKey(lock));
    return lock;
  }

  /**
   * What a resolution depends on besides the pom's site and the lock: the tags of the mirrors of
   * tag pins, since a tag moved by a fetch (for another site sharing the cache) must be reported.
   */
  private String stampKey(Lock lock) throws IOException {
    StringBuilder tags = new StringBuilder();
    if (lock.moodle().pin().startsWith("tag ")) {
      tags.append(mirrors.mirror(lock.moodle().source()).tagsFingerprint()).append('\n');
    }
    for (Lock.Plugin p : lock.plugins().values()) {
      if (p.pin().startsWith("tag ")) {
        tags.append(mirrors.mirror(p.source()).tagsFingerprint()).append('\n');
      }
    }
    return BuildStamp.key(site.toString(), LockFile.render(lock), tags.toString());
  }

  /**
   * The lock as it is, when the pom's site, the lock and this plugin are those of the last
   * successful resolution in this {@code target/}, the tree that resolution built is still in the
   * build's store and every mirror the lock names is still there: resolving again would only
   * reach the same lock.
   */
  private Optional<Lock> unchanged(Lock lock, BuildStamp stamp) throws IOException {
    if (lock.tree() == null) {
      return Optional.empty();
    }
    List<String> sources = new ArrayList<>();
    sources.add(lock.moodle().source());
    for (Lock.Plugin p : lock.plugins().values()) {
      sources.add(p.source());
      p.submodules().forEach(s -> sources.add(s.source()));
    }
    for (String source : sources) {
      if (!mirrors.mirror(source).exists()) {
        return Optional.empty();
      }
    }
    if (!stamp.matches(stampKey(lock))) {
      return Optional.empty();
    }
    if (!store.holds(ObjectId.fromString(lock.tree()))) {
      return Optional.empty();
    }
    log.info("Code base " + lock.tree() + ": Moodle " + lock.moodle().release() + " and " + lock.plugins().size()
        + " plugins as " + lockFile.path().getFileName() + " records them (the pom and the lock are unchanged"
        + " since the last build; -Dmoodle.update fetches and resolves again).");
    return Optional.of(lock);
  }

  private PluginDirectory directory;

  /** The plugins directory, loaded once, when a plugin first needs it. */
  public PluginDirectory directory() throws CodebaseException, IOException {
    if (directory == null) {
      directory = new DirectoryCache(settings.pluginDirectory(), settings.cacheDir(), settings.update() || refreshDirectory,
          settings.offline(), log)
          .load();
    }
    return directory;
  }

  /**
   * What can move: the site resolved as {@link #resolve()} does, then every mirror fetched and
   * each pin's newer versions that run on the site's Moodle listed (see {@link UpdateCheck}).
   */
  public UpdateCheck.Report outdated() throws CodebaseException, IOException {
    Lock lock = resolve();
    return new UpdateCheck(mirrors, settings.offline()).check(site, lock);
  }

  /**
   * A planned upgrade to another Moodle, checked before anything changes (see
   * {@link UpgradeCheck}); the site is resolved as it is first.
   */
  public UpgradeCheck.Report upgradeCheck(io.github.moodlecbm.core.config.MoodleVersion target)
      throws CodebaseException, IOException {
    Lock lock = resolve();
    return new UpgradeCheck(mirrors, settings.offline()).check(site, lock, target);
  }

  /**
   * Plans adding a plugin and the plugins it depends on that the site lacks (see
   * {@link PluginAdder}); the site is resolved as it is first. Nothing is written.
   */
  public List<PluginAdder.Addition> planAdd(String component, String source, String tag)
      throws CodebaseException, IOException {
    Lock lock = resolve();
    return new PluginAdder(mirrors, settings.offline(), this::directory).plan(site, lock, component, source, tag);
  }

  /** What an assembly produced. */
  public record Assembly(Lock lock, ObjectId tree, WorkTreeWriter.Result files) {}

  /**
   * Makes {@code outputDir} hold exactly the tree that {@link #resolve()} built, unless the work
   * tree is turned off.
   */
  public Assembly assemble(Lock lock) throws IOException {
    ObjectId tree = ObjectId.fromString(lock.tree());
    WorkTreeWriter.Result files = null;
    if (settings.workTree()) {
      try (Repository repo = store.open(); ObjectSources sources = ObjectSources.of(repo, mirrors, lock)) {
        files = new WorkTreeWriter(sources).write(tree, settings.outputDir(), settings.workDir().resolve("worktree.index"));
      }
    }
    return new Assembly(lock, tree, files);
  }

  /**
   * Checks the code base that {@link #resolve()} built, from its own files; with {@code php},
   * also {@code php -l} on every PHP file of the plugins.
   */
  public Verification verify(Lock lock, CodebaseVerifier.Options options, Path php) throws CodebaseException, IOException {
    VerificationCache cache = new VerificationCache(settings.workDir().resolve("verification.json"));
    String key = VerificationCache.key(LockFile.render(lock), options);
    if (php == null) {
      Optional<Verification> known = cache.find(key);
      if (known.isPresent()) {
        return known.get();
      }
    }
    try (Repository repo = store.open(); ObjectSources sources = ObjectSources.of(repo, mirrors, lock)) {
      ObjectId tree = ObjectId.fromString(lock.tree());
      Verification v = new CodebaseVerifier(new TreeFiles(sources)).verify(tree, lock, options);
      cache.put(key, v);
      if (php == null) {
        return v;
      }
      List<Finding> findings = new ArrayList<>(v.findings());
      findings.addAll(new PhpLint(php).check(repo, tree, lock));
      return new Verification(findings, v.rows());
    }
  }

  public Verification verify(Lock lock, CodebaseVerifier.Options options) throws CodebaseException, IOException {
    return verify(lock, options, null);
  }

  /**
   * Installs the code base of {@code lock} with Moodle's own installer on a throwaway database
   * (see {@link io.github.moodlecbm.core.installtest.InstallTest}); with {@code fromTag}, that
   * release of the release repository is installed first and then upgraded.
   *
   * @param logs where the logs and the JUnit report are kept
   */
  public io.github.moodlecbm.core.installtest.InstallTest.Outcome installTest(Lock lock,
      io.github.moodlecbm.core.installtest.InstallTest.Options options, String fromTag, ReleaseTarget target, Path logs,
      java.util.Map<String, String> environment) throws CodebaseException, IOException {
    var test = new io.github.moodlecbm.core.installtest.InstallTest(settings.workDir(), logs, log, environment);
    try (Repository repo = store.open(); ObjectSources sources = ObjectSources.of(repo, mirrors, lock)) {
      var codebase = new io.github.moodlecbm.core.installtest.InstallTest.Codebase("this build", ObjectId.fromString(lock.tree()), sources);
      if (fromTag == null) {
        return test.run(lock, codebase, null, null, options);
      }
      try (ReleaseRepository releases = releases(target); var reader = releases.repository().newObjectReader()) {
        var history = new ReleaseHistory(releases);
        org.eclipse.jgit.revwalk.RevCommit commit = history.release(fromTag);
        Lock fromLock = history.manifest(fromTag).lock();
        var from = new io.github.moodlecbm.core.installtest.InstallTest.Codebase("release " + fromTag, commit.getTree(),
            io.github.moodlecbm.core.assembly.ObjectSource.of(reader));
        return test.run(lock, codebase, from, fromLock, options);
      }
    }
  }

  /** Records the code base of {@code lock} as a release (see {@link Releaser#release}). */
  public Releaser.Outcome release(Lock lock, ReleaseTarget target, Releaser.Request request)
      throws CodebaseException, IOException {
    try (Repository repo = store.open(); ObjectSources sources = ObjectSources.of(repo, mirrors, lock);
        ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
      return new Releaser(releases, remote(target), log).release(sources, lock, request);
    }
  }

  /** Writes the code base as a reproducible zip (see {@link CodebaseZip}); returns its number of files. */
  public int zip(ObjectId tree, java.time.Instant time, Path zip) throws IOException {
    try (Repository repo = store.open()) {
      return CodebaseZip.write(repo, tree, time, zip);
    }
  }

  /** Pushes the releases the release remote lacks (see {@link Releaser#publish}). */
  public Releaser.Publication publish(ReleaseTarget target, Set<String> allowRemoval) throws CodebaseException, IOException {
    try (ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
      return new Releaser(releases, remote(target), log).publish(target.branch(), allowRemoval);
    }
  }

  /**
   * Opens a site's release repository for reading, first bringing the release remote's releases
   * into it when one is configured and can be reached (a warning otherwise).
   */
  public ReleaseRepository releases(ReleaseTarget target) throws IOException {
    if (!ReleaseRepository.exists(target.repository()) && target.remote() == null) {
      log.warn("There is no release repository at " + target.repository() + " yet: mvn package makes the first release.");
    }
    ReleaseRepository releases = ReleaseRepository.open(target.repository());
    Optional<ReleaseRemote> remote = remote(target);
    if (remote.isPresent()) {
      try (var held = releases.lock()) {
        remote.get().fetch(releases);
        Optional<org.eclipse.jgit.revwalk.RevCommit> local = releases.head(target.branch());
        Optional<org.eclipse.jgit.revwalk.RevCommit> remoteHead = releases.remoteHead(target.branch());
        if (remoteHead.isPresent() && (local.isEmpty() || releases.isAncestor(local.get(), remoteHead.get()))) {
          releases.moveBranch(target.branch(), local.orElse(null), remoteHead.get());
        }
      } catch (CodebaseException e) {
        log.warn(e.getMessage());
        log.warn("Showing the releases of " + target.repository() + " as they are.");
      }
    }
    return releases;
  }

  /**
   * Takes a release to an environment (see {@link io.github.moodlecbm.core.rollout.Rollout}), from
   * the release repository after fetching the release remote's releases.
   */
  public io.github.moodlecbm.core.rollout.Rollout.Outcome rollout(ReleaseTarget target,
      io.github.moodlecbm.core.rollout.Rollout.Request request) throws CodebaseException, IOException {
    io.github.moodlecbm.core.rollout.Rollout.checkEnvironment(request, settings.servers(), true);
    try (ReleaseRepository releases = releases(target)) {
      return new io.github.moodlecbm.core.rollout.Rollout(releases, settings.servers(), log).rollout(request);
    }
  }

  /**
   * Takes an environment back to the release live before; reads the release repository as it is
   * here (no fetch: a rollback must not wait for the network).
   */
  public io.github.moodlecbm.core.rollout.Rollout.Outcome rollback(ReleaseTarget target,
      io.github.moodlecbm.core.rollout.Rollout.Request request) throws CodebaseException, IOException {
    io.github.moodlecbm.core.rollout.Rollout.checkEnvironment(request, settings.servers(), false);
    try (ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
      return new io.github.moodlecbm.core.rollout.Rollout(releases, settings.servers(), log).rollback(request);
    }
  }

  /** The release remote of a target, with this build's rewrites, credentials and ssh setup. */
  public Optional<ReleaseRemote> remote(ReleaseTarget target) {
    if (target.remote() == null) {
      return Optional.empty();
    }
    return Optional.of(new ReleaseRemote(target.remote(), settings.rewrites().apply(target.remote()),
        settings.rewrites().applyForPush(target.remote()), target.serverId(), mirrors.access(), log));
  }

  /** The credentials of settings.xml. */
  public io.github.moodlecbm.core.config.Servers servers() {
    return settings.servers();
  }

  /** The mirror cache, for reading the history of a plugin between two releases. */
  public MirrorCache mirrors() {
    return mirrors;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  public Path outputDir() {
    return settings.outputDir();
  }

  @Override
  public void close() {
    mirrors.close();
  }
}
