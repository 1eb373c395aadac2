package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.process.Command;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The PHP of the site's servers, as {@code <php>} gives it: a version ({@code 8.3}), or a PHP
 * program (a path, or a name on the PATH such as {@code php8.3}) whose version is asked of it.
 */
public final class PhpProgram {
  /** How long a PHP program may take to say its version. */
  static final Duration VERSION_LIMIT = Duration.ofSeconds(30);

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

  /** The version a PHP program says it is ({@code PHP_VERSION}); it has 30 s to say it. */
  public static String version(Path php) throws CodebaseException, IOException {
    return version(php, VERSION_LIMIT);
  }

  static String version(Path php, Duration limit) throws CodebaseException, IOException {
    Command.Result r;
    try {
      r = Command.of(php.toString(), "-n", "-r", "echo PHP_VERSION;").run(limit);
    } catch (InterruptedIOException e) {
      throw new CodebaseException(PhpMessages.interrupted(php), e);
    }
    if (r.timedOut()) {
      throw new CodebaseException(PhpMessages.noAnswer(php, limit));
    }
    String out = r.text().strip();
    if (r.exitCode() != 0 || !out.matches("\\d+\\.\\d+\\.\\d+.*")) {
      throw new CodebaseException(PhpMessages.notPhp(php, out));
    }
    return out.replaceAll("^(\\d+\\.\\d+\\.\\d+).*", "$1");
  }

  /**
   * The pom's {@code <php>} (or {@code -Dmoodle.php}), understood in one place: for the
   * verification a version to check Moodle's requirement against and a program for {@code php
   * -l}, for the install test the program that runs Moodle's installer. A program named there is
   * looked for, and asked its version, only when a goal needs it; each goal's refusal is said in
   * its own terms.
   */
  public static final class Setting {
    private final String pomValue;
    private final Map<String, String> env;
    private final Map<Path, String> asked = new HashMap<>();

    private Setting(String pomValue, Map<String, String> env) {
      this.pomValue = pomValue;
      this.env = Map.copyOf(env);
    }

    /**
     * @param pomValue {@code <php>} as the pom (or the command line) gives it, or null
     * @param env the variables of the build (its PATH is where a name and {@code php} are looked for)
     */
    public static Setting of(String pomValue, Map<String, String> env) {
      return new Setting(pomValue, env);
    }

    /** Whether {@code <php>} is set. */
    public boolean given() {
      return pomValue != null && !pomValue.isBlank();
    }

    /** The version {@code <php>} gives, such as {@code 8.3}; empty when it names a program or is not set. */
    public Optional<String> declaredVersion() {
      return given() && isVersion(pomValue.trim()) ? Optional.of(pomValue.trim()) : Optional.empty();
    }

    /**
     * The program {@code <php>} names; empty when it gives a version or is not set.
     *
     * @throws CodebaseException when it is neither a version nor a program found
     */
    public Optional<Path> program() throws CodebaseException {
      if (!given() || declaredVersion().isPresent()) {
        return Optional.empty();
      }
      return Optional.of(find(pomValue.trim(), env).orElseThrow(() -> new CodebaseException(
          PhpMessages.neitherVersionNorProgram(pomValue))));
    }

    /**
     * The servers' PHP version, for the verification: the version {@code <php>} gives, or the one
     * the program it names says; empty when {@code <php>} is not set.
     */
    public Optional<String> version() throws CodebaseException, IOException {
      Optional<String> declared = declaredVersion();
      if (declared.isPresent()) {
        return declared;
      }
      Optional<Path> program = program();
      if (program.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(askedVersion(program.get()));
    }

    /** What the verification says of the servers' PHP when {@code <php>} names a program. */
    public Optional<String> describe() throws CodebaseException, IOException {
      Optional<Path> program = program();
      return program.isEmpty() ? Optional.empty() : Optional.of(PhpMessages.serversPhp(program.get(), askedVersion(program.get())));
    }

    /**
     * The program that runs {@code php -l} ({@code -Dmoodle.phpLint}): the one {@code <php>}
     * names, else {@code php} on the PATH.
     */
    public Path lintProgram() throws CodebaseException {
      Optional<Path> program = program();
      if (program.isPresent()) {
        return program.get();
      }
      return onPath(env).orElseThrow(() -> new CodebaseException(PhpMessages.noPhpToLint()));
    }

    /**
     * The program that runs Moodle's installer: the one {@code <php>} names; with a version, or
     * nothing, {@code php} on the PATH.
     */
    public Path installTestProgram() throws CodebaseException {
      if (given() && declaredVersion().isEmpty()) {
        return find(pomValue.trim(), env).orElseThrow(() -> new CodebaseException(PhpMessages.noSuchProgram(pomValue)));
      }
      return onPath(env).orElseThrow(() -> new CodebaseException(PhpMessages.noPhpForInstallTest()));
    }

    /**
     * The warning of an install test that runs another PHP than the version {@code <php>}
     * gives ({@code php} on the PATH is 8.2, the servers run 8.3); empty when they agree or
     * {@code <php>} gives no version.
     */
    public Optional<String> installTestWarning() throws CodebaseException, IOException {
      Optional<String> declared = declaredVersion();
      if (declared.isEmpty()) {
        return Optional.empty();
      }
      Path program = installTestProgram();
      String version = askedVersion(program);
      return (version + ".").startsWith(declared.get() + ".") ? Optional.empty()
          : Optional.of(PhpMessages.installTestRunsAnotherVersion(program, version, declared.get()));
    }

    private String askedVersion(Path program) throws CodebaseException, IOException {
      String version = asked.get(program);
      if (version == null) {
        version = PhpProgram.version(program);
        asked.put(program, version);
      }
      return version;
    }
  }
}
