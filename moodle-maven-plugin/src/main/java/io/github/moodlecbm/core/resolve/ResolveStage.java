package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The first stage: the site as its pom declares it becomes {@link Resolved}. A pin the lock
 * already records keeps its commit and its mirror is not fetched, unless {@code -Dmoodle.update}
 * (or {@link #update}) asks for it; when nothing the resolution depends on changed since the last
 * build, the lock is taken as it is without opening a mirror; a plugin whose pin did not change is
 * taken as the last resolution read it (see {@link ResolvedPlugins}). Nothing else is written here: the lock is
 * written once the next stage has built and checked the tree.
 */
public final class ResolveStage {
  private final Workspace workspace;
  private final BuildLog log;

  public ResolveStage(Workspace workspace) {
    this.workspace = workspace;
    this.log = workspace.log();
  }

  /** Resolves the site, the floating pins again only with {@code -Dmoodle.update}. */
  public Resolved resolve(Site site) throws CodebaseException, IOException {
    boolean update = workspace.settings().update();
    return resolve(site, who -> update, !update, false);
  }

  /**
   * Resolves again the floating pins (branches, automatic pins, {@code 4.5}, {@code 4.5+}) of the
   * components {@code which} accepts ({@code moodle} for Moodle), with the plugins directory
   * downloaded again; every other pin keeps the lock's commit.
   */
  public Resolved update(Site site, Predicate<String> which) throws CodebaseException, IOException {
    return resolve(site, which, false, true);
  }

  private Resolved resolve(Site site, Predicate<String> update, boolean mayReuse, boolean refreshDirectory)
      throws CodebaseException, IOException {
    BuildSettings settings = workspace.settings();
    if (!settings.offline() && isEmpty(settings.cacheDir())) {
      log.info(ResolveMessages.emptyCache(settings.cacheDir()));
    }
    ResolutionStamp stamp = new ResolutionStamp(workspace);
    Optional<Lock> previous = workspace.lockFile().read();
    if (previous.isPresent() && mayReuse && stamp.unchanged(site, previous.get())) {
      Lock lock = previous.get();
      log.info(ResolveMessages.unchanged(lock, workspace.lockFile().path()));
      return new Resolved(site, lock, true);
    }
    stamp.clear();
    ResolvedPlugins plugins = ResolvedPlugins.at(settings.workDir().resolve("resolved-plugins.json"));
    Lock lock = new SiteResolver(workspace.mirrors(), log, update, settings.offline(), () -> workspace.directory(refreshDirectory))
        .keeping(plugins)
        .resolve(site, previous);
    plugins.write();
    return new Resolved(site, lock, false);
  }

  private static boolean isEmpty(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
