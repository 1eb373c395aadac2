package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.PropertyNames;
import java.util.Collection;
import java.util.List;

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

  static String malformedComponent(String value) {
    return "'" + value + "' is not a Moodle component name. A component is type_name in lower case,"
        + " such as mod_attendance or tool_redis. Fix <component> in pom.xml.";
  }

  static String malformedMoodleVersion(String value) {
    return "Moodle version '" + value + "' is not understood. Use 4.5 (newest 4.5 release), 4.5+"
        + " (head of MOODLE_405_STABLE) or 4.5.3 (that release) in <moodle><version>, or pin"
        + " <branch>, <tag> or <commit> instead.";
  }

  static String badPath(Component c, String path) {
    return c + ": <path>" + path + "</path> must be a folder inside the repository, such as"
        + " local/o365; '..' and backslashes are not allowed.";
  }

  static String malformedCommit(String who, String id) {
    return who + ": <commit>" + id + "</commit> is not a commit id. Give 4 to 40 hexadecimal"
        + " characters, such as 1a2b3c4d.";
  }

  static String pinCount(String who, List<String> given, boolean moodle) {
    String choices = moodle ? "<version>, <branch>, <tag> or <commit>"
        : "<branch>, <tag>, <commit>, <version> or <release> (or none: the newest compatible version)";
    if (given.isEmpty()) {
      return who + ": no version given. Set exactly one of " + choices + " for "
          + (moodle ? "<moodle>" : "this plugin") + " in pom.xml.";
    }
    return who + ": " + String.join(" and ", given) + (given.size() == 2 ? " are both set" : " are all set")
        + ". Keep exactly one of " + choices
        + " in pom.xml.";
  }

  static String malformedPluginVersion(String who, String number) {
    return who + ": <version>" + number + "</version> is not a plugin version. A plugin's version is its"
        + " $plugin->version, ten digits such as 2024100701; for a release name such as v4.5.1 use <release>.";
  }

  static String malformedRewrite(String rule) {
    return "URL rewrite '" + Messages.redact(rule) + "' is not of the form FROM=TO. Fix <rewrites> in pom.xml"
        + " or " + PropertyNames.flag(PropertyNames.REWRITES) + ", e.g. https://github.com/=https://git.example.org/github/.";
  }

  static String duplicateComponent(Component c) {
    return c + " is declared twice in <plugins>. Keep one <plugin> element for it in pom.xml.";
  }

  static String unreadableGitConfig(String detail) {
    return "Your git configuration cannot be read (" + detail + "); its url.<base>.insteadOf rules are"
        + " needed to rewrite source URLs. Fix ~/.gitconfig.";
  }

  static String unknownServerId(String who, String id, java.util.Collection<String> known) {
    return who + ": <serverId>" + id + "</serverId> names no <server> of settings.xml"
        + (known.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", known) + ")")
        + ". Add a <server> with that <id>, <username> and <password> to ~/.m2/settings.xml.";
  }

  static String unknownPluginElement(String who, String element, String where, List<String> known) {
    return who + ": <" + element + "> is not an element of a <plugin> in " + where + ". A <plugin> has "
        + known.stream().map(e -> "<" + e + ">").collect(java.util.stream.Collectors.joining(", "))
        + "; fix the spelling or remove it.";
  }

  static String repeatedPluginElement(String who, String element, String where) {
    return who + ": <" + element + "> is given twice in one <plugin> of " + where + ". Keep one.";
  }

  static String noComponent(String where) {
    return "A <plugin> of " + where + " has no <component>. Give the plugin's component, such as"
        + " <component>mod_attendance</component>.";
  }
}
