package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;

/** What reading and editing a site's pom says: every sentence of the pom editor, in one place. */
final class PomMessages {
  private PomMessages() {}

  static String notXml(int line, String reason) {
    return "pom.xml is not well-formed XML" + (line > 0 ? " (line " + line + ")" : "") + ": " + reason
        + (reason.endsWith(".") ? "" : ".") + " Correct it, then run the goal again.";
  }

  static String noRootElement() {
    return notXml(-1, "no element");
  }

  static String cannotPlace(String what, int line) {
    return "pom.xml was left as it was: the XML reader placed " + what + " at line " + line
        + " where the text holds something else. Make the change in pom.xml by hand.";
  }

  static String noPlugin() {
    return "pom.xml has no moodle-maven-plugin: add the plugin as the archetype's pom does,"
        + " then add plugins to its <configuration>.";
  }

  static String noConfiguration() {
    return "The moodle-maven-plugin of pom.xml has no <configuration>: add one with <moodle>.";
  }

  static String noPlugins(String component) {
    return "The moodle-maven-plugin of pom.xml declares no <plugins>, so not " + component
        + ": add it with mvn moodle:add " + PropertyNames.flag(PropertyNames.COMPONENT, component) + ".";
  }

  static String notDeclared(String component, String listName) {
    return listName.equals("plugins") ? component + " is not declared in pom.xml."
        : component + " is not declared in the <" + listName + "> of pom.xml.";
  }

  static String noMoodle() {
    return "pom.xml has no <moodle> in the configuration of moodle-maven-plugin: add <moodle><version>4.5</version></moodle>"
        + " (the site's Moodle) to it.";
  }

  static String noElement(String who, String element, String value) {
    return who + " has no <" + element + "> in pom.xml: set <" + element + "> to " + value + " by hand where it is declared.";
  }

  static String noMoodleVersion(String value) {
    return noElement("<moodle>", "version", value);
  }

  static String property(String who, String element, String written, String value) {
    return "The <" + element + "> of " + who + " in pom.xml is " + written + ", a property: set the property to " + value
        + " by hand.";
  }

  static String notAValue(String who, String element, String value) {
    return "The <" + element + "> of " + who + " in pom.xml holds elements or instructions, not a value:"
        + " set it to " + value + " by hand.";
  }

  static String unreadable(Path pom, String reason) {
    return pom.getFileName() + " could not be read (" + reason + ").";
  }

  static String notUtf8(Path pom) {
    return pom.getFileName() + " is not UTF-8 text: save it as UTF-8, then run the goal again.";
  }

  static String unwritable(Path pom, String reason) {
    return pom.getFileName() + " could not be written (" + reason + "); it is unchanged.";
  }
}
