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
 * @param sshDirectory the folder of the ssh keys and known_hosts for ssh sources
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
    Servers servers,
    Path sshDirectory) {

  /** Settings without any credentials. */
  public BuildSettings(Path lockFile, Path cacheDir, UrlRewrites rewrites, Path workDir, Path outputDir,
      boolean update, boolean offline, boolean workTree) {
    this(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, Servers.none(), defaultSshDirectory());
  }

  public BuildSettings offline(boolean value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, value, workTree, servers, sshDirectory);
  }

  public BuildSettings update(boolean value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, value, offline, workTree, servers, sshDirectory);
  }

  public BuildSettings workTree(boolean value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, value, servers, sshDirectory);
  }

  public BuildSettings withServers(Servers value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, value, sshDirectory);
  }

  public BuildSettings withSshDirectory(Path value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, servers, value);
  }

  public BuildSettings withRewrites(UrlRewrites value) {
    return new BuildSettings(lockFile, cacheDir, value, workDir, outputDir, update, offline, workTree, servers, sshDirectory);
  }

  /** The user's ssh folder, where keys and known_hosts are: {@code ~/.ssh}. */
  public static Path defaultSshDirectory() {
    return Path.of(System.getProperty("user.home"), ".ssh");
  }
}
