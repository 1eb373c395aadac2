package io.github.moodlecbm.core.verify;

/**
 * One outcome of one check for one component: what a CI server shows as a test case.
 *
 * @param component the component, or "moodle" for core
 * @param check the check's short name, such as {@code requires}
 * @param message what was found and the fix, in Moodle terms; empty when it passed
 */
public record Finding(String component, String check, Severity severity, String message) {
  public enum Severity { PASSED, WARNING, ERROR }

  static Finding passed(String component, String check) {
    return new Finding(component, check, Severity.PASSED, "");
  }

  static Finding error(String component, String check, String message) {
    return new Finding(component, check, Severity.ERROR, message);
  }

  static Finding warning(String component, String check, String message) {
    return new Finding(component, check, Severity.WARNING, message);
  }
}
