package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.installtest.InstallTest;
import io.github.moodlecbm.core.installtest.InstallTestStage;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.InstallTestHelp;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install test, for real: the fixture Moodle's installer scripts run with PHP against a
 * temporary PostgreSQL cluster. Skipped, saying why, where PHP with pgsql or PostgreSQL's server
 * programs are missing (.ci/run installs them).
 */
class InstallTestTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  static Path php;
  @TempDir Path tmp;

  @BeforeAll
  static void world() throws Exception {
    php = io.github.moodlecbm.core.verify.PhpProgram.onPath(System.getenv()).orElse(null);
    boolean pgsql = php != null && new ProcessBuilder(php.toString(), "-r", "exit(function_exists('pg_connect') ? 0 : 1);")
        .start().waitFor() == 0;
    boolean postgres = Files.isExecutable(Path.of("/usr/lib/postgresql")) || Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "initdb")));
    Assumptions.assumeTrue(pgsql && postgres, "SKIPPED: the install test needs php with pgsql and PostgreSQL's initdb/pg_ctl"
        + " (Debian: apt-get install php-cli php-pgsql postgresql)");
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  private final RecordingLog log = new RecordingLog();

  private InstallTest.Options options(Duration limit) {
    return new InstallTest.Options(php, limit, "256M", null);
  }

  private static Site site(String moodle, PluginSpec... extra) throws CodebaseException {
    List<PluginSpec> plugins = new ArrayList<>(List.of(plugin("block_xp", "FMCorz/moodle-block_xp", "tag", moodle.startsWith("5") ? "v19.2" : "v19.1"),
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", moodle.startsWith("5") ? "MOODLE_501_STABLE" : "MOODLE_405_STABLE")));
    plugins.addAll(List.of(extra));
    return SiteBuilds.site(moodle, plugins.toArray(PluginSpec[]::new));
  }

  private InstallTest.Outcome installTest(Site site, Duration limit, String from) throws Exception {
    try (Workspace workspace = new Workspace(SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false)
        .workTree(false), log)) {
      Assembled assembled = SiteBuilds.assemble(workspace, site);
      return new InstallTestStage(workspace).run(assembled, options(limit), from, target(),
          tmp.resolve("project/target/moodle-install-test"), System.getenv());
    }
  }

  private ReleaseTarget target() {
    return new ReleaseTarget(tmp.resolve("releases.git"), null, null, "main");
  }

  private static List<String> leftovers() throws Exception {
    try (Stream<Path> tmpDirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return tmpDirs.filter(p -> p.getFileName().toString().startsWith("moodle-cbm-pg-")).filter(InstallTestHelp.LEFT_BEHIND)
          .map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void assertNothingLeft(List<String> before) throws Exception {
    assertTrue(before.containsAll(leftovers()), "a temporary cluster was left behind: " + leftovers());
    try (Stream<Path> work = Files.list(tmp.resolve("project/target/moodle-cbm"))) {
      assertTrue(work.noneMatch(p -> p.getFileName().toString().startsWith("install-test-")), "a scratch folder was left behind");
    }
  }

  @Test
  void aCleanSiteInstallsAndEveryPluginIsUpToDate() throws Exception {
    List<String> before = leftovers();
    InstallTest.Outcome outcome = installTest(site("4.5"), Duration.ofMinutes(2), null);
    assertTrue(outcome.passed(), () -> outcome.failure() + "\n" + log.lines);
    assertEquals(List.of("install.php (this build)", "install_database.php (this build)", "upgrade.php has nothing to do",
        "plugins installed and up to date"), outcome.steps().stream().map(InstallTest.Step::name).toList());
    String report = Files.readString(outcome.logs().resolve("TEST-moodle-install-test.xml"));
    assertTrue(report.contains("tests=\"4\" failures=\"0\""), report);
    assertTrue(Files.readString(outcome.logs().resolve("install_database.php-this-build.log")).contains("-->block_xp"));
    assertNothingLeft(before);
  }

  /** Runs a command (as nobody when root: PostgreSQL refuses root) and returns its output; fails the test on error. */
  private static String sh(Map<String, String> env, String... argv) throws Exception {
    List<String> command = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name")) && !argv[0].equals(php.toString())) {
      command.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    command.addAll(List.of(argv));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().putAll(env);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
    return out;
  }

  @Test
  void anExistingServerGetsItsOwnDatabaseWhichIsAlwaysDropped() throws Exception {
    Path bin = Stream.of(System.getenv("PATH").split(":")).map(Path::of).filter(d -> Files.isExecutable(d.resolve("initdb")))
        .findFirst().orElseGet(() -> {
          try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).max(java.util.Comparator.naturalOrder()).orElseThrow();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    Path server = Files.createTempDirectory("pgserver-");
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    if ("root".equals(System.getProperty("user.name"))) {
      Files.setOwner(server, server.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
    }
    Map<String, String> none = Map.of();
    try {
      sh(none, "sh", "-c", "echo superpass > " + server + "/pw");
      sh(none, bin.resolve("initdb").toString(), "-D", server + "/data", "-U", "postgres", "--auth=scram-sha-256",
          "--pwfile=" + server + "/pw", "-E", "UTF8", "--locale=C", "--no-sync");
      sh(none, bin.resolve("pg_ctl").toString(), "-D", server + "/data", "-l", server + "/log", "-w", "-o",
          "-k " + server + " -c listen_addresses=127.0.0.1 -p " + port + " -F", "start");
      Map<String, String> superuser = Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(port), "PGUSER", "postgres",
          "PGPASSWORD", "superpass");
      sh(superuser, php.toString(), "-r", "pg_query(pg_connect('dbname=postgres'), \"CREATE ROLE builder LOGIN CREATEDB PASSWORD 'builder-s3cret'\");");

      InstallTest.Outcome outcome;
      try (Workspace workspace = new Workspace(SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false)
          .workTree(false), log)) {
        outcome = new InstallTestStage(workspace).run(SiteBuilds.assemble(workspace, site("4.5")), new InstallTest.Options(php,
            Duration.ofMinutes(2), "256M",
            new InstallTest.Server("127.0.0.1", port, "builder", "builder-s3cret", "pgtest")), null, target(),
            tmp.resolve("project/target/moodle-install-test"), System.getenv());
      }
      assertTrue(outcome.passed(), () -> outcome.failure() + "\n" + log.lines);
      assertFalse(log.anyContains("starting a temporary PostgreSQL cluster"));
      try (Stream<Path> logs = Files.list(outcome.logs())) {
        for (Path l : logs.toList()) {
          assertFalse(Files.readString(l).contains("builder-s3cret"), "the password is in " + l);
        }
      }
      String databases = sh(superuser, php.toString(), "-r",
          "$r = pg_query(pg_connect('dbname=postgres'), 'SELECT datname FROM pg_database'); while ($d = pg_fetch_row($r)) echo $d[0], \"\\n\";");
      assertTrue(databases.contains("postgres") && !databases.contains("moodle_cbm_test_"), databases);
    } finally {
      new ProcessBuilder(bin.resolve("pg_ctl").toString(), "-D", server + "/data", "-m", "immediate", "stop").start().waitFor();
      if ("root".equals(System.getProperty("user.name"))) {
        new ProcessBuilder("runuser", "-u", "nobody", "--", bin.resolve("pg_ctl").toString(), "-D", server + "/data", "-m",
            "immediate", "stop").start().waitFor();
      }
      org.eclipse.jgit.util.FileUtils.delete(server.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE | org.eclipse.jgit.util.FileUtils.RETRY);
    }
  }

  @Test
  void whatAKilledBuildLeftIsRemovedByTheNextOne() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path cluster = Files.createTempDirectory("moodle-cbm-pg-");
    Path scratch = Files.createDirectories(tmp.resolve("project/target/moodle-cbm/install-test-killed"));
    Path live = Files.createTempDirectory("moodle-cbm-pg-");
    for (Path folder : List.of(cluster, scratch)) {
      Files.writeString(folder.resolve("owner.pid"), Long.toString(gone.pid()));
      Files.createDirectories(folder.resolve("data"));
    }
    Files.writeString(live.resolve("owner.pid"), Long.toString(ProcessHandle.current().pid()));
    try {
      InstallTest.Outcome outcome = installTest(site("4.5"), Duration.ofMinutes(2), null);
      assertTrue(outcome.passed(), outcome.failure());
      assertFalse(Files.exists(cluster), "the killed build's cluster is removed");
      assertFalse(Files.exists(scratch), "the killed build's scratch folder is removed");
      assertTrue(Files.exists(live), "a live build's cluster is left alone");
      assertTrue(log.anyContains("Install test: removed " + scratch + ", left by a build that was killed."), log.lines.toString());
    } finally {
      org.eclipse.jgit.util.FileUtils.delete(live.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    }
  }

  @Test
  void aMoodle51SiteGetsItsConfigAtTheRootAndInstalls() throws Exception {
    InstallTest.Outcome outcome = installTest(site("5.1+"), Duration.ofMinutes(2), null);
    assertTrue(outcome.passed(), () -> outcome.failure() + "\n" + log.lines);
    assertTrue(Files.readString(outcome.logs().resolve("install.php-this-build.log")).contains("Configuration file created: ")
        && !Files.readString(outcome.logs().resolve("install.php-this-build.log")).contains("/public/config.php"));
  }

  @Test
  void aPluginThatBreaksTheInstallerIsNamedWithItsError() throws Exception {
    List<String> before = leftovers();
    InstallTest.Outcome constant = installTest(site("4.5", plugin("local_oldmessages", "installtest/moodle-local_oldmessages",
        "branch", "main")), Duration.ofMinutes(2), null);
    assertFalse(constant.passed());
    assertTrue(constant.failure().startsWith("install_database.php (this build) failed in local_oldmessages"
        + " (local/oldmessages/db/messages.php): Fatal error: Uncaught Error: Undefined constant \"MESSAGE_DEFAULT_LOGGEDIN\" in"
        + " local/oldmessages/db/messages.php:5"),
        constant.failure());
    assertTrue(constant.failure().endsWith(" Log: " + constant.logs().resolve("install_database.php-this-build.log")), constant.failure());
    String report = Files.readString(constant.logs().resolve("TEST-moodle-install-test.xml"));
    assertTrue(report.contains("failures=\"1\"") && report.contains("MESSAGE_DEFAULT_LOGGEDIN"), report);
    assertNothingLeft(before);

    InstallTest.Outcome format = installTest(site("4.5", plugin("format_legacy", "installtest/moodle-format_legacy", "branch", "main")),
        Duration.ofMinutes(2), null);
    assertTrue(format.failure().startsWith("install_database.php (this build) failed in format_legacy (course/format/legacy/lib.php):"
        + " Fatal error: Uncaught Error: Class \"format_base\" not found in course/format/legacy/lib.php:4"), format.failure());
  }

  @Test
  void aStepThatHangsIsKilledWithItsProcessesAndEverythingIsRemoved() throws Exception {
    List<String> before = leftovers();
    long start = System.nanoTime();
    InstallTest.Outcome outcome = installTest(site("4.5", plugin("local_loops", "installtest/moodle-local_loops", "branch", "main")),
        Duration.ofSeconds(8), null);
    assertTrue(outcome.failure().startsWith("install_database.php (this build) did not end within 8 s: it was killed with every"
        + " process it started."), outcome.failure());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 60);
    assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains("install_database.php")),
        "the killed installer is gone");
    assertNothingLeft(before);
  }

  @Test
  void theUpgradeFromAnEarlierReleasePasses() throws Exception {
    SiteBuilds.release(site("4.5"), SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false).workTree(false),
        log, target(), new Releaser.Request("org.example", "site", "1.0.0", "@{version}", "main", Set.of(),
            Instant.parse("2026-11-26T09:00:00Z"), Instant.parse("2026-11-26T09:00:00Z")), VerificationState.PASSED);
    Site newer = SiteBuilds.site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"),
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"));
    InstallTest.Outcome outcome = installTest(newer, Duration.ofMinutes(2), "1.0.0");
    assertTrue(outcome.passed(), () -> outcome.failure() + "\n" + log.lines);
    assertEquals(List.of("install.php (release 1.0.0)", "install_database.php (release 1.0.0)", "upgrade from release 1.0.0",
        "upgrade.php has nothing to do", "plugins installed and up to date"), outcome.steps().stream().map(InstallTest.Step::name).toList());
    assertTrue(Files.readString(outcome.logs().resolve("upgrade-from-release-1.0.0.log")).contains("-->block_xp"));
  }
}
