package io.github.moodlecbm.core;

/**
 * A problem the user can fix in the site's pom or on the command line: an unknown component, a
 * missing branch, a Moodle version that does not exist. Its message is a complete sentence meant
 * for a Moodle administrator; it is shown without a stack trace.
 */
public class CodebaseException extends Exception {
  private static final long serialVersionUID = 1L;

  public CodebaseException(String message) {
    super(message);
  }

  public CodebaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
