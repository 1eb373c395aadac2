package io.github.moodlecbm.it;

import static io.github.moodlecbm.it.SiteProject.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site carries a change of its own to a plugin: edited in {@code target/moodle}, captured with
 * {@code moodle:patch}, built and released; then upstream moves, first to a version where the
 * patch conflicts, then to one that contains it.
 */
class PatchJourneyIT {
  @TempDir Path tmp;

  @Test
  void editCaptureReleaseThenUpdateToAConflictingTagThenToOneThatHasThePatch() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      SiteProject site = SiteProject.create(tmp.resolve("site"), "patched", "4.5",
          SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1", null));
      site.build(args(common, "package"));

      // Edit in target/moodle, try it, capture it.
      Path readme = site.dir.resolve("target/moodle/blocks/xp/README.md");
      String upstream = Files.readString(readme);
      assertTrue(upstream.startsWith("# block_xp\n"), upstream);
      String edited = upstream.replaceFirst("# block_xp\n", "# block_xp (with our leaderboard fix)\n");
      Files.writeString(readme, edited);
      SiteProject.Run captured = site.build(args(common, "moodle:patch", "-Dmoodle.component=block_xp",
          "-Dmoodle.patchName=Leaderboard fix"));
      assertTrue(captured.says("block_xp: wrote src/main/patches/block_xp/0001-leaderboard-fix.patch (1 file changed under"
          + " target/moodle/blocks/xp)."), captured.log());
      assertTrue(Files.readString(site.dir.resolve("src/main/patches/block_xp/0001-leaderboard-fix.patch"))
          .contains("+# block_xp (with our leaderboard fix)"));

      SiteProject.Run released = site.build(args(common, "package"));
      assertTrue(released.says("[block_xp] applied src/main/patches/block_xp/0001-leaderboard-fix.patch (README.md)"),
          released.log());
      assertTrue(released.says("* block_xp: +0001-leaderboard-fix.patch"), released.log());
      assertEquals(edited, Files.readString(readme));
      String lockWithPatch = site.lock();
      assertTrue(lockWithPatch.contains("\"path\": \"src/main/patches/block_xp/0001-leaderboard-fix.patch\""), lockWithPatch);

      // Before anything changes, outdated says what the update would do to the patch.
      SiteProject.Run outdated = site.build(args(common, "moodle:outdated"));
      assertTrue(outdated.says("src/main/patches/block_xp/0001-leaderboard-fix.patch would stop applying. Rebase it on that"
          + " version when you take the update."), outdated.log());

      // Upstream's v19.2 changed the lines around the patch: the build says where and stops.
      String pom = Files.readString(site.pom());
      Files.writeString(site.pom(), pom.replace("<tag>v19.1</tag>", "<tag>v19.2</tag>"));
      SiteProject.Run conflict = site.mvn(args(common, "package"));
      assertNotEquals(0, conflict.exitCode());
      String v191 = eco.commit("FMCorz/moodle-block_xp", "v19.1").name();
      String v192 = eco.commit("FMCorz/moodle-block_xp", "v19.2").name();
      assertTrue(conflict.says("block_xp: the patch src/main/patches/block_xp/0001-leaderboard-fix.patch does not apply to the"
          + " pinned version: "), conflict.log());
      assertTrue(conflict.says("The pin moved from " + v191.substring(0, 10) + " to " + v192.substring(0, 10)
          + "; the commits in between that changed README.md: " + v192.substring(0, 7) + " v19.2."), conflict.log());
      assertFalse(conflict.log().contains("\tat io.github"), "no stack trace");
      assertEquals(lockWithPatch, site.lock(), "nothing resolved into the lock, nothing released");

      // Upstream's v19.3 took the change: the build says the patch is there already.
      eco.repo("FMCorz/moodle-block_xp").onBranch("master")
          .commit("Leaderboard fix, from a site", FakePlugin.files("", "block_xp", 2024120100L, "19.3", null, "2022112800")
              .andThen(c -> c.file("README.md", "# block_xp (with our leaderboard fix)\n\nRelease 19.1.\n")))
          .annotatedTag("v19.3");
      String fix = eco.commit("FMCorz/moodle-block_xp", "v19.3").name();
      Files.writeString(site.pom(), pom);
      SiteProject.Run upstreamSoon = site.build(args(common, "moodle:outdated"));
      assertTrue(upstreamSoon.says("src/main/patches/block_xp/0001-leaderboard-fix.patch is already in that version. Delete the"
          + " patch file when you take the update."), upstreamSoon.log());
      Files.writeString(site.pom(), pom.replace("<tag>v19.1</tag>", "<tag>v19.3</tag>"));
      SiteProject.Run upstreamHasIt = site.mvn(args(common, "package"));
      assertNotEquals(0, upstreamHasIt.exitCode());
      assertTrue(upstreamHasIt.says("block_xp: the patch src/main/patches/block_xp/0001-leaderboard-fix.patch is already in the"
          + " pinned version: it applies in reverse, so upstream took the change (brought by " + fix.substring(0, 7)
          + " Leaderboard fix, from a site). Delete the patch file"), upstreamHasIt.log());

      SiteProject.Run skipped = site.build(args(common, "package", "-Dmoodle.skipAppliedPatches"));
      assertTrue(skipped.says("[WARNING] block_xp: the patch src/main/patches/block_xp/0001-leaderboard-fix.patch is already in"
          + " the pinned version"), skipped.log());
      assertTrue(skipped.says("~ block_xp v19.1 -> v19.3"), skipped.log());
      assertEquals("# block_xp (with our leaderboard fix)\n\nRelease 19.1.\n", Files.readString(readme));
    }
  }

}
