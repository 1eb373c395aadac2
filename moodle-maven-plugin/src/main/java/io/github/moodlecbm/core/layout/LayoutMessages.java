package io.github.moodlecbm.core.layout;


/** What this package says: every sentence of it, in one place. */
final class LayoutMessages {
  private LayoutMessages() {}

  static String notMoodle(String url) {
    return "moodle: " + url + " does not look like Moodle at the pinned commit (no lib/components.json"
        + " or version.php). Check <moodle><source> in pom.xml.";
  }

  static String unreadableJson(String who, String file, String detail) {
    return who + ": " + file + " is not valid JSON: " + detail;
  }

  static String unsafePath(String who, String file, String path) {
    return who + ": " + file + " names the folder '" + path + "', which leaves the code base. Only"
        + " relative paths without '..' are allowed.";
  }
}
