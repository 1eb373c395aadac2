package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;

/**
 * Why a fetch or push failed, told by what the transport really saw (the exception types of JGit,
 * of Java's network and of the ssh client, the HTTP status the server answered, whether it asked
 * for credentials), never by words or digits of a message: a repository at {@code /team401/} is
 * not a refused password.
 *
 * @param httpStatus the status of the server's last HTTP answer, 0 when there was none
 */
public record TransportFailure(Kind kind, int httpStatus) {
  /** What went wrong, as far as the user is concerned. */
  public enum Kind {
    /** The server refused the credentials it was given (HTTP 401 after they were sent). */
    CREDENTIALS_REFUSED,
    /** The server wants credentials and none were configured (HTTP 401). */
    CREDENTIALS_REQUIRED,
    /** The ssh server's host key is not in known_hosts. */
    UNKNOWN_HOST_KEY,
    /** The ssh server accepted none of the user's keys. */
    SSH_KEY_REFUSED,
    /** No repository there (HTTP 404, or the server or folder says so). */
    NOT_FOUND,
    /** The server knows who asks and refuses (HTTP 403). */
    FORBIDDEN,
    /** The host cannot be reached: unknown name, connection refused, no route, connection reset. */
    UNREACHABLE,
    /** The host did not answer in time. */
    TIMEOUT,
    /** The server failed (HTTP 5xx). */
    SERVER_ERROR,
    /** The TLS handshake failed: a certificate this JVM does not trust, or no common protocol. */
    TLS,
    /** This machine's disk refused a write (permissions, a lock file, no space). */
    DISK,
    /** Anything else: a malformed or unsupported URL, a protocol error. */
    OTHER
  }

  /** Whether trying again a few seconds later may succeed. */
  public boolean mayPass() {
    return kind == Kind.UNREACHABLE || kind == Kind.TIMEOUT || kind == Kind.SERVER_ERROR;
  }

  /**
   * Whether the environment failed (network, server, disk) rather than the site's declaration or
   * the user's settings.xml and ~/.ssh: the same build may pass once the environment is right.
   */
  public boolean ofEnvironment() {
    return mayPass() || kind == Kind.TLS || kind == Kind.DISK;
  }

  /** The failure told in {@code sentence}, an {@link EnvironmentException} when the environment failed. */
  public CodebaseException exception(String sentence, Throwable cause) {
    return ofEnvironment() ? new EnvironmentException(sentence, cause) : new CodebaseException(sentence, cause);
  }
}
