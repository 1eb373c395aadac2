package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;

/**
 * One plugin as the site declares it.
 *
 * @param source the git URL, or null when the plugins directory names it
 * @param path the folder inside the repository that holds the plugin, or "" for the root
 * @param serverId the settings.xml server whose credentials fetch it, or null to match by host
 */
public record PluginSpec(Component component, String source, Pin pin, String path, String serverId) {

  /** Checks one {@code <plugin>} element of the pom, as the user wrote it. */
  public static PluginSpec declare(
      String component, String source, String branch, String tag, String commit, String path)
      throws CodebaseException {
    return declare(component, source, branch, tag, commit, null, null, path);
  }

  /**
   * Checks one {@code <plugin>} element of the pom, as the user wrote it. Without a source, the
   * plugins directory names it; without a pin, the newest compatible version is taken.
   */
  public static PluginSpec declare(String component, String source, String branch, String tag, String commit,
      String version, String release, String path) throws CodebaseException {
    Component c = Component.parse(component);
    Pin pin = Pins.forPlugin(c.toString(), branch, tag, commit, version, release);
    String folder = blank(path) ? "" : path.trim().replaceAll("^/+|/+$", "");
    if (folder.contains("..") || folder.contains("\\")) {
      throw new CodebaseException(ConfigMessages.badPath(c, path));
    }
    return new PluginSpec(c, blank(source) ? null : source.trim(), pin, folder, null);
  }

  /** Whether the plugins directory names the source. */
  public boolean sourceFromDirectory() {
    return source == null;
  }

  public PluginSpec withServerId(String id) {
    return new PluginSpec(component, source, pin, path, blank(id) ? null : id.trim());
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
