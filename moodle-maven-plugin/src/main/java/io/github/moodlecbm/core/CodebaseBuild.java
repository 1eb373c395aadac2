package io.github.moodlecbm.core;

import io.github.moodlecbm.core.assembly.BuildRepository;
import io.github.moodlecbm.core.assembly.CodebaseAssembler;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.LockFile;
import io.github.moodlecbm.core.resolve.SiteResolver;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.release.CodebaseZip;
import io.github.moodlecbm.core.release.ReleaseRemote;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.verify.CodebaseVerifier;
import io.github.moodlecbm.core.verify.CodebaseVerifier.Verification;
import io.github.moodlecbm.core.verify.Finding;
import io.github.moodlecbm.core.verify.PhpLint;
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
    if (!settings.offline() && isEmpty(settings.cacheDir())) {
      log.info("The mirror cache " + settings.cacheDir() + " is empty: this build fills it, later builds"
          + " fetch only what changed.");
    }
    Lock resolved = new SiteResolver(mirrors, log, settings.update(), settings.offline()).resolve(site, lockFile.read());
    ObjectId tree = new CodebaseAssembler(store, mirrors, log).assemble(resolved);
    Lock lock = resolved.withTree(tree.name());
    if (lockFile.write(lock)) {
      log.info("Wrote " + lockFile.path().getFileName() + " (code base tree " + tree.name() + ")");
    }
    return lock;
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
    try (Repository repo = store.open(); ObjectReader reader = repo.newObjectReader()) {
      ObjectId tree = ObjectId.fromString(lock.tree());
      Verification v = new CodebaseVerifier(new TreeFiles(reader)).verify(tree, lock, options);
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

  /** Records the code base of {@code lock} as a release (see {@link Releaser#release}). */
  public Releaser.Outcome release(Lock lock, ReleaseTarget target, Releaser.Request request)
      throws CodebaseException, IOException {
    try (Repository repo = store.open(); ObjectSources sources = ObjectSources.of(repo, mirrors, lock);
        ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
      return new Releaser(releases, remote(target), log).release(repo, sources, lock, request);
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

  /** The release remote of a target, with this build's rewrites, credentials and ssh setup. */
  public Optional<ReleaseRemote> remote(ReleaseTarget target) {
    if (target.remote() == null) {
      return Optional.empty();
    }
    return Optional.of(new ReleaseRemote(target.remote(), settings.rewrites().apply(target.remote()),
        settings.rewrites().applyForPush(target.remote()), target.serverId(), mirrors.access(), log));
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
