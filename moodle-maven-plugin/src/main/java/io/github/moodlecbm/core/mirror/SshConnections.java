package io.github.moodlecbm.core.mirror;

import java.nio.file.Path;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * git over ssh with the user's own setup: keys, {@code known_hosts} and {@code config} of the ssh
 * folder. A host whose key is not known is refused, never trusted on first use: a build cannot
 * ask, and a code base must not come from an impostor.
 */
final class SshConnections implements AutoCloseable {
  private final Path sshDirectory;
  private SshdSessionFactory factory;

  SshConnections(Path sshDirectory) {
    this.sshDirectory = sshDirectory;
  }

  /** Gives an ssh transport the session factory of this build; other transports are left alone. */
  synchronized void configure(Transport transport) {
    if (transport instanceof SshTransport ssh) {
      if (factory == null) {
        factory = new SshdSessionFactoryBuilder()
            .setHomeDirectory(sshDirectory.toAbsolutePath().getParent().toFile())
            .setSshDirectory(sshDirectory.toFile())
            .build(new JGitKeyCache());
      }
      ssh.setSshSessionFactory(factory);
    }
  }

  @Override
  public synchronized void close() {
    if (factory != null) {
      factory.close();
      factory = null;
    }
  }
}
