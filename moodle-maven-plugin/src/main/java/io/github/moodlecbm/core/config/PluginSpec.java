package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;

/**
 * One plugin as the site declares it.
 *
 * @param path the folder inside the repository that holds the plugin, or "" for the root
 */
public record PluginSpec(Component component, String source, Pin pin, String path) {

  /** Checks one {@code <plugin>} element of the pom, as the user wrote it. */
  public static PluginSpec declare(
      String component, String source, String branch, String tag, String commit, String path)
      throws CodebaseException {
    Component c = Component.parse(component);
    if (blank(source)) {
      throw new CodebaseException(Messages.missingSource(c));
    }
    Pin pin = Pins.exactlyOne(c.toString(), branch, tag, commit, null);
    String folder = blank(path) ? "" : path.trim().replaceAll("^/+|/+$", "");
    if (folder.contains("..") || folder.contains("\\")) {
      throw new CodebaseException(Messages.badPath(c, path));
    }
    return new PluginSpec(c, source.trim(), pin, folder);
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
