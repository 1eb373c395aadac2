package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.PropertyNames;

/** What the build says about the site's declaration and the build's settings: the sentences of this package. */
public final class ConfigMessages {
  private ConfigMessages() {}

  public static String skipping() {
    return "Skipping (" + PropertyNames.SKIP + " is set)";
  }

  public static String noMoodleElement() {
    return "No <moodle> element in the configuration of moodle-maven-plugin. Add <moodle><version>4.5</version></moodle>"
        + " to pom.xml.";
  }

  public static String undecryptablePassword(String serverId, String problem) {
    return "The password of server '" + serverId + "' in settings.xml cannot be decrypted: " + Messages.redact(problem)
        + ". Check ~/.m2/settings-security.xml.";
  }
}
