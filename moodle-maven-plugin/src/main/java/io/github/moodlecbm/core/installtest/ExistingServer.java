package io.github.moodlecbm.core.installtest;

import java.nio.file.Path;

/** A PostgreSQL server that is already running, with a role allowed to create databases. */
final class ExistingServer extends Database {
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String serverId;

  ExistingServer(Path php, Path logs, String host, int port, String user, String password, String serverId) {
    super(php, logs);
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.serverId = serverId;
  }

  @Override
  Connection server() {
    return new Connection(host, port, null, null, user, password);
  }

  @Override
  String describe() {
    return InstallTestMessages.existingServer(host, port, user);
  }

  @Override
  String advice() {
    return InstallTestMessages.existingServerAdvice(serverId);
  }
}
