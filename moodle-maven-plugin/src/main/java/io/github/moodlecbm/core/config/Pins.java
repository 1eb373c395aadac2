package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

final class Pins {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,40}");

  private Pins() {}

  /** The single pin among the elements given; {@code version} is null for plugins. */
  static Pin exactlyOne(String who, String branch, String tag, String commit, String version)
      throws CodebaseException {
    return atMostOne(who, branch, tag, commit, version, null, null, false);
  }

  /**
   * A plugin's pin: at most one of branch, tag, commit, {@code $plugin->version} and
   * {@code $plugin->release}; none is the automatic pin.
   */
  static Pin forPlugin(String who, String branch, String tag, String commit, String pluginVersion, String pluginRelease)
      throws CodebaseException {
    return atMostOne(who, branch, tag, commit, null, pluginVersion, pluginRelease, true);
  }

  private static Pin atMostOne(String who, String branch, String tag, String commit, String version,
      String pluginVersion, String pluginRelease, boolean plugin) throws CodebaseException {
    List<String> given = new ArrayList<>();
    List<Pin> pins = new ArrayList<>();
    if (!PluginSpec.blank(version)) {
      given.add("<version>");
      pins.add(new Pin.Release(MoodleVersion.parse(version)));
    }
    if (!PluginSpec.blank(branch)) {
      given.add("<branch>");
      pins.add(new Pin.Branch(branch.trim()));
    }
    if (!PluginSpec.blank(tag)) {
      given.add("<tag>");
      pins.add(new Pin.Tag(tag.trim()));
    }
    if (!PluginSpec.blank(commit)) {
      String id = commit.trim();
      if (!COMMIT.matcher(id).matches()) {
        throw new CodebaseException(ConfigMessages.malformedCommit(who, id));
      }
      given.add("<commit>");
      pins.add(new Pin.Commit(id.toLowerCase(java.util.Locale.ROOT)));
    }
    if (!PluginSpec.blank(pluginVersion)) {
      String number = pluginVersion.trim();
      if (!Pin.PLUGIN_VERSION.matcher(number).matches()) {
        throw new CodebaseException(ConfigMessages.malformedPluginVersion(who, number));
      }
      given.add("<version>");
      pins.add(new Pin.PluginVersion(number));
    }
    if (!PluginSpec.blank(pluginRelease)) {
      given.add("<release>");
      pins.add(new Pin.PluginRelease(pluginRelease.trim()));
    }
    if (plugin && pins.isEmpty()) {
      return new Pin.Automatic();
    }
    if (pins.size() != 1) {
      throw new CodebaseException(ConfigMessages.pinCount(who, given, !plugin));
    }
    return pins.get(0);
  }
}
