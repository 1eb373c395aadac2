package io.github.moodlecbm.core.config;

import java.nio.file.Path;

/**
 * How one build of a site runs, beside what the site asks for.
 *
 * @param lockFile the lock file next to the pom
 * @param cacheDir the shared mirror cache
 * @param workDir the site's private working folder under {@code target/}
 * @param outputDir where the code base's files are written ({@code target/moodle})
 * @param update re-resolve floating pins and rewrite the lock
 * @param offline fetch nothing
 * @param workTree write {@code outputDir}; false keeps everything in git objects
 * @param servers credentials for https sources
 */
public record BuildSettings(
    Path lockFile,
    Path cacheDir,
    UrlRewrites rewrites,
    Path workDir,
    Path outputDir,
    boolean update,
    boolean offline,
    boolean workTree,
    Servers servers) {

  /** Settings without any credentials. */
  public BuildSettings(Path lockFile, Path cacheDir, UrlRewrites rewrites, Path workDir, Path outputDir,
      boolean update, boolean offline, boolean workTree) {
    this(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, Servers.none());
  }
}
