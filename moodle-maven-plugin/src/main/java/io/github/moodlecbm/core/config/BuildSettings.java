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
 * @param pluginDirectory the plugins directory's URL or a local copy of its listing
 * @param skipAppliedPatches leave out, with a warning, a patch of the site's own that upstream already has
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
    Path sshDirectory,
    String pluginDirectory,
    boolean skipAppliedPatches) {

  /** The site project's folder: the lock file's. */
  public Path projectDir() {
    return lockFile.toAbsolutePath().getParent();
  }

  /** The plugins directory of moodle.org's API 1.3. */
  public static final String DEFAULT_PLUGIN_DIRECTORY = "https://download.moodle.org/api/1.3/pluglist.php";

  /** Settings without any credentials. */
  public BuildSettings(Path lockFile, Path cacheDir, UrlRewrites rewrites, Path workDir, Path outputDir,
      boolean update, boolean offline, boolean workTree) {
    this(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, Servers.none(), defaultSshDirectory(),
        DEFAULT_PLUGIN_DIRECTORY, false);
  }

  public BuildSettings offline(boolean value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, value, workTree, servers, sshDirectory, pluginDirectory, skipAppliedPatches);
  }

  public BuildSettings update(boolean value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, value, offline, workTree, servers, sshDirectory, pluginDirectory, skipAppliedPatches);
  }

  public BuildSettings workTree(boolean value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, value, servers, sshDirectory, pluginDirectory, skipAppliedPatches);
  }

  public BuildSettings withServers(Servers value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, value, sshDirectory, pluginDirectory, skipAppliedPatches);
  }

  public BuildSettings withSshDirectory(Path value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, servers, value, pluginDirectory, skipAppliedPatches);
  }

  public BuildSettings withRewrites(UrlRewrites value) {
    return new BuildSettings(lockFile, cacheDir, value, workDir, outputDir, update, offline, workTree, servers, sshDirectory, pluginDirectory, skipAppliedPatches);
  }

  public BuildSettings withPluginDirectory(String value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, servers, sshDirectory,
        value == null || value.isBlank() ? DEFAULT_PLUGIN_DIRECTORY : value.trim(), skipAppliedPatches);
  }

  public BuildSettings withSkipAppliedPatches(boolean value) {
    return new BuildSettings(lockFile, cacheDir, rewrites, workDir, outputDir, update, offline, workTree, servers, sshDirectory,
        pluginDirectory, value);
  }

  /** The user's ssh folder, where keys and known_hosts are: {@code ~/.ssh}. */
  public static Path defaultSshDirectory() {
    return Path.of(System.getProperty("user.home"), ".ssh");
  }
}
