package io.github.moodlecbm.core.installtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The install test's sentences, word for word as it has always said them. */
class InstallTestMessagesTest {
  @Test
  void theLogNamesEachStepAndTheClusterItStarts() {
    assertEquals("Install test: upgrade.php has nothing to do", InstallTestMessages.step("upgrade.php has nothing to do"));
    assertEquals("Install test: starting a temporary PostgreSQL cluster (/usr/lib/postgresql/15/bin)",
        InstallTestMessages.startingCluster(Path.of("/usr/lib/postgresql/15/bin")));
    assertEquals("Install test: removed /work/install-test-1, left by a build that was killed.",
        InstallTestMessages.removedAbandoned(Path.of("/work/install-test-1")));
  }

  @Test
  void withoutPostgresqlTheTestNamesTheServerPropertiesAndThePackage() {
    assertEquals("The install test needs PostgreSQL: give a server (-Dmoodle.installTest.host, -Dmoodle.installTest.port,"
        + " and the settings.xml <server> named by -Dmoodle.installTest.serverId with a role allowed to create databases), or"
        + " install PostgreSQL's server programs (initdb, pg_ctl; Debian: apt-get install postgresql) for a temporary cluster"
        + " of its own.", InstallTestMessages.needsPostgresql());
    assertEquals("PostgreSQL's initdb refuses to run as root, and runuser is not here to run it as another user. Run the build"
        + " as an unprivileged user, or give a server: -Dmoodle.installTest.host and -Dmoodle.installTest.serverId.",
        InstallTestMessages.rootWithoutRunuser());
  }

  @Test
  void aClusterThatDoesNotStartSaysWhatFailedAndHowToGiveAServer() {
    assertEquals("The install test could not start its own PostgreSQL (initdb failed): initdb: error: no space\nGive a server"
        + " instead: -Dmoodle.installTest.host, -Dmoodle.installTest.port and -Dmoodle.installTest.serverId.",
        InstallTestMessages.clusterFailed("initdb", false, "initdb: error: no space"));
    assertEquals("The install test could not start its own PostgreSQL (pg_ctl start gave no answer): \nGive a server"
        + " instead: -Dmoodle.installTest.host, -Dmoodle.installTest.port and -Dmoodle.installTest.serverId.",
        InstallTestMessages.clusterFailed("pg_ctl start", true, ""));
  }

  @Test
  void aRefusingServerIsNamedWithWhatToCheck() {
    assertEquals("The install test could not create the database moodle_cbm_test_1 on the PostgreSQL server db.example:5433"
        + " as moodle: FATAL: permission denied to create database. Check moodle.installTest.host and"
        + " moodle.installTest.port, and that the <server> pg of settings.xml names a role allowed to create databases"
        + " (CREATEDB).", InstallTestMessages.databaseRefused(InstallTestMessages.createDatabase("moodle_cbm_test_1"),
            InstallTestMessages.existingServer("db.example", 5433, "moodle"), false,
            "FATAL: permission denied to create database", InstallTestMessages.existingServerAdvice("pg")));
    assertEquals("The install test could not drop the database moodle_cbm_test_1 on the install test's own PostgreSQL"
        + " (/tmp/moodle-cbm-pg-1): no answer in 2 minutes. Its log is /logs/postgresql.log.",
        InstallTestMessages.databaseRefused(InstallTestMessages.dropDatabase("moodle_cbm_test_1"),
            InstallTestMessages.ownCluster(Path.of("/tmp/moodle-cbm-pg-1")), true, "ignored",
            InstallTestMessages.ownClusterAdvice(Path.of("/logs/postgresql.log"))));
  }

  @Test
  void serverSettingsNameTheirProperties() {
    assertEquals("-Dmoodle.installTest.host is set without -Dmoodle.installTest.serverId: name the settings.xml <server> whose"
        + " user name and password may create databases there.", InstallTestMessages.hostWithoutServerId());
    assertEquals("There is no <server> with id pg (moodle.installTest.serverId) in settings.xml: add one with the user name"
        + " and password of a PostgreSQL role allowed to create databases.", InstallTestMessages.unknownServerId("pg"));
  }
}
