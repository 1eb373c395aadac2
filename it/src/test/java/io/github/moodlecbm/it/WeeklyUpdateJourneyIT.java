package io.github.moodlecbm.it;

import static io.github.moodlecbm.it.SiteProject.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakeMoodle;
import io.github.moodlecbm.fixture.FakePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly routine: {@code moodle:outdated} says what moved upstream (Moodle's point release
 * first), {@code moodle:update} takes it into the lock, {@code package} builds and releases it.
 */
class WeeklyUpdateJourneyIT {
  @TempDir Path tmp;

  @Test
  void outdatedListsAPointReleaseAndANewTagUpdateTakesThemPackageReleasesThem() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      String plugins = SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null)
          + "\n" + SiteProject.plugin("filter_filtercodes", "michael-milette/moodle-filter_filtercodes", "tag", "2.6.2", null)
          + "\n            <plugin><component>block_xp</component>"
          + "<source>https://github.com/FMCorz/moodle-block_xp.git</source></plugin>";
      SiteProject site = SiteProject.create(tmp.resolve("site"), "weekly", "4.5", plugins);
      site.build(args(common, "package"));
      String lockBefore = site.lock();
      assertTrue(lockBefore.contains("\"why\": \"tag v19.2: requires 2022112800\""), lockBefore);

      SiteProject.Run current = site.build(args(common, "moodle:outdated"));
      assertTrue(current.says("Everything is up to date for this Moodle."), current.log());

      // Upstream moves: Moodle 4.5.3 is out, block_xp tags v19.3, filtercodes tags v2.6.3.
      FakeMoodle.pointRelease(eco.repo("moodle/moodle"), FakeMoodle.V405, 3);
      eco.repo("FMCorz/moodle-block_xp").onBranch("master")
          .commit("v19.3", FakePlugin.files("", "block_xp", 2024120100L, "19.3", null, "2022112800")).annotatedTag("v19.3");
      eco.repo("michael-milette/moodle-filter_filtercodes").onBranch("master")
          .commit("2.6.3", FakePlugin.files("", "filter_filtercodes", 2024120500L, "2.6.3", "[39, 501]", "2020061500")).tag("v2.6.3");
      String pomBefore = Files.readString(site.pom());

      SiteProject.Run outdated = site.build(args(common, "moodle:outdated"));
      String log = outdated.log();
      assertTrue(log.matches("(?s).*\\[INFO\\] moodle +4\\.5\\.2 \\(Build: 20241007\\) +4\\.5\\.3 \\(point release: security fixes\\) .*"), log);
      assertTrue(log.matches("(?s).*\\[INFO\\] block_xp +19\\.2 \\(2024111800\\) +tag v19\\.3 19\\.3 \\(2024120100\\) +tag v19\\.3 19\\.3 \\(2024120100\\) +requires 2022112800.*"), log);
      assertTrue(log.matches("(?s).*\\[INFO\\] mod_attendance +4\\.5\\.1 \\(2024100701\\) +up to date .*"), log);
      assertTrue(outdated.says("[WARNING] Moodle 4.5.3 is out: point releases carry security fixes."), log);
      assertTrue(log.matches("(?s).*\\[INFO\\] filter_filtercodes +2\\.6\\.2 \\(2024111700\\) +tag v2\\.6\\.3 2\\.6\\.3 \\(2024120500\\) .*"), log);
      assertTrue(outdated.says("3 of 4 can move: mvn moodle:update takes them, then mvn package builds them."), log);
      assertEquals(lockBefore, site.lock(), "outdated changes nothing");

      SiteProject.Run failing = site.mvn(args(common, "moodle:outdated", "-Dmoodle.failIfOutdated"));
      assertNotEquals(0, failing.exitCode());
      assertTrue(failing.says("3 of 4 components can move (see the table above). -Dmoodle.failIfOutdated fails the build for it."),
          failing.log());

      SiteProject.Run onlyXp = site.build(args(common, "moodle:update", "-Dmoodle.includes=block_*"));
      assertTrue(onlyXp.says("Updated block_xp "), onlyXp.log());
      assertTrue(onlyXp.says("(tag v19.3: requires 2022112800)"), onlyXp.log());
      assertTrue(site.lock().contains("\"release\": \"4.5.2 (Build: 20241007)\""), "Moodle was not included");

      SiteProject.Run update = site.build(args(common, "moodle:update"));
      assertTrue(update.says("Updated moodle 4.5.2 (Build: 20241007) -> 4.5.3 (Build: 20241007)"), update.log());
      assertTrue(update.says("Updated filter_filtercodes <tag> -> v2.6.3 in pom.xml"), update.log());
      assertTrue(update.says("1 updated in moodle.lock, 1 pin(s) in pom.xml: mvn package builds, verifies and releases them."),
          update.log());
      assertEquals(pomBefore.replace("<tag>2.6.2</tag>", "<tag>v2.6.3</tag>"), Files.readString(site.pom()),
          "the tag, and nothing else, changed in the pom");

      SiteProject.Run released = site.build(args(common, "package"));
      assertTrue(released.says("Moodle 4.5.2 (Build: 20241007) -> 4.5.3 (Build: 20241007)"), released.log());
      assertTrue(Files.readString(site.dir.resolve("target/moodle/version.php")).contains("'4.5.3 (Build: 20241007)'"));
      assertTrue(Files.readString(site.dir.resolve("target/moodle/blocks/xp/version.php")).contains("2024120100"));
      assertTrue(Files.readString(site.dir.resolve("target/moodle/filter/filtercodes/version.php")).contains("2024120500"));
      assertTrue(site.build(args(common, "moodle:outdated")).says("Everything is up to date for this Moodle."));
    }
  }

}
