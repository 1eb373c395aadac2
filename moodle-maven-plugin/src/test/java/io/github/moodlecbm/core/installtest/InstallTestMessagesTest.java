package io.github.moodlecbm.core.installtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.resolve.Lock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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

  @Test
  void aDatabaseLeftBehindIsToBeDroppedByHand() {
    assertEquals("The install test could not drop the database x on y: z. Check it. Drop the database x by hand.",
        InstallTestMessages.dropByHand("The install test could not drop the database x on y: z. Check it.", "x"));
  }

  @Test
  void aFailedStepSaysWhatFailedWhereAndWhereItsLogIs() {
    var culprit = new Blame.Culprit("mod_x", "mod/x/lib.php", "PHP Fatal error: boom in mod/x/lib.php:3");
    assertEquals("install.php (this build) did not end within 60 s: it was killed with every process it started. mod_x is"
        + " named in its output: PHP Fatal error: boom in mod/x/lib.php:3 Last output: a | b",
        InstallTestMessages.stepTimedOut("install.php (this build)", Duration.ofSeconds(60), Optional.of(culprit), "a | b"));
    assertEquals("install.php (this build) did not end within 60 s: it was killed with every process it started. Last"
        + " output: (no output)", InstallTestMessages.stepTimedOut("install.php (this build)", Duration.ofSeconds(60),
            Optional.empty(), "(no output)"));
    assertEquals("install.php (this build) failed in mod_x (mod/x/lib.php): PHP Fatal error: boom in mod/x/lib.php:3",
        InstallTestMessages.stepFailedIn("install.php (this build)", culprit));
    assertEquals("install.php (this build) failed (exit code 255): a | b",
        InstallTestMessages.stepFailed("install.php (this build)", 255, "a | b"));
    assertEquals("it failed. Log: /logs/install.php-this-build.log",
        InstallTestMessages.withLog("it failed.", Path.of("/logs/install.php-this-build.log")));
    assertEquals("admin/cli/install.php wrote no config.php at /s/code/config.php: this is not Moodle's installer as"
        + " documented.", InstallTestMessages.noConfigPhp(Path.of("/s/code/config.php")));
    assertEquals("admin/cli/upgrade.php still had work after the install: a | b", InstallTestMessages.upgradeHadWork("a | b"));
  }

  @Test
  void thePluginManagersProblemsAreSaidInOneSentence() {
    var plugins = new TreeMap<String, Lock.Plugin>();
    for (String c : List.of("block_xp", "local_gone", "mod_x")) {
      plugins.put(c, new Lock.Plugin("file:///" + c + ".git", new Pin.Branch("main"), "", "0".repeat(40), c.replace('_', '/'),
          List.of()));
    }
    Lock lock = new Lock(Lock.FORMAT, null, null, plugins);
    List<String> output = List.of("plugin\tblock_xp\tuptodate\t", "plugin\tmod_x\tupgrade\tlocal_dep@2024010100,mod_y@ANY",
        "plugin\ttool_old\tmissing\t", "plugins: end");
    assertEquals("Moodle's plugin manager: local_gone is unknown to Moodle's plugin manager; mod_x is upgrade (not installed"
        + " and up to date); mod_x needs local_dep@2024010100, mod_y@ANY, not met; tool_old is installed in the database but"
        + " missing from disk.", PluginCheck.problems(output, lock));
    assertNull(PluginCheck.problems(List.of("plugin\tblock_xp\tuptodate\t", "plugins: end"),
        new Lock(Lock.FORMAT, null, null, new TreeMap<>(Map.of("block_xp", plugins.get("block_xp"))))));
    assertEquals("the plugin check did not run to its end: PHP Fatal error: x", PluginCheck.problems(
        List.of("PHP Fatal error: x"), lock));
  }
}
