package io.github.moodlecbm.core;

/**
 * A failure the build explains to a Moodle administrator in sentences, shown without a stack
 * trace: what failed (naming the component), what was found, and the fix in pom or command-line
 * terms. Unless it is an {@link EnvironmentException}, it is a problem of the site or of the
 * user's input (an unknown component, a missing branch, a Moodle version that does not exist): the
 * build is wrong, and the message says how to make it right.
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
