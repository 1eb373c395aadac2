package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the install test says: every sentence of this package, in one place. */
final class InstallTestMessages {
  private static final String HOST = PropertyNames.INSTALL_TEST_HOST;
  private static final String PORT = PropertyNames.INSTALL_TEST_PORT;
  private static final String SERVER_ID = PropertyNames.INSTALL_TEST_SERVER_ID;

  private InstallTestMessages() {}

  static String failed(InstallTest.Outcome outcome) {
    return "Install test failed: " + outcome.failure() + " Nothing was released. Logs and JUnit report: " + outcome.logs();
  }

  static String passed(InstallTest.Outcome outcome, Duration steps, double seconds) {
    return String.format(Locale.ROOT, "Install test passed: %d steps in %.1f s, %.1f s in all with the copy of the"
        + " code base and the database (logs: %s)", outcome.steps().size(), steps.toMillis() / 1000.0, seconds, outcome.logs());
  }

  static String hostWithoutServerId() {
    return PropertyNames.flag(HOST) + " is set without " + PropertyNames.flag(SERVER_ID)
        + ": name the settings.xml <server> whose user name and password may create databases there.";
  }

  static String unknownServerId(String id) {
    return "There is no <server> with id " + id + " (" + SERVER_ID + ") in settings.xml: add one with"
        + " the user name and password of a PostgreSQL role allowed to create databases.";
  }

  static String removedAbandoned(Path folder) {
    return "Install test: removed " + folder + ", left by a build that was killed.";
  }

  static String needsPostgresql() {
    return "The install test needs PostgreSQL: give a server (" + PropertyNames.flag(HOST) + ", " + PropertyNames.flag(PORT)
        + ", and the settings.xml <server> named by " + PropertyNames.flag(SERVER_ID) + " with a role allowed to create"
        + " databases), or install PostgreSQL's server programs (initdb, pg_ctl; Debian: apt-get install postgresql) for a"
        + " temporary cluster of its own.";
  }

  static String startingCluster(Path bin) {
    return "Install test: starting a temporary PostgreSQL cluster (" + bin + ")";
  }

  /** The log line of a step starting: {@code Install test: upgrade.php has nothing to do}. */
  static String step(String name) {
    return "Install test: " + name;
  }

  /** What {@link Database} was doing, for {@link #databaseRefused}. */
  static String createDatabase(String name) {
    return "create the database " + name;
  }

  static String dropDatabase(String name) {
    return "drop the database " + name;
  }

  /**
   * @param what {@link #createDatabase} or {@link #dropDatabase}
   * @param server {@link #existingServer} or {@link #ownCluster}
   * @param output what the server answered, when it did
   * @param advice {@link #existingServerAdvice} or {@link #ownClusterAdvice}
   */
  static String databaseRefused(String what, String server, boolean timedOut, String output, String advice) {
    return "The install test could not " + what + " on " + server + ": " + (timedOut ? "no answer in 2 minutes" : output)
        + ". " + advice;
  }

  static String existingServer(String host, int port, String user) {
    return "the PostgreSQL server " + host + ":" + port + " as " + user;
  }

  static String existingServerAdvice(String serverId) {
    return "Check " + HOST + " and " + PORT + ", and that the <server> " + serverId
        + " of settings.xml names a role allowed to create databases (CREATEDB).";
  }

  static String ownCluster(Path root) {
    return "the install test's own PostgreSQL (" + root + ")";
  }

  static String ownClusterAdvice(Path log) {
    return "Its log is " + log + ".";
  }

  static String rootWithoutRunuser() {
    return "PostgreSQL's initdb refuses to run as root, and runuser is not here to run it as another user. Run the build as"
        + " an unprivileged user, or give a server: " + PropertyNames.flag(HOST) + " and " + PropertyNames.flag(SERVER_ID) + ".";
  }

  /**
   * @param what the command that failed: {@code initdb}, {@code pg_ctl start}
   * @param output what it and the server's log said
   */
  static String clusterFailed(String what, boolean timedOut, String output) {
    return "The install test could not start its own PostgreSQL (" + what + (timedOut ? " gave no answer" : " failed") + "): "
        + output + "\nGive a server instead: " + PropertyNames.flag(HOST) + ", " + PropertyNames.flag(PORT) + " and "
        + PropertyNames.flag(SERVER_ID) + ".";
  }

  static String dropByHand(String failure, String name) {
    return failure + " Drop the database " + name + " by hand.";
  }

  static String noConfigPhp(Path config) {
    return "admin/cli/install.php wrote no config.php at " + config + ": this is not Moodle's installer as documented.";
  }

  static String upgradeHadWork(String lastOutput) {
    return "admin/cli/upgrade.php still had work after the install: " + lastOutput;
  }

  /** A step stopped at its time limit; {@code culprit}: the plugin its output names, if any. */
  static String stepTimedOut(String step, Duration limit, Optional<Blame.Culprit> culprit, String lastOutput) {
    return step + " did not end within " + limit.toSeconds() + " s: it was killed with every process it started."
        + culprit.map(c -> " " + c.component() + " is named in its output: " + c.line()).orElse("") + " Last output: "
        + lastOutput;
  }

  static String stepFailedIn(String step, Blame.Culprit culprit) {
    return step + " failed in " + culprit.component() + " (" + culprit.file() + "): " + culprit.line();
  }

  static String stepFailed(String step, int exitCode, String lastOutput) {
    return step + " failed (exit code " + exitCode + "): " + lastOutput;
  }

  static String withLog(String failure, Path log) {
    return failure + " Log: " + log;
  }

  static String pluginCheckCutShort(String lastOutput) {
    return "the plugin check did not run to its end: " + lastOutput;
  }

  static String unknownToPluginManager(String component) {
    return component + " is unknown to Moodle's plugin manager";
  }

  static String notUpToDate(String component, String status) {
    return component + " is " + status + " (not installed and up to date)";
  }

  static String missingFromDisk(String component) {
    return component + " is installed in the database but missing from disk";
  }

  /** @param unmet the plugin manager's list: {@code local_dep@2024010100,mod_x@ANY_VERSION} */
  static String unmetDependencies(String component, String unmet) {
    return component + " needs " + unmet.replace(",", ", ") + ", not met";
  }

  static String pluginManagerProblems(List<String> problems) {
    return "Moodle's plugin manager: " + String.join("; ", problems) + ".";
  }
}
