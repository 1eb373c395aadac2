package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import io.github.moodlecbm.core.Messages;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * The one place where a failure of the core becomes Maven's. A problem of the site or of the
 * user's input ({@link CodebaseException}) is a {@link MojoFailureException}: the build is wrong,
 * its message says how to make it right. A failure of the environment or of the tool (an
 * {@link EnvironmentException}, an I/O error, a JGit internal error, any unchecked exception) is a
 * {@link MojoExecutionException}. Either carries only the sentence, without the cause: Maven prints
 * the messages of every cause, and a transport's message may hold a URL with its credentials. The
 * stack trace goes to the debug log ({@code -X}), credentials removed.
 */
final class Failures {
  private Failures() {}

  /** Throws the Maven failure of {@code e}. */
  static void raise(Exception e, Log log) throws MojoExecutionException, MojoFailureException {
    if (log.isDebugEnabled()) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      log.debug(Messages.redact(trace.toString()));
    }
    // The core's own sentences name URLs without their passwords already (and keep an ssh user name).
    if (e instanceof EnvironmentException) {
      throw new MojoExecutionException(e.getMessage());
    }
    if (e instanceof CodebaseException) {
      throw new MojoFailureException(e.getMessage());
    }
    throw new MojoExecutionException(Messages.unexpected(e));
  }
}
