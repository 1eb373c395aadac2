package io.github.moodlecbm.core.release;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a site's releases go.
 *
 * @param repository the local release repository (bare)
 * @param remote the release remote's URL, or null when releases stay on this machine
 * @param serverId the settings.xml server whose credentials the remote takes, or null
 * @param branch the release branch
 */
public record ReleaseTarget(Path repository, String remote, String serverId, String branch) {
  public ReleaseTarget {
    remote = remote == null || remote.isBlank() ? null : remote.trim();
  }

  /**
   * The default release repository of a site: with the user's data, not in the mirror cache (a
   * cache may be deleted, releases must not be), nor in {@code target/} (which {@code mvn clean}
   * deletes). {@code $XDG_DATA_HOME/moodle-cbm/releases/<groupId>/<artifactId>.git}, else {@code
   * ~/.local/share/moodle-cbm/releases/<groupId>/<artifactId>.git}.
   */
  public static Path defaultRepository(Map<String, String> env, Path userHome, String groupId, String artifactId) {
    String xdg = env.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local/share");
    return base.resolve("moodle-cbm/releases").resolve(groupId).resolve(artifactId + ".git");
  }
}
