package io.github.moodlecbm.it;

import static io.github.moodlecbm.it.SiteProject.args;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases going live: {@code mvn moodle:rollout} takes a release with its environment's
 * config.php to the environment's folder, {@code mvn moodle:rollback} takes it back, as an
 * administrator runs them on a Friday night.
 */
class RolloutJourneyIT {
  @TempDir Path tmp;

  private static final String TEMPLATE = "<?php\nunset($CFG);\nglobal $CFG;\n$CFG = new stdClass();\n$CFG->dbtype = 'pgsql';\n"
      + "$CFG->dbuser = '${server.staging-db.username}';\n$CFG->dbpass = '${server.staging-db.password}';\n"
      + "$CFG->sessionkey = '${env.STAGING_SESSION_KEY}';\n$CFG->wwwroot = '${wwwroot}';\n"
      + "require_once(__DIR__ . (is_dir(__DIR__ . '/public') ? '/public' : '') . '/lib/setup.php');\n";

  private static String plugins(String xpTag, String attendanceBranch) {
    return SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", xpTag, null) + "\n"
        + SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", attendanceBranch, null);
  }

  /** The site's environment: a config template with secrets from the environment and settings.xml. */
  private static Path environment(SiteProject site, String name, Path dir, String more) throws Exception {
    Path folder = site.dir.resolve("src/main/environments").resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("config.php.template"), TEMPLATE);
    Files.writeString(folder.resolve("environment.properties"), "moodle.env.dir=" + dir + "\nwwwroot=https://" + name
        + ".example.org\n" + more);
    return folder;
  }

  /** The settings.xml server whose credentials the config template takes. */
  private static String dbServer(String password) {
    return "<server><id>staging-db</id><username>moodle</username><password>" + password + "</password></server>";
  }

  private static Path releases(SiteProject site, String artifactId) {
    return SiteProject.dataHome(site.dir).resolve("moodle-cbm/releases/org.example").resolve(artifactId + ".git");
  }

  private static Path live(Path dir) throws Exception {
    return dir.resolve("current").toRealPath();
  }

  @Test
  void rolloutOfOneThenTwoThenRollbackGivesOneBackByteForByteWithItsConfig() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject site = SiteProject.create(tmp.resolve("site"), "golive", "4.5", plugins("v19.1", "MOODLE_405_STABLE"))
          .withEnvironment("STAGING_SESSION_KEY", "env-s3cret").withServers(dbServer("db-s3cret"));
      Path dir = tmp.resolve("srv/staging");
      Path trace = tmp.resolve("hooks.txt");
      environment(site, "staging", dir, "moodle.env.keep=3\n"
          + "moodle.env.beforeSwitch=echo \"before $MOODLE_CBM_ACTION $MOODLE_CBM_RELEASE\" >> " + trace + "\n"
          + "moodle.env.afterSwitch=echo \"after $MOODLE_CBM_ACTION $MOODLE_CBM_RELEASE\" | tee -a " + trace + "\n");
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      Path releases = releases(site, "golive");

      String one = ReleaseJourneyIT.released(site.build(args(common, "package")));

      SiteProject.Run dry = site.build(args(common, "moodle:rollout", "-Dmoodle.env=staging", "-Dmoodle.dryRun"));
      assertTrue(dry.says("Would write release " + one + " into " + dir.resolve("releases").resolve(one)), dry.log());
      assertTrue(dry.says("Would switch " + dir.resolve("current") + " to " + one + "."), dry.log());
      assertFalse(Files.exists(dir), "a dry run writes nothing");

      SiteProject.Run first = site.build(args(common, "moodle:rollout", "-Dmoodle.env=staging"));
      assertTrue(first.says("Release " + one + " is live in staging: " + dir.resolve("current") + " -> releases/" + one), first.log());
      assertTrue(first.says("The web server's document root: " + dir.resolve("current")), first.log());
      assertTrue(first.says("[moodle.env.afterSwitch] after rollout " + one), first.log());
      assertFalse(first.says("s3cret"), "no secret is printed");
      Path config = dir.resolve("current/config.php");
      String php = Files.readString(config);
      assertTrue(php.contains("$CFG->dbpass = 'db-s3cret';") && php.contains("$CFG->sessionkey = 'env-s3cret';")
          && php.contains("$CFG->dbuser = 'moodle';") && php.contains("$CFG->wwwroot = 'https://staging.example.org';"), php);
      assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
      ExpectedCodebase.commit(releases, ReleaseJourneyIT.tagged(releases, one)).assertMatchesBesides(live(dir), Set.of("config.php"));
      byte[] firstConfig = Files.readAllBytes(config);

      Files.writeString(site.pom(), Files.readString(site.pom()).replace("<tag>v19.1</tag>", "<tag>v19.2</tag>"));
      String two = ReleaseJourneyIT.released(site.build(args(common, "package")));
      SiteProject.Run second = site.withEnvironment("STAGING_SESSION_KEY", "rotated-key")
          .build(args(common, "moodle:rollout", "-Dmoodle.env=staging"));
      assertTrue(second.says("Writing release " + two + " into " + dir.resolve("releases").resolve(two) + ", sharing the unchanged"
          + " files of " + one), second.log());
      assertEquals(dir.resolve("releases").resolve(two), live(dir));
      ExpectedCodebase.commit(releases, ReleaseJourneyIT.tagged(releases, two)).assertMatchesBesides(live(dir), Set.of("config.php"));
      assertTrue(Files.readString(dir.resolve("current/config.php")).contains("'rotated-key'"));

      SiteProject.Run back = site.build(args(common, "moodle:rollback", "-Dmoodle.env=staging"));
      assertTrue(back.says("Rolled back environment staging: " + one + " is live again (was " + two + ")."), back.log());
      assertTrue(back.says("lowers versions: block_xp 2024111800 -> 2024072100"), back.log());
      assertEquals(dir.resolve("releases").resolve(one), live(dir));
      ExpectedCodebase.commit(releases, ReleaseJourneyIT.tagged(releases, one)).assertMatchesBesides(live(dir), Set.of("config.php"));
      assertArrayEquals(firstConfig, Files.readAllBytes(dir.resolve("current/config.php")));
      assertEquals(List.of("before rollout " + one, "after rollout " + one, "before rollout " + two, "after rollout " + two,
          "before rollback " + one), Files.readAllLines(trace));

      // A release made without verification is not rolled out unless asked.
      Files.writeString(site.pom(), Files.readString(site.pom()).replace("<tag>v19.2</tag>", "<tag>v19.1</tag>")
          .replace("          </plugins>", SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null) + "\n          </plugins>"));
      String unverified = ReleaseJourneyIT.released(site.build(args(common, "package", "-Dmoodle.verify.skip")));
      SiteProject.Run refused = site.mvn(args(common, "moodle:rollout", "-Dmoodle.env=staging"));
      assertNotEquals(0, refused.exitCode());
      assertTrue(refused.says("Release " + unverified + " was made with its verification skipped (-Dmoodle.verify.skip): it is not"
          + " rolled out to staging. Roll out a verified release, or add -Dmoodle.allowUnverified to take it anyway."), refused.log());
      assertFalse(refused.says("at io.github.moodlecbm"), refused.log());
      assertEquals(dir.resolve("releases").resolve(one), live(dir));
      site.build(args(common, "moodle:rollout", "-Dmoodle.env=staging", "-Dmoodle.allowUnverified"));
      assertEquals(dir.resolve("releases").resolve(unverified), live(dir));
    }
  }

  @Test
  void aMoodle51ReleaseGetsItsConfigAtTheRootNextToPublic() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject site = SiteProject.create(tmp.resolve("site"), "golive51", "5.1+", plugins("v19.2", "MOODLE_501_STABLE"))
          .withEnvironment("STAGING_SESSION_KEY", "k").withServers(dbServer("p"));
      Path dir = tmp.resolve("srv/production");
      environment(site, "production", dir, "");
      Path remote = tmp.resolve("releases-remote.git");
      io.github.moodlecbm.fixture.GitFixture.init(remote).close();
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"),
          "-Dmoodle.releaseRemote=file://" + remote};
      String one = ReleaseJourneyIT.released(site.build(args(common, "deploy")));

      // On the server: the site project's pom and environments, the release remote, no mirror, no build.
      Path serverProject = tmp.resolve("server/golive51");
      Files.createDirectories(serverProject);
      Files.copy(site.pom(), serverProject.resolve("pom.xml"));
      org.eclipse.jgit.util.FileUtils.mkdirs(serverProject.resolve("src/main/environments/production").toFile(), true);
      for (String f : List.of("config.php.template", "environment.properties")) {
        Files.copy(site.dir.resolve("src/main/environments/production").resolve(f),
            serverProject.resolve("src/main/environments/production").resolve(f));
      }
      SiteProject server = new SiteProject(serverProject, SiteProject.defaultMavenHome())
          .withEnvironment("STAGING_SESSION_KEY", "k").withServers(dbServer("p"));
      Path serverCache = tmp.resolve("server-cache");
      SiteProject.Run run = server.build("moodle:rollout", "-Dmoodle.env=production", "-Dmoodle.cacheDir=" + serverCache,
          "-Dmoodle.releaseRemote=file://" + remote);
      if (Files.exists(serverCache)) {
        try (Stream<Path> mirrors = Files.list(serverCache)) {
          assertTrue(mirrors.noneMatch(m -> m.getFileName().toString().endsWith(".git")), "a server needs no mirror");
        }
      }
      assertTrue(Files.isDirectory(SiteProject.dataHome(serverProject).resolve("moodle-cbm/releases/org.example/golive51.git")));
      assertTrue(run.says("The web server's document root: " + dir.resolve("current/public")), run.log());
      assertTrue(Files.isRegularFile(dir.resolve("current/config.php")));
      assertTrue(Files.isRegularFile(dir.resolve("current/public/version.php")));
      assertFalse(Files.exists(dir.resolve("current/public/config.php")));
      Path releases = releases(site, "golive51");
      ExpectedCodebase.commit(releases, ReleaseJourneyIT.tagged(releases, one)).assertMatchesBesides(live(dir), Set.of("config.php"));
    }
  }

  @Test
  void aRolloutKilledWhileWritingLeavesTheLiveReleaseServingAndTheNextOneCleansUp() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 6000)) {
      SiteProject site = SiteProject.create(tmp.resolve("site"), "killed", "4.5", plugins("v19.1", "MOODLE_405_STABLE"))
          .withEnvironment("STAGING_SESSION_KEY", "k").withServers(dbServer("p"));
      Path dir = tmp.resolve("srv/staging");
      environment(site, "staging", dir, "");
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      Path releases = releases(site, "killed");
      String one = ReleaseJourneyIT.released(site.build(args(common, "package")));
      site.build(args(common, "moodle:rollout", "-Dmoodle.env=staging"));
      // An upgrade to Moodle 5.1: every file moves under public/, none is shared, all are written.
      Files.writeString(site.pom(), Files.readString(site.pom()).replace("<version>4.5</version>", "<version>5.1+</version>")
          .replace("<tag>v19.1</tag>", "<tag>v19.2</tag>").replace("MOODLE_405_STABLE", "MOODLE_501_STABLE"));
      String two = ReleaseJourneyIT.released(site.build(args(common, "package")));

      // Killed as soon as the writing starts.
      Process mvn = site.start(args(common, "moodle:rollout", "-Dmoodle.env=staging"));
      StringBuilder seen = new StringBuilder();
      boolean killed = false;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(mvn.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          seen.append(line).append('\n');
          if (line.contains("Writing release " + two)) {
            mvn.destroyForcibly();
            killed = true;
            break;
          }
        }
      }
      assertTrue(mvn.waitFor(60, TimeUnit.SECONDS));
      assertTrue(killed, seen.toString());
      assertEquals(dir.resolve("releases").resolve(one), live(dir));
      ExpectedCodebase.commit(releases, ReleaseJourneyIT.tagged(releases, one)).assertMatchesBesides(live(dir), Set.of("config.php"));

      SiteProject.Run next = site.build(args(common, "moodle:rollout", "-Dmoodle.env=staging"));
      assertTrue(next.says("Removed " + dir.resolve("releases").resolve(two + ".partial") + ", left by an interrupted rollout."),
          next.log());
      assertEquals(dir.resolve("releases").resolve(two), live(dir), next.log());
      ExpectedCodebase.commit(releases, ReleaseJourneyIT.tagged(releases, two)).assertMatchesBesides(live(dir), Set.of("config.php"));
      try (Stream<Path> left = Files.list(dir.resolve("releases"))) {
        assertEquals(List.of(one, two), left.map(p -> p.getFileName().toString()).sorted().toList());
      }
    }
  }

}
