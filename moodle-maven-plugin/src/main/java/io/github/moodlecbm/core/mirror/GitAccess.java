package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * How this build talks to git hosts: the settings.xml credentials of each URL, the user's ssh
 * setup, and the failures the user can act on (credentials refused or missing, an unknown host
 * key, a refused ssh key, a forbidden repository) put in words that never show a password.
 */
public final class GitAccess implements AutoCloseable {
  private final Servers servers;
  private final SshConnections ssh;

  public GitAccess(Servers servers, Path sshDirectory) {
    this.servers = servers;
    this.ssh = new SshConnections(sshDirectory);
  }

  /** The credentials for a URL: those of {@code serverId}, else the server named after its host. */
  public Optional<ServerCredentials> credentials(String who, String serverId, String url) throws CodebaseException {
    return servers.forSource(who, serverId, url);
  }

  /**
   * Gives a fetch or push its credentials and ssh session factory, and lets {@code trace} watch
   * each transport it opens, to tell its failures apart.
   */
  public <C extends TransportCommand<C, ?>> C configure(C command, Optional<ServerCredentials> credentials,
      TransportTrace trace) {
    command.setTransportConfigCallback(transport -> {
      ssh.configure(transport);
      trace.watch(transport);
    });
    credentials.ifPresent(c -> command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(c.username(), c.password())));
    return command;
  }

  /**
   * A failure that the user fixes in settings.xml or ~/.ssh, in words; empty for any other
   * failure, which the caller describes in its own terms.
   */
  public static Optional<CodebaseException> accessProblem(String who, String url, String transportUrl,
      Optional<ServerCredentials> credentials, TransportFailure failure, Exception e) {
    String sentence = switch (failure.kind()) {
      case UNKNOWN_HOST_KEY -> MirrorMessages.unknownHostKey(who, url, sshHost(transportUrl));
      case SSH_KEY_REFUSED -> MirrorMessages.sshRefused(who, url);
      case CREDENTIALS_REFUSED, CREDENTIALS_REQUIRED -> credentials.isPresent()
          ? MirrorMessages.authRefused(who, url, credentials.get().id())
          : MirrorMessages.authRequired(who, url, host(transportUrl));
      case FORBIDDEN -> credentials.isPresent()
          ? MirrorMessages.forbiddenFor(who, url, credentials.get().id())
          : MirrorMessages.forbidden(who, url, host(transportUrl));
      default -> null;
    };
    return Optional.ofNullable(sentence).map(s -> failure.exception(s, e));
  }

  /** host, or [host]:port as known_hosts writes a host on another port. */
  private static String sshHost(String url) {
    try {
      URIish uri = new URIish(url);
      return uri.getPort() > 0 && uri.getPort() != 22 ? "[" + uri.getHost() + "]:" + uri.getPort() : uri.getHost();
    } catch (URISyntaxException e) {
      return "the host";
    }
  }

  private static String host(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    } catch (IllegalArgumentException e) {
      return "the host";
    }
  }

  @Override
  public void close() {
    ssh.close();
  }
}
