package io.github.moodlecbm.core;

import io.github.moodlecbm.core.assembly.BuildRepository;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.directory.DirectoryCache;
import io.github.moodlecbm.core.directory.PluginDirectory;
import io.github.moodlecbm.core.mirror.FetchLedger;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.LockFile;
import java.io.IOException;

/**
 * What the stages of one goal of one site work with: the build's settings and log, the shared
 * mirror cache, the build's object store under {@code target/} and the lock file. A goal opens it,
 * runs its stages, and closes it; what a stage produces lives in its result ({@code Resolved},
 * {@code Assembled}, {@code Verified}, {@code Released}), never here.
 */
public final class Workspace implements AutoCloseable {
  private final BuildSettings settings;
  private final BuildLog log;
  private final MirrorCache mirrors;
  private final BuildRepository store;
  private final LockFile lockFile;
  private PluginDirectory directory;
  private boolean directoryRefreshed;

  public Workspace(BuildSettings settings, BuildLog log) {
    this(settings, log, new FetchLedger());
  }

  /** A workspace whose mirrors are fetched at most once under {@code ledger}, shared by the goals and sites of one build. */
  public Workspace(BuildSettings settings, BuildLog log, FetchLedger ledger) {
    GitSetup.ensure();
    this.settings = settings;
    this.log = log;
    this.mirrors = new MirrorCache(settings.cacheDir(), settings.rewrites(), settings.servers(), settings.sshDirectory(),
        ledger, log);
    this.store = new BuildRepository(settings.workDir().resolve("objects.git"));
    this.lockFile = new LockFile(settings.lockFile());
  }

  public BuildSettings settings() {
    return settings;
  }

  public BuildLog log() {
    return log;
  }

  public MirrorCache mirrors() {
    return mirrors;
  }

  /** The build's private object store under {@code target/}: the trees assembly writes. */
  public BuildRepository store() {
    return store;
  }

  public LockFile lockFile() {
    return lockFile;
  }

  /** The objects of the code base of {@code lock}, each read from the repository that has it; the caller closes them. */
  public ObjectSources objects(Lock lock) throws IOException {
    return ObjectSources.open(store, mirrors, lock);
  }

  /**
   * The plugins directory, loaded once, when something first needs it: downloaded again when a day
   * old, with {@code -Dmoodle.update}, or when {@code refresh} asks for it (an update).
   */
  public PluginDirectory directory(boolean refresh) throws CodebaseException, IOException {
    boolean fresh = refresh || settings.update();
    if (directory == null || fresh && !directoryRefreshed) {
      directory = new DirectoryCache(settings.pluginDirectory(), settings.cacheDir(), fresh, settings.offline(), log).load();
      directoryRefreshed = fresh;
    }
    return directory;
  }

  @Override
  public void close() {
    mirrors.close();
  }
}
