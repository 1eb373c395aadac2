package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;
import java.time.Duration;

/** The sentences about the PHP program: {@code <php>}, its version, {@code php -l}. */
final class PhpMessages {
  private static final String PHP_FLAG = PropertyNames.flag(PropertyNames.PHP);
  private static final String PHP_LINT_FLAG = PropertyNames.flag(PropertyNames.PHP_LINT);

  private PhpMessages() {}

  /** The verification's: {@code <php>} is neither a version nor a program found. */
  static String neitherVersionNorProgram(String pomValue) {
    return "<php>" + pomValue + "</php> is neither a PHP version such as 8.3 nor a PHP program (a path, or a name on the PATH"
        + " such as php8.3). Fix <php> in pom.xml (or " + PHP_FLAG + ").";
  }

  /** The install test's: {@code <php>} names a program that is not there. */
  static String noSuchProgram(String pomValue) {
    return "<php>" + pomValue + "</php> names no PHP program (a path, or a name on the PATH such as php8.3). Fix <php> in"
        + " pom.xml (or " + PHP_FLAG + ").";
  }

  static String noPhpToLint() {
    return PHP_LINT_FLAG + " is set but there is no php on the PATH. Install the PHP command line (Debian: apt-get"
        + " install php-cli), name one in <php>, or drop " + PHP_LINT_FLAG + ".";
  }

  static String noPhpForInstallTest() {
    return "The install test runs Moodle's installer with PHP, and there is no php on the PATH. Install the PHP command line"
        + " with PostgreSQL support (Debian: apt-get install php-cli php-pgsql), or name it in <php> ("
        + PropertyNames.flag(PropertyNames.PHP, "/usr/bin/php8.3") + ").";
  }

  static String installTestRunsAnotherVersion(Path program, String version, String declared) {
    return "The install test runs " + program + " (PHP " + version + "), not PHP " + declared + " of <php>: name the"
        + " servers' PHP program in <php> to test with it.";
  }

  static String serversPhp(Path program, String version) {
    return "PHP of the servers: " + program + " (PHP " + version + ")";
  }

  static String notPhp(Path program, String answer) {
    return program + " does not answer as PHP does (php -r 'echo PHP_VERSION;' gave: " + answer + "). Name a PHP program, or a"
        + " version such as 8.3, in <php>.";
  }

  static String noAnswer(Path program, Duration limit) {
    return program + " does not answer as PHP does (php -r 'echo PHP_VERSION;' gave no answer in " + limit.toSeconds()
        + " s and was stopped). Name a PHP program, or a version such as 8.3, in <php>.";
  }

  static String interrupted(Path program) {
    return "Interrupted while asking " + program + " its version.";
  }

  static String lintDidNotFinish(String component, String path, Duration limit) {
    return component + ": php -l did not finish on " + path + " within " + limit.toSeconds() + " s: it was stopped. Check"
        + " the PHP program (" + PHP_FLAG + "), or pin another version of " + component + ".";
  }

  static String lintInterrupted() {
    return "php -l was interrupted";
  }

  static String lintFailed(String reason) {
    return "php -l failed: " + reason;
  }

  static String notValidPhp(String component, String path, String reason) {
    return component + ": " + path + " is not valid PHP: " + reason + ". Pin another version of " + component + ".";
  }
}
