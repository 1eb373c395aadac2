package io.github.moodlecbm.core.overlay;

/** What the site's overlay makes the build say: every sentence of this package, in one place. */
final class OverlayMessages {
  private OverlayMessages() {}

  static String gitEntry(String path) {
    return "The overlay holds " + path + ", a .git entry, which must never reach a code base. Remove it from "
        + OverlayFiles.FOLDER + ".";
  }

  static String linkLeaves(String path, String target) {
    return "The overlay's symbolic link " + path + " points to '" + target + "', outside the code base. Point it"
        + " inside the code base, or replace it with the file itself.";
  }

  static String configPhp(String path) {
    return "The overlay holds " + path + ": config.php never goes into a code base or a release, which every"
        + " environment shares. Put it in src/main/environments/<name>/config.php, and remove it from the overlay.";
  }
}
