package io.github.moodlecbm.core.rollout;

import java.nio.file.Path;
import java.time.Duration;

/** The sentences about an environment's commands ({@code moodle.env.beforeSwitch}, ...). */
final class RolloutMessages {
  private RolloutMessages() {}

  static String hookFailed(String setting, int exitCode, String command, String consequence) {
    return setting + " failed (exit code " + exitCode + "): " + command + ". " + consequence;
  }

  static String hookInterrupted(String setting, String consequence) {
    return setting + " was interrupted. " + consequence;
  }

  static String hookTimedOut(String setting, Duration limit, String command, Path propertiesFile, String consequence) {
    return setting + " ran out of time: it was still running after " + limit.toSeconds() + " s and was stopped, with every"
        + " process it started: " + command + ". " + consequence + " To give it more time, set " + Environment.HOOK_TIMEOUT
        + "=<seconds> in " + propertiesFile + ".";
  }

  static String badHookTimeout(String who, String value, Path propertiesFile) {
    return who + Environment.HOOK_TIMEOUT + "=" + value + " in " + propertiesFile + " is not a number of seconds: use a whole"
        + " number above 0, such as " + Environment.HOOK_TIMEOUT + "=1800 for 30 minutes (default "
        + Environment.DEFAULT_HOOK_TIMEOUT.toSeconds() + ").";
  }
}
