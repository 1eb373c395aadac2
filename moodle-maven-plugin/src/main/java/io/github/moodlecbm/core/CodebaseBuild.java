package io.github.moodlecbm.core;

import io.github.moodlecbm.core.assembly.BuildRepository;
import io.github.moodlecbm.core.assembly.CodebaseAssembler;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.LockFile;
import io.github.moodlecbm.core.resolve.SiteResolver;
import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The stages of a site's build, in order: resolve (pins to commits, the code base's tree, the
 * lock), then assemble (the tree written out as files).
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
      files = new WorkTreeWriter(store).write(tree, settings.outputDir(), settings.workDir().resolve("worktree.index"));
    }
    return new Assembly(lock, tree, files);
  }

  /**
   * Checks the code base that {@link #resolve()} built, from its own files; with {@code php},
   * also {@code php -l} on every PHP file of the plugins.
   */
  public io.github.moodlecbm.core.verify.CodebaseVerifier.Verification verify(
      Lock lock, io.github.moodlecbm.core.verify.CodebaseVerifier.Options options, java.nio.file.Path php)
      throws CodebaseException, IOException {
    try (org.eclipse.jgit.lib.Repository repo = store.open();
        org.eclipse.jgit.lib.ObjectReader reader = repo.newObjectReader()) {
      ObjectId tree = ObjectId.fromString(lock.tree());
      var v = new io.github.moodlecbm.core.verify.CodebaseVerifier(new io.github.moodlecbm.core.layout.TreeFiles(reader))
          .verify(tree, lock, options);
      if (php == null) {
        return v;
      }
      var findings = new java.util.ArrayList<>(v.findings());
      findings.addAll(new io.github.moodlecbm.core.verify.PhpLint(php).check(repo, tree, lock));
      return new io.github.moodlecbm.core.verify.CodebaseVerifier.Verification(findings, v.rows());
    }
  }

  public io.github.moodlecbm.core.verify.CodebaseVerifier.Verification verify(
      Lock lock, io.github.moodlecbm.core.verify.CodebaseVerifier.Options options) throws CodebaseException, IOException {
    return verify(lock, options, null);
  }

  private static boolean isEmpty(java.nio.file.Path dir) throws IOException {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return true;
    }
    try (var entries = java.nio.file.Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  public java.nio.file.Path outputDir() {
    return settings.outputDir();
  }

  @Override
  public void close() {
    mirrors.close();
  }
}
