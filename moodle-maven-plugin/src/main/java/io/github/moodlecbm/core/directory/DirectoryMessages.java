package io.github.moodlecbm.core.directory;

import io.github.moodlecbm.core.Messages;
import java.nio.file.Path;

/** What this package says: every sentence of it, in one place. */
final class DirectoryMessages {
  private DirectoryMessages() {}

  static String directoryFileMissing(java.nio.file.Path file) {
    return "The plugins directory file " + file + " does not exist. Point -Dmoodle.pluginDirectory (or"
        + " <pluginDirectory>) at a saved copy of pluglist.php, or at its URL.";
  }

  static String directoryUnreadable(String where, String why) {
    return "The plugins directory at " + Messages.redact(where) + " cannot be read: " + Messages.redact(why) + ". Give it a copy of"
        + " https://download.moodle.org/api/1.3/pluglist.php.";
  }

  static String directoryOffline(String url) {
    return "Offline, and the plugins directory " + url + " was never downloaded. Build once online, or give"
        + " each plugin a <source>, or point -Dmoodle.pluginDirectory at a saved copy of pluglist.php.";
  }

  static String directoryUnreachable(String url, String why) {
    return "The plugins directory " + url + " cannot be reached (" + why + ") and there is no copy of it in the"
        + " cache. Give each plugin a <source>, or point -Dmoodle.pluginDirectory at a saved copy of pluglist.php.";
  }
}
