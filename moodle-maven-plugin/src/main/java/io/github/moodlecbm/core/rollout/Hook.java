package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A command of an environment run around the switch ({@code moodle.env.beforeSwitch}, ...): by
 * {@code /bin/sh -c} in the environment's folder, with no input, its output shown line by line.
 * The site's code is never run by the build itself: only the commands the administrator wrote.
 */
record Hook(String setting, String command) {
  /** Runs the command; a non-zero exit fails with {@code consequence} said after it. */
  void run(Path workDir, Map<String, String> variables, BuildLog log, String consequence) throws CodebaseException, IOException {
    log.info("Running " + setting + ": " + command);
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(variables);
    Process process = builder.start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        log.info("  [" + setting + "] " + line);
      }
    }
    int exit;
    try {
      exit = process.waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new CodebaseException(setting + " was interrupted. " + consequence);
    }
    if (exit != 0) {
      throw new CodebaseException(setting + " failed (exit code " + exit + "): " + command + ". " + consequence);
    }
  }
}
