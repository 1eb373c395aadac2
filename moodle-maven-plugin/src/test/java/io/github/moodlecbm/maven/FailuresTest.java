package io.github.moodlecbm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** Every failure of the core reaches Maven as one of two kinds, with its sentence and nothing else. */
class FailuresTest {
  /** A log that keeps its debug lines, with -X on or off. */
  private static final class Log extends SystemStreamLog {
    final List<String> debug = new ArrayList<>();
    final boolean debugEnabled;

    Log(boolean debugEnabled) {
      this.debugEnabled = debugEnabled;
    }

    @Override
    public boolean isDebugEnabled() {
      return debugEnabled;
    }

    @Override
    public void debug(CharSequence content) {
      debug.add(content.toString());
    }
  }

  private static AbstractMojoExecutionException raised(Exception e, Log log) {
    return assertThrows(AbstractMojoExecutionException.class, () -> Failures.raise(e, log));
  }

  @Test
  void aProblemOfTheSiteFailsTheBuildWithItsSentenceAlone() {
    AbstractMojoExecutionException m = raised(new CodebaseException("block_xp: tag v99 not found in https://github.com/x/y.git."),
        new Log(false));
    assertTrue(m instanceof MojoFailureException, m.getClass().getName());
    assertEquals("block_xp: tag v99 not found in https://github.com/x/y.git.", m.getMessage());
    assertNull(m.getCause(), "Maven prints the messages of every cause");
  }

  @Test
  void aFailureOfTheEnvironmentIsAnExecutionErrorWithItsSentenceAlone() {
    AbstractMojoExecutionException m = raised(new EnvironmentException("moodle: cannot fetch https://github.com/moodle/moodle.git:"
        + " connection refused. Check your network.", new java.net.ConnectException("refused")), new Log(false));
    assertTrue(m instanceof MojoExecutionException, m.getClass().getName());
    assertEquals("moodle: cannot fetch https://github.com/moodle/moodle.git: connection refused. Check your network.", m.getMessage());
    assertNull(m.getCause());
  }

  @Test
  void anUncheckedExceptionOrAnIoErrorIsAnExecutionErrorWithoutACredentialOrAStackTrace() {
    Log log = new Log(true);
    RuntimeException bug = new IllegalStateException("cannot read https://ci-bot:s3cret-token@git.example.org/site.git",
        new IOException("https://ci-bot:s3cret-token@git.example.org: broken"));
    AbstractMojoExecutionException m = raised(bug, log);
    assertTrue(m instanceof MojoExecutionException);
    assertNull(m.getCause());
    assertEquals("The build stopped on a failure of its environment or of moodle-maven-plugin itself (IllegalStateException:"
        + " cannot read https://git.example.org/site.git). Run it again with -X to see where; if it happens again, report it"
        + " with that log.", m.getMessage());
    assertFalse(m.getMessage().contains("s3cret"));
    assertEquals(1, log.debug.size(), "the stack trace goes to -X");
    assertTrue(log.debug.get(0).contains("at io.github.moodlecbm.maven.FailuresTest"), log.debug.get(0));
    assertFalse(log.debug.get(0).contains("s3cret"), "not even with -X");

    AbstractMojoExecutionException disk = raised(new AccessDeniedException("/srv/cache/moodle.git", null, "Permission denied"),
        new Log(false));
    assertEquals("The build stopped on a failure of its environment or of moodle-maven-plugin itself (AccessDeniedException on"
        + " /srv/cache/moodle.git: Permission denied). Run it again with -X to see where; if it happens again, report it with"
        + " that log.", disk.getMessage());
  }
}
