package io.github.moodlecbm.it;

import static io.github.moodlecbm.it.SiteProject.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.InstallTestHelp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install test in {@code mvn package}: Moodle's installer (the fixture's, PHP scripts that
 * behave like Moodle's) on a temporary PostgreSQL cluster, before anything is released.
 */
class InstallTestJourneyIT {
  @TempDir Path tmp;

  @BeforeAll
  static void needsPhpAndPostgres() throws Exception {
    boolean php;
    try {
      php = new ProcessBuilder("php", "-r", "exit(function_exists('pg_connect') ? 0 : 1);").start().waitFor() == 0;
    } catch (java.io.IOException e) {
      php = false;
    }
    boolean postgres = Files.isDirectory(Path.of("/usr/lib/postgresql"))
        || Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "initdb")));
    Assumptions.assumeTrue(php && postgres, "SKIPPED: the install test needs php with pgsql and PostgreSQL's initdb/pg_ctl"
        + " (Debian: apt-get install php-cli php-pgsql postgresql)");
  }

  private static String plugins(String xpTag, String... more) {
    StringBuilder xml = new StringBuilder(SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", xpTag, null) + "\n"
        + SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null));
    for (String component : more) {
      xml.append('\n').append(SiteProject.plugin(component, "installtest/moodle-" + component, "branch", "main", null));
    }
    return xml.toString();
  }

  private static List<String> clusters() throws Exception {
    try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("moodle-cbm-pg-")).filter(InstallTestHelp.LEFT_BEHIND)
          .map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<RevCommit> history(Path releases) throws Exception {
    try (Git git = Git.open(releases.toFile())) {
      List<RevCommit> all = new java.util.ArrayList<>();
      git.log().add(git.getRepository().resolve("refs/heads/main")).call().forEach(all::add);
      return all;
    }
  }

  @Test
  void installTestGuardsTheReleaseNamesTheBrokenPluginAndTestsTheUpgrade() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      List<String> before = clusters();
      SiteProject site = SiteProject.create(tmp.resolve("site"), "installed", "4.5", plugins("v19.1"));
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      Path releases = SiteProject.dataHome(site.dir).resolve("moodle-cbm/releases/org.example/installed.git");

      // A clean site passes, with no server configured: a temporary cluster of its own.
      SiteProject.Run first = site.build(args(common, "package", "-Dmoodle.installTest"));
      assertTrue(first.says("Install test: starting a temporary PostgreSQL cluster"), first.log());
      assertTrue(first.says("Install test passed: 4 steps in "), first.log());
      String one = ReleaseJourneyIT.released(first);
      assertTrue(history(releases).get(0).getFullMessage().endsWith("Verification: passed\nInstall-Test: passed\n"));
      assertTrue(Files.readString(site.dir.resolve("target/moodle-install-test/TEST-moodle-install-test.xml"))
          .contains("tests=\"4\" failures=\"0\""));

      // A plugin whose code stops the installer: the build fails before any release, naming it.
      Files.writeString(site.pom(), Files.readString(site.pom()).replace(plugins("v19.1"), plugins("v19.1", "local_oldmessages")));
      SiteProject.Run broken = site.mvn(args(common, "package", "-Dmoodle.installTest"));
      assertNotEquals(0, broken.exitCode());
      assertTrue(broken.says("Install test failed: install_database.php (this build) failed in local_oldmessages"
          + " (local/oldmessages/db/messages.php): Fatal error: Uncaught Error: Undefined constant \"MESSAGE_DEFAULT_LOGGEDIN\""),
          broken.log());
      assertTrue(broken.says("Nothing was released."), broken.log());
      assertFalse(broken.log().contains("at io.github.moodlecbm"), broken.log());
      assertEquals(1, history(releases).size());
      assertTrue(Files.readString(site.dir.resolve("target/moodle-install-test/TEST-moodle-install-test.xml")).contains("failures=\"1\""));

      // A plugin that hangs the installer: killed at the time limit, nothing left behind.
      Files.writeString(site.pom(), Files.readString(site.pom()).replace(plugins("v19.1", "local_oldmessages"),
          plugins("v19.1", "local_loops")));
      SiteProject.Run hangs = site.mvn(args(common, "package", "-Dmoodle.installTest", "-Dmoodle.installTest.timeout=6"));
      assertNotEquals(0, hangs.exitCode());
      assertTrue(hangs.says("install_database.php (this build) did not end within 6 s: it was killed with every process it started."),
          hangs.log());
      assertTrue(before.containsAll(clusters()), "a temporary cluster was left behind: " + clusters());
      try (Stream<Path> work = Files.list(site.dir.resolve("target/moodle-cbm"))) {
        assertTrue(work.noneMatch(p -> p.getFileName().toString().startsWith("install-test-")));
      }

      // The upgrade test: the first release installed, then upgraded by the new code base.
      Files.writeString(site.pom(), Files.readString(site.pom()).replace(plugins("v19.1", "local_loops"), plugins("v19.2")));
      SiteProject.Run upgrade = site.build(args(common, "moodle:install-test", "-Dmoodle.installTest.from=" + one, "-Dmoodle.php=php"));
      assertTrue(upgrade.says("Install test: upgrade from release " + one), upgrade.log());
      assertTrue(upgrade.says("Install test passed: 5 steps in "), upgrade.log());
      assertTrue(Files.readString(site.dir.resolve("target/moodle-install-test/upgrade-from-release-" + one + ".log")).contains("-->block_xp"));
      assertTrue(before.containsAll(clusters()), "a temporary cluster was left behind: " + clusters());
    }
  }

}
