package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;

/** Moodle core as the site declares it. */
public record MoodleSpec(String source, Pin pin, String serverId) {
  public static final String DEFAULT_SOURCE = "https://github.com/moodle/moodle.git";

  public MoodleSpec withServerId(String id) {
    return new MoodleSpec(source, pin, PluginSpec.blank(id) ? null : id.trim());
  }

  /** Checks the {@code <moodle>} element of the pom, as the user wrote it. */
  public static MoodleSpec declare(
      String version, String branch, String tag, String commit, String source)
      throws CodebaseException {
    Pin pin = Pins.exactlyOne("moodle", branch, tag, commit, version);
    return new MoodleSpec(PluginSpec.blank(source) ? DEFAULT_SOURCE : source.trim(), pin, null);
  }
}
