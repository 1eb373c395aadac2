package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.process.Command;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A command of an environment run around the switch ({@code moodle.env.beforeSwitch}, ...): by
 * {@code /bin/sh -c} in the environment's folder, with no input, its output shown line by line as
 * it comes, stopped with every process it started when it outlives {@code moodle.env.hookTimeout}.
 * The site's code is never run by the build itself: only the commands the administrator wrote.
 * The log and the messages show the command as written, its placeholders unfilled, and its output
 * never shows a password it was given: a secret of settings.xml stays out of the build's log.
 *
 * @param command the command as it runs, its placeholders filled
 * @param shown the command as {@code environment.properties} writes it
 * @param propertiesFile where the setting and the time limit are given, for messages
 * @param secrets the passwords filled into the command, hidden wherever its output is shown
 */
record Hook(String setting, String command, String shown, Duration limit, Path propertiesFile, Set<String> secrets) {
  /** Runs the command; a non-zero exit, or the end of its time, fails with {@code consequence} said after it. */
  void run(Path workDir, Map<String, String> variables, BuildLog log, String consequence) throws CodebaseException, IOException {
    log.info(RolloutMessages.running(this));
    Command.Result r;
    try {
      Command command = Command.of("/bin/sh", "-c", this.command).in(workDir).env(variables)
          .onLine(line -> log.info("  [" + setting + "] " + line));
      secrets.forEach(command::hiding);
      r = command.run(limit);
    } catch (InterruptedIOException e) {
      throw new CodebaseException(RolloutMessages.hookInterrupted(setting, consequence), e);
    }
    if (r.timedOut()) {
      throw new CodebaseException(RolloutMessages.hookTimedOut(setting, limit, shown, propertiesFile, consequence));
    }
    if (r.exitCode() != 0) {
      throw new CodebaseException(RolloutMessages.hookFailed(setting, r.exitCode(), shown, consequence));
    }
  }
}
