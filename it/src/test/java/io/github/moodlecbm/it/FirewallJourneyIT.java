package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site behind a firewall: the organisation's git configuration sends github.com to an internal
 * mirror, and once the cache is filled the site builds with {@code mvn -o}.
 */
class FirewallJourneyIT {
  @TempDir Path tmp;

  @Test
  void gitInsteadOfReachesTheInternalMirrorAndOfflineBuildsFromTheCache() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("internal-mirror"), 0)) {
      Path xdg = tmp.resolve("xdg");
      Files.createDirectories(xdg.resolve("git"));
      String internal = eco.root().resolve("github.com").toUri().toString();
      Files.writeString(xdg.resolve("git/config"), "[url \"" + internal + "\"]\n\tinsteadOf = https://github.com/\n");

      SiteProject site = SiteProject.generate(tmp.resolve("sites"), "firewalled", "4.5")
          .withEnvironment("XDG_CONFIG_HOME", xdg.toString());
      site.declarePlugins(String.join("\n",
          SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null),
          SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2", null)));
      String cache = "-Dmoodle.cacheDir=" + tmp.resolve("cache");

      SiteProject.Run online = site.build("package", cache);
      assertTrue(online.says("cloning https://github.com/h5p/h5p-php-library.git"), online.log());
      ExpectedCodebase expected = ExpectedCodebase.moodle(eco, "v4.5.2")
          .plugin("h5p/moodle-mod_hvp", "1.27", "mod/hvp")
          .plugin("FMCorz/moodle-block_xp", "v19.2", "blocks/xp");
      expected.assertMatches(site.dir.resolve("target/moodle"));
      String lock = site.lock();
      assertTrue(lock.contains("\"source\": \"https://github.com/h5p/moodle-mod_hvp.git\""), lock);
      assertFalse(lock.contains(internal), "the lock records the pom's URLs, not the rewritten ones");

      site.build("clean");
      SiteProject.Run offline = site.build("-o", "package", cache);
      assertFalse(offline.says("fetching") || offline.says("cloning"), offline.log());
      expected.assertMatches(site.dir.resolve("target/moodle"));

      // A plugin the cache has never seen cannot be built offline; nothing is touched.
      site.declarePlugins(String.join("\n",
          SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null),
          SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2", null),
          SiteProject.plugin("tiny_c4l", "bfh/moodle-tiny_c4l", "tag", "v1.0.0", null)));
      SiteProject.Run missing = site.mvn("-o", "package", cache);
      assertNotEquals(0, missing.exitCode());
      assertTrue(missing.says("tiny_c4l: https://github.com/bfh/moodle-tiny_c4l.git has never been fetched, and the build"
          + " is offline. Build once online (without -o) to create its mirror."), missing.log());
      assertFalse(missing.log().contains("Caused by:") || missing.log().matches("(?s).*\\n\\s+at [\\w.$]+\\(.*"), missing.log());
      assertEquals(lock, site.lock());
      expected.assertMatches(site.dir.resolve("target/moodle"));
    }
  }
}
