package io.github.moodlecbm.core;

/**
 * A failure of the build's environment or of the tool rather than of the site: a git host that
 * cannot be reached, a server error, a disk that cannot be written. Explained in sentences like any
 * {@link CodebaseException}, but nothing in the pom is wrong: the same build may pass once the
 * environment is right again.
 */
public class EnvironmentException extends CodebaseException {
  private static final long serialVersionUID = 1L;

  public EnvironmentException(String message) {
    super(message);
  }

  public EnvironmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
