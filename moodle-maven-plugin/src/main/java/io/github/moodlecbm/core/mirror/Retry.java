package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.Messages;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;

/**
 * Retries a network operation that failed for a reason that may pass (a reset connection, a
 * timeout, a busy server), with growing pauses. A missing repository or refused credentials fail
 * at once: retrying them only delays the message.
 */
public final class Retry {
  /** One attempt of the operation. */
  public interface Attempt<T, E extends Exception> {
    T run() throws E;
  }

  private final List<Duration> pauses;
  private final BuildLog log;

  Retry(List<Duration> pauses, BuildLog log) {
    this.pauses = pauses;
    this.log = log;
  }

  public static Retry standard(BuildLog log) {
    return new Retry(List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6)), log);
  }

  public <T, E extends Exception> T run(String who, Attempt<T, E> attempt) throws E {
    for (int i = 0; ; i++) {
      try {
        return attempt.run();
      } catch (Exception e) {
        if (i >= pauses.size() || !isTransient(e)) {
          throw e;
        }
        Duration pause = pauses.get(i);
        log.warn("[" + who + "] " + Messages.redact(Messages.rootMessage(e)) + "; trying again in "
            + pause.toSeconds() + " s (" + (i + 1) + "/" + pauses.size() + ")");
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Whether an ssh server was refused because its host key is not in known_hosts. */
  static boolean isUnknownHostKey(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("key did not validate") || m.contains("authenticity of host") || m.contains("host key")
          || m.contains("known_hosts") || m.contains("unknown server key")) {
        return true;
      }
    }
    return false;
  }

  /** Whether the server refused to serve without (other) credentials. */
  static boolean isAuthenticationFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("not authorized") || m.contains("authentication is required") || m.contains("401")
          || m.contains("auth fail") || m.contains("authentication failed") || m.contains("no more authentication methods")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a failure may pass by itself. */
  static boolean isTransient(Throwable e) {
    if (isUnknownHostKey(e) || isAuthenticationFailure(e)) {
      return false;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoRemoteRepositoryException) {
        return false;
      }
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("not authorized") || m.contains("authentication") || m.contains("401") || m.contains("403")
          || m.contains("not found") || m.contains("404")) {
        return false;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof SocketException || t instanceof EOFException
          || t instanceof UnknownHostException) {
        return true;
      }
      String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (m.contains("timed out") || m.contains("timeout") || m.contains("connection reset")
          || m.contains("502") || m.contains("503") || m.contains("504") || m.contains("early eof")) {
        return true;
      }
    }
    return false;
  }
}
