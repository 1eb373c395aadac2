package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.CodebaseException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PHP of the site's servers, as {@code <php>} gives it: a version ({@code 8.3}), or a PHP
 * program (a path, or a name on the PATH such as {@code php8.3}) whose version is asked of it.
 */
public final class PhpProgram {
  private PhpProgram() {}

  /** Whether the text is a PHP version such as {@code 8.3} or {@code 8.3.12}. */
  public static boolean isVersion(String text) {
    return text.matches("\\d+(\\.\\d+){0,2}");
  }

  /** A program by path, or by name on the PATH. */
  public static Optional<Path> find(String nameOrPath, Map<String, String> env) {
    if (nameOrPath.contains("/")) {
      Path path = Path.of(nameOrPath);
      return Files.isExecutable(path) && !Files.isDirectory(path) ? Optional.of(path) : Optional.empty();
    }
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, nameOrPath);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The first {@code php} on the PATH, if any. */
  public static Optional<Path> onPath(Map<String, String> env) {
    return find("php", env);
  }

  /** The version a PHP program says it is ({@code PHP_VERSION}). */
  public static String version(Path php) throws CodebaseException, IOException {
    Process p = new ProcessBuilder(php.toString(), "-n", "-r", "echo PHP_VERSION;").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("\\d+\\.\\d+\\.\\d+.*")) {
        p.destroyForcibly();
        throw new CodebaseException(php + " does not answer as PHP does (php -r 'echo PHP_VERSION;' gave: " + out
            + "). Name a PHP program, or a version such as 8.3, in <php>.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodebaseException("Interrupted while asking " + php + " its version.");
    }
    return out.replaceAll("^(\\d+\\.\\d+\\.\\d+).*", "$1");
  }
}
