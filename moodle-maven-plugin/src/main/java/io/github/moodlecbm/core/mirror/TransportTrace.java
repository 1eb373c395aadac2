package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.mirror.TransportFailure.Kind;
import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.eclipse.jgit.errors.LockFailedException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;

/**
 * What the transports of one git operation saw that JGit's exceptions leave out: the status of
 * the server's last HTTP answer, and whether it asked for credentials and was given some. JGit
 * reports a 401, a 403 and a 503 alike as a {@link org.eclipse.jgit.errors.TransportException}
 * whose only trace of the status is in its message; this trace records the status where JGit
 * reads it, through the transport's public {@link TransportHttp#setHttpConnectionFactory}, and
 * the question for credentials through the transport's {@link CredentialsProvider}. Each
 * transport opened starts it afresh, so after a failure it describes the last attempt.
 *
 * <p>A trace that watched no transport classifies by exception types alone.
 */
public final class TransportTrace {
  private volatile int httpStatus;
  private volatile boolean credentialsGiven;

  /** Watches a transport about to be used; called for each transport the operation opens. */
  void watch(Transport transport) {
    httpStatus = 0;
    credentialsGiven = false;
    if (transport instanceof TransportHttp http) {
      http.setHttpConnectionFactory(new StatusRecordingConnectionFactory(http.getHttpConnectionFactory(), this));
      // With no server configured JGit would fail without asking; a provider that answers
      // nothing lets the 401 show as a question that had no answer.
      http.setCredentialsProvider(new RecordingCredentials(http.getCredentialsProvider()));
    }
  }

  /** The server answered this HTTP status. */
  void answered(int status) {
    httpStatus = status;
  }

  /** Why the operation failed with {@code e}, by the exception's types and what the transport saw. */
  public TransportFailure classify(Throwable e) {
    Kind kind = bySsh(e);
    if (kind == null) {
      kind = byType(e);
    }
    if (kind == null) {
      kind = byHttpStatus();
    }
    return new TransportFailure(kind == null ? Kind.OTHER : kind, httpStatus);
  }

  /** What Apache MINA sshd reports when it disconnects: the code of the SSH protocol. */
  private static Kind bySsh(Throwable e) {
    for (Throwable t : chain(e)) {
      if (t instanceof SshException ssh) {
        switch (ssh.getDisconnectCode()) {
          case SshConstants.SSH2_DISCONNECT_HOST_KEY_NOT_VERIFIABLE:
            return Kind.UNKNOWN_HOST_KEY;
          case SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE:
            return Kind.SSH_KEY_REFUSED;
          default:
            break;
        }
      }
    }
    return null;
  }

  private static Kind byType(Throwable e) {
    Iterable<Throwable> causes = chain(e);
    for (Throwable t : causes) {
      if (t instanceof NoRemoteRepositoryException) {
        return Kind.NOT_FOUND;
      }
      if (t instanceof FileSystemException || t instanceof LockFailedException) {
        return Kind.DISK;
      }
    }
    // a read that timed out (SocketTimeoutException), or JGit's own timer
    for (Throwable t : causes) {
      if (t instanceof InterruptedIOException || t instanceof TimeoutException) {
        return Kind.TIMEOUT;
      }
    }
    for (Throwable t : causes) {
      if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof PortUnreachableException) {
        return Kind.UNREACHABLE;
      }
    }
    // a connection reset or closed half-way, also during a TLS handshake
    for (Throwable t : causes) {
      if (t instanceof SocketException || t instanceof EOFException) {
        return Kind.UNREACHABLE;
      }
    }
    for (Throwable t : causes) {
      if (t instanceof SSLException) {
        return Kind.TLS;
      }
    }
    return null;
  }

  private Kind byHttpStatus() {
    int status = httpStatus;
    if (status == 401) {
      // JGit asks for credentials after a first 401; a 401 after they were given refuses them.
      return credentialsGiven ? Kind.CREDENTIALS_REFUSED : Kind.CREDENTIALS_REQUIRED;
    }
    if (status == 403) {
      return Kind.FORBIDDEN;
    }
    if (status == 404 || status == 410) {
      return Kind.NOT_FOUND;
    }
    if (status >= 500 && status <= 599) {
      return Kind.SERVER_ERROR;
    }
    return null;
  }

  private static Iterable<Throwable> chain(Throwable e) {
    java.util.List<Throwable> result = new java.util.ArrayList<>();
    for (Throwable t = e; t != null && !result.contains(t); t = t.getCause()) {
      result.add(t);
    }
    return result;
  }

  /**
   * The transport's credentials (if any), noting whether a server that asked for a user name and
   * password got them. It answers nothing else: an ssh host key or a TLS certificate is never
   * accepted by a question a build cannot ask.
   */
  private final class RecordingCredentials extends CredentialsProvider {
    private final CredentialsProvider given;

    RecordingCredentials(CredentialsProvider given) {
      this.given = given;
    }

    @Override
    public boolean isInteractive() {
      return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
      return given != null ? given.supports(items) : onlyUserAndPassword(items);
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) {
      boolean answered = given != null && given.get(uri, items);
      if (answered && onlyUserAndPassword(items)) {
        credentialsGiven = true;
      }
      return answered;
    }

    @Override
    public void reset(URIish uri) {
      if (given != null) {
        given.reset(uri);
      }
    }
  }

  private static boolean onlyUserAndPassword(CredentialItem... items) {
    for (CredentialItem item : items) {
      if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
        return false;
      }
    }
    return items.length > 0;
  }
}
