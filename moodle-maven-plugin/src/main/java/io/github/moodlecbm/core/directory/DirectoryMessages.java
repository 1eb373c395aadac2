package io.github.moodlecbm.core.directory;

import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** What this package says: every sentence of it, in one place. */
final class DirectoryMessages {
  private DirectoryMessages() {}

  static String directoryFileMissing(Path file) {
    return "The plugins directory file " + file + " does not exist. Point " + PropertyNames.flag(PropertyNames.PLUGIN_DIRECTORY) + " (or"
        + " <pluginDirectory>) at a saved copy of pluglist.php, or at its URL.";
  }

  static String directoryUnreadable(String where, String why) {
    return "The plugins directory at " + Messages.redact(where) + " cannot be read: " + Messages.redact(why) + ". Give it a copy of"
        + " https://download.moodle.org/api/1.3/pluglist.php.";
  }

  static String directoryOffline(String url) {
    return "Offline, and the plugins directory " + url + " was never downloaded. Build once online, or give"
        + " each plugin a <source>, or point " + PropertyNames.flag(PropertyNames.PLUGIN_DIRECTORY) + " at a saved copy of pluglist.php.";
  }

  static String directoryUnreachable(String url, String why) {
    return "The plugins directory " + url + " cannot be reached (" + why + ") and there is no copy of it in the"
        + " cache. Give each plugin a <source>, or point " + PropertyNames.flag(PropertyNames.PLUGIN_DIRECTORY)
        + " at a saved copy of pluglist.php.";
  }

  static String offlineCopy(Duration age) {
    return "Offline: the plugins directory as downloaded " + ago(age) + ".";
  }

  static String usingOldCopy(String url, String why, Duration age) {
    return "The plugins directory " + url + " cannot be reached (" + why + "): using the copy downloaded " + ago(age) + ".";
  }

  static String downloaded(int plugins, long bytes, long nanos) {
    return String.format(Locale.ROOT, "Downloaded the plugins directory (%d plugins, %.1f MB) in %.1f s.",
        plugins, bytes / 1e6, nanos / 1e9);
  }

  private static String ago(Duration age) {
    long hours = age.toHours();
    if (hours < 1) {
      return Math.max(1, age.toMinutes()) + " minute(s) ago";
    }
    if (hours < 48) {
      return hours + " hour(s) ago";
    }
    return Math.round(age.toMinutes() / 1440.0) + " days ago";
  }
}
