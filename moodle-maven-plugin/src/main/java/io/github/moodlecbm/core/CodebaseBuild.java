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

/** The stages of a site's build, in order: resolve, then assemble. */
public final class CodebaseBuild implements AutoCloseable {
  private final Site site;
  private final BuildSettings settings;
  private final BuildLog log;
  private final MirrorCache mirrors;
  private final LockFile lockFile;

  public CodebaseBuild(Site site, BuildSettings settings, BuildLog log) {
    this.site = site;
    this.settings = settings;
    this.log = log;
    this.mirrors = new MirrorCache(settings.cacheDir(), settings.rewrites(), settings.servers(), log);
    this.lockFile = new LockFile(settings.lockFile());
  }

  /** Resolves every pin (fetching only what the lock does not already settle) and writes the lock. */
  public Lock resolve() throws CodebaseException, IOException {
    if (!settings.offline() && isEmpty(settings.cacheDir())) {
      log.info("The mirror cache " + settings.cacheDir() + " is empty: this build fills it, later builds"
          + " fetch only what changed.");
    }
    Lock lock = new SiteResolver(mirrors, log, settings.update(), settings.offline()).resolve(site, lockFile.read());
    if (lockFile.write(lock)) {
      log.info("Wrote " + lockFile.path().getFileName());
    }
    return lock;
  }

  /** What an assembly produced. */
  public record Assembly(Lock lock, ObjectId tree, WorkTreeWriter.Result files) {}

  /**
   * Builds the code base's tree from a resolved lock, records its id in the lock and, unless the
   * work tree is turned off, makes {@code outputDir} hold exactly that tree.
   */
  public Assembly assemble(Lock resolved) throws CodebaseException, IOException {
    BuildRepository store = new BuildRepository(settings.workDir().resolve("objects.git"));
    ObjectId tree = new CodebaseAssembler(store, mirrors, log).assemble(resolved);
    Lock lock = resolved.withTree(tree.name());
    if (lockFile.write(lock)) {
      log.info("Wrote " + lockFile.path().getFileName() + " with code base tree " + tree.name());
    }
    WorkTreeWriter.Result files = null;
    if (settings.workTree()) {
      files = new WorkTreeWriter(store).write(tree, settings.outputDir(), settings.workDir().resolve("worktree.index"));
    }
    return new Assembly(lock, tree, files);
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
