package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.build;
import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.settings;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.FakePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodebaseBuildTest {
  @TempDir static Path shared;
  static Ecosystem eco;

  @TempDir Path tmp;

  @BeforeAll
  static void createEcosystem() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  static Site site45() throws CodebaseException {
    return site("4.5",
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"),
        plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"),
        plugin("mod_customcert", "mdjnelson/moodle-mod_customcert", "branch", "MOODLE_405_STABLE"),
        plugin("customcertelement_coursefield", "someone/moodle-customcertelement_coursefield", "tag", "1.2.0"),
        plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27"),
        plugin("quizaccess_honestycheck", "catalyst/moodle-quizaccess_honestycheck", "branch", "MOODLE_405_STABLE"),
        plugin("tiny_c4l", "bfh/moodle-tiny_c4l", "tag", "v1.0.0"),
        plugin("logstore_xapi", "xAPI-vle/moodle-logstore_xapi", "tag", "v4.7.0"),
        plugin("local_o365", "microsoft/o365-moodle", "branch", "MOODLE_405_STABLE", "local/o365"),
        plugin("auth_oidc", "microsoft/o365-moodle", "branch", "MOODLE_405_STABLE", "auth/oidc"),
        plugin("format_tiles", "davidwatson/moodle-format_tiles", "tag", "v4.5-r1"),
        plugin("filter_filtercodes", "michael-milette/moodle-filter_filtercodes", "tag", "2.6.2"),
        plugin("tool_mergeusers", "jpahullo/moodle-tool_mergeusers", "commit",
            eco.commit("jpahullo/moodle-tool_mergeusers", "v2.4.0").abbreviate(10).name()),
        plugin("theme_boost_union", "moodle-an-hochschulen/moodle-theme_boost_union", "tag", "v4.5-r3"));
  }

  static ExpectedCodebase expected45() {
    return ExpectedCodebase.moodle(eco, "v4.5.2")
        .plugin("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", "mod/attendance")
        .plugin("FMCorz/moodle-block_xp", "v19.2", "blocks/xp")
        .plugin("mdjnelson/moodle-mod_customcert", "MOODLE_405_STABLE", "mod/customcert")
        .plugin("someone/moodle-customcertelement_coursefield", "1.2.0", "mod/customcert/element/coursefield")
        .plugin("h5p/moodle-mod_hvp", "1.27", "mod/hvp")
        .plugin("catalyst/moodle-quizaccess_honestycheck", "MOODLE_405_STABLE", "mod/quiz/accessrule/honestycheck")
        .plugin("bfh/moodle-tiny_c4l", "v1.0.0", "lib/editor/tiny/plugins/c4l")
        .plugin("xAPI-vle/moodle-logstore_xapi", "v4.7.0", "admin/tool/log/store/xapi")
        .plugin("microsoft/o365-moodle", "MOODLE_405_STABLE", "local/o365", "local/o365")
        .plugin("microsoft/o365-moodle", "MOODLE_405_STABLE", "auth/oidc", "auth/oidc")
        .plugin("davidwatson/moodle-format_tiles", "v4.5-r1", "course/format/tiles")
        .plugin("michael-milette/moodle-filter_filtercodes", "2.6.2", "filter/filtercodes")
        .plugin("jpahullo/moodle-tool_mergeusers", "v2.4.0", "admin/tool/mergeusers")
        .plugin("moodle-an-hochschulen/moodle-theme_boost_union", "v4.5-r3", "theme/boost_union");
  }

  @Test
  void moodle45SiteHoldsEveryFileOfEveryPinAtItsInstallPath() throws Exception {
    Path project = tmp.resolve("site");
    CodebaseBuild.Assembly a = build(site45(), settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT);

    expected45().assertMatches(project.resolve("target/moodle"));
    Lock lock = a.lock();
    assertEquals("4.5.2 (Build: 20241007)", lock.moodle().release());
    assertEquals("mod/customcert/element/coursefield", lock.plugins().get("customcertelement_coursefield").installPath());
    assertEquals(3, lock.plugins().get("mod_hvp").submodules().size());
    assertEquals(a.tree().name(), lock.tree());
    assertTrue(Files.readString(project.resolve("moodle.lock")).contains(a.tree().name()));
  }

  @Test
  void moodle51SitePutsEveryPluginUnderPublic() throws Exception {
    Site site = site("5.1",
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_501_STABLE"),
        plugin("mod_customcert", "mdjnelson/moodle-mod_customcert", "branch", "MOODLE_501_STABLE"),
        plugin("customcertelement_coursefield", "someone/moodle-customcertelement_coursefield", "branch", "master"),
        plugin("quizaccess_honestycheck", "catalyst/moodle-quizaccess_honestycheck", "branch", "MOODLE_501_STABLE"),
        plugin("tiny_c4l", "bfh/moodle-tiny_c4l", "branch", "main"),
        plugin("mod_hvp", "h5p/moodle-mod_hvp", "branch", "stable"),
        plugin("local_o365", "microsoft/o365-moodle", "branch", "MOODLE_501_STABLE", "local/o365"));
    Path project = tmp.resolve("site51");
    build(site, settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT);

    ExpectedCodebase.moodle(eco, "v5.1.0")
        .plugin("danmarsden/moodle-mod_attendance", "MOODLE_501_STABLE", "public/mod/attendance")
        .plugin("mdjnelson/moodle-mod_customcert", "MOODLE_501_STABLE", "public/mod/customcert")
        .plugin("someone/moodle-customcertelement_coursefield", "master", "public/mod/customcert/element/coursefield")
        .plugin("catalyst/moodle-quizaccess_honestycheck", "MOODLE_501_STABLE", "public/mod/quiz/accessrule/honestycheck")
        .plugin("bfh/moodle-tiny_c4l", "main", "public/lib/editor/tiny/plugins/c4l")
        .plugin("h5p/moodle-mod_hvp", "stable", "public/mod/hvp")
        .plugin("microsoft/o365-moodle", "MOODLE_501_STABLE", "local/o365", "public/local/o365")
        .assertMatches(project.resolve("target/moodle"));
  }

  @Test
  void rebuildWithUnchangedLockFetchesNothingAndWritesNothing() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    CodebaseBuild.Assembly first = build(site45(), settings(eco, project, cache, false), BuildLog.SILENT);
    String lockText = Files.readString(project.resolve("moodle.lock"));

    SiteBuilds.RecordingLog log = new SiteBuilds.RecordingLog();
    CodebaseBuild.Assembly second = build(site45(), settings(eco, project, cache, false), log);

    assertEquals(first.tree(), second.tree());
    assertEquals(0, second.files().written());
    assertEquals(0, second.files().removed());
    assertFalse(log.anyContains("fetching"), () -> String.join("\n", log.lines));
    assertFalse(log.anyContains("cloning"), () -> String.join("\n", log.lines));
    assertEquals(lockText, Files.readString(project.resolve("moodle.lock")));
  }

  @Test
  void handEditedAndStrayFilesAreRepairedOnRebuild() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    build(site45(), settings(eco, project, cache, false), BuildLog.SILENT);
    Path moodle = project.resolve("target/moodle");
    Files.writeString(moodle.resolve("mod/attendance/lib.php"), "<?php // hacked\n");
    Files.writeString(moodle.resolve("stray.php"), "<?php\n");
    Files.createDirectories(moodle.resolve("blocks/gone/db"));
    Files.writeString(moodle.resolve("blocks/gone/db/access.php"), "<?php\n");
    Files.delete(moodle.resolve("index.php"));

    CodebaseBuild.Assembly again = build(site45(), settings(eco, project, cache, false), BuildLog.SILENT);

    expected45().assertMatches(moodle);
    assertEquals(2, again.files().written());
    assertEquals(2, again.files().removed());
  }

  @Test
  void updatePicksANewUpstreamCommitAndChangesTheLock() throws Exception {
    Path world = tmp.resolve("world2");
    try (Ecosystem own = Ecosystem.create(world, 0)) {
      Site site = site("4.5+", plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"));
      Path project = tmp.resolve("site");
      Path cache = tmp.resolve("cache");
      Lock before = build(site, settings(own, project, cache, false), BuildLog.SILENT).lock();

      own.repo("danmarsden/moodle-mod_attendance").onBranch("MOODLE_405_STABLE")
          .commit("4.5.2", FakePlugin.files("", "mod_attendance", 2024100702L, "4.5.2", "[405, 405]", "2024100700"));
      Lock unchanged = build(site, settings(own, project, cache, false), BuildLog.SILENT).lock();
      assertEquals(before, unchanged, "without moodle.update the lock holds");

      Lock after = build(site, settings(own, project, cache, true), BuildLog.SILENT).lock();
      assertEquals(own.commit("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE").name(),
          after.plugins().get("mod_attendance").commit());
      assertNotEquals(before.tree(), after.tree());
      assertTrue(Files.readString(project.resolve("target/moodle/mod/attendance/version.php")).contains("2024100702"));
    }
  }

  @Test
  void treeIdIsTheSameForTwoCleanBuildsInDifferentDirectories() throws Exception {
    CodebaseBuild.Assembly a = build(site45(), settings(eco, tmp.resolve("one"), tmp.resolve("cache1"), false), BuildLog.SILENT);
    CodebaseBuild.Assembly b = build(site45(), settings(eco, tmp.resolve("two"), tmp.resolve("cache2"), false), BuildLog.SILENT);
    assertEquals(a.tree(), b.tree());
    assertEquals(Files.readString(tmp.resolve("one/moodle.lock")), Files.readString(tmp.resolve("two/moodle.lock")));
  }

  @Test
  void moodleVersionFormsResolveToReleaseTagsOrTheStableHead() throws Exception {
    Path cache = tmp.resolve("cache");
    assertEquals(eco.commit("moodle/moodle", "v4.5.2").name(),
        build(site("4.5"), settings(eco, tmp.resolve("a"), cache, false), BuildLog.SILENT).lock().moodle().commit());
    assertEquals(eco.commit("moodle/moodle", "MOODLE_405_STABLE").name(),
        build(site("4.5+"), settings(eco, tmp.resolve("b"), cache, false), BuildLog.SILENT).lock().moodle().commit());
    assertEquals(eco.commit("moodle/moodle", "v4.5.1").name(),
        build(site("4.5.1"), settings(eco, tmp.resolve("c"), cache, false), BuildLog.SILENT).lock().moodle().commit());
    assertEquals("5.0.1 (Build: 20250414)",
        build(site("5.0"), settings(eco, tmp.resolve("d"), cache, false), BuildLog.SILENT).lock().moodle().release());
  }

  @Test
  void mirrorsHoldBranchesAndTagsButNoPullRequestRefs() throws Exception {
    Path cache = tmp.resolve("cache");
    build(site45(), settings(eco, tmp.resolve("site"), cache, false), BuildLog.SILENT);
    try (var dirs = Files.list(cache)) {
      Path mirror = dirs.filter(p -> p.getFileName().toString().contains("moodle-mod_attendance") && p.toString().endsWith(".git"))
          .findFirst().orElseThrow();
      try (var repo = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().setGitDir(mirror.toFile()).build()) {
        assertTrue(repo.getRefDatabase().getRefsByPrefix("refs/pull/").isEmpty());
        assertTrue(repo.getRefDatabase().exactRef("refs/heads/MOODLE_405_STABLE") != null);
        assertTrue(repo.getRefDatabase().exactRef("refs/tags/v4.5.1") != null);
      }
    }
  }

  @Test
  void workTreeCanBeTurnedOff() throws Exception {
    Path project = tmp.resolve("site");
    var s = settings(eco, project, tmp.resolve("cache"), false);
    var noTree = new io.github.moodlecbm.core.config.BuildSettings(s.lockFile(), s.cacheDir(), s.rewrites(), s.workDir(), s.outputDir(), false, false, false);
    CodebaseBuild.Assembly a = build(site45(), noTree, BuildLog.SILENT);
    assertFalse(Files.exists(project.resolve("target/moodle")));
    assertEquals(a.tree().name(), a.lock().tree());
  }

  @Test
  void offlineBuildsFromTheCacheAloneAndNamesWhatIsMissing() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    var online = settings(eco, project, cache, false);
    CodebaseBuild.Assembly first = build(site45(), online, BuildLog.SILENT);
    var offline = new io.github.moodlecbm.core.config.BuildSettings(online.lockFile(), cache, online.rewrites(),
        online.workDir(), online.outputDir(), false, true, true);

    assertEquals(first.tree(), build(site45(), offline, BuildLog.SILENT).tree());

    Site more = site("4.5", plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"),
        plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"));
    var fresh = new io.github.moodlecbm.core.config.BuildSettings(tmp.resolve("other/moodle.lock"), tmp.resolve("empty-cache"),
        online.rewrites(), tmp.resolve("other/target/moodle-cbm"), tmp.resolve("other/target/moodle"), false, true, true);
    CodebaseException e = org.junit.jupiter.api.Assertions.assertThrows(CodebaseException.class, () -> build(more, fresh, BuildLog.SILENT));
    assertEquals("moodle: https://github.com/moodle/moodle.git has never been fetched, and the build is offline."
        + " Build once online (without -o) to create its mirror.", e.getMessage());
  }
}
