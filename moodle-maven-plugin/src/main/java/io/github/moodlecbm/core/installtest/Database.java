package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.process.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The throwaway PostgreSQL database of one install test: created empty, dropped in every case.
 * Databases are created and dropped by PHP's pgsql extension (which Moodle needs anyway), with
 * libpq's {@code PG*} variables: the password never appears on a command line.
 */
abstract class Database implements AutoCloseable {
  /** How Moodle's installer reaches the database. {@code socket}: a folder, or null for TCP. */
  record Connection(String host, int port, String socket, String name, String user, String password) {}

  final Path php;
  final Path logs;
  private String created;

  Database(Path php, Path logs) {
    this.php = php;
    this.logs = logs;
  }

  /** The server's address and a role allowed to create databases (without a database name). */
  abstract Connection server();

  /** Creates an empty database of a fresh name. */
  Connection create(String name) throws CodebaseException, IOException {
    admin("CREATE DATABASE \"" + name + "\" ENCODING 'UTF8' TEMPLATE template0", InstallTestMessages.createDatabase(name));
    created = name;
    Connection s = server();
    return new Connection(s.host(), s.port(), s.socket(), name, s.user(), s.password());
  }

  /**
   * Drops the database made by {@link #create}, if any (its sessions ended first: a killed
   * installer may leave one behind); then releases the server.
   *
   * @throws IOException when the database could not be dropped, naming it
   */
  @Override
  public void close() throws IOException {
    if (created != null) {
      String name = created;
      created = null;
      try {
        admin("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)", InstallTestMessages.dropDatabase(name));
      } catch (CodebaseException e) {
        throw new IOException(InstallTestMessages.dropByHand(e.getMessage(), name), e);
      }
    }
  }

  private void admin(String sql, String what) throws CodebaseException, IOException {
    Connection s = server();
    // The statement is a constant of ours; the connection comes from libpq's variables.
    String script = "$c = @pg_connect('dbname=postgres');"
        + "if (!$c) { fwrite(STDERR, 'cannot connect: ' . (error_get_last()['message'] ?? '?') . PHP_EOL); exit(2); }"
        + "if (!@pg_query($c, getenv('MOODLE_CBM_SQL'))) { fwrite(STDERR, pg_last_error($c) . PHP_EOL); exit(3); }";
    Command c = new Command(List.of(php.toString(), "-r", script))
        .env("PGHOST", s.socket() != null ? s.socket() : s.host())
        .env("PGPORT", Integer.toString(s.port()))
        .env("PGUSER", s.user())
        .env("PGPASSWORD", s.password() == null ? "" : s.password())
        .env("MOODLE_CBM_SQL", sql)
        .hiding(s.password())
        .logTo(logs.resolve("database.log"));
    Command.Result r = c.run(Duration.ofMinutes(2));
    if (!r.ok()) {
      throw new CodebaseException(
          InstallTestMessages.databaseRefused(what, describe(), r.timedOut(), r.text().strip(), advice()));
    }
  }

  /** The server in words, for messages. */
  abstract String describe();

  /** What to check when the server refuses. */
  abstract String advice();
}
