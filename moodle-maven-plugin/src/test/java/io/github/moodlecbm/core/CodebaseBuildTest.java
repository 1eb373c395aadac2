package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.build;
import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.settings;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.CodebaseVerifier;
import io.github.moodlecbm.core.verify.VerifyStage;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.RecordingLog;
import io.github.moodlecbm.fixture.StandardSites;
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
    return SiteBuilds.site("4.5", StandardSites.moodle45());
  }

  static ExpectedCodebase expected45() {
    return StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45());
  }

  @Test
  void moodle45SiteHoldsEveryFileOfEveryPinAtItsInstallPath() throws Exception {
    Path project = tmp.resolve("site");
    SiteBuilds.Build a = build(site45(), settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT);

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
    Path project = tmp.resolve("site51");
    build(SiteBuilds.site("5.1+", StandardSites.moodle51()), settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT);

    StandardSites.expected(eco, "MOODLE_501_STABLE", StandardSites.moodle51()).assertMatches(project.resolve("target/moodle"));
  }

  @Test
  void rebuildWithUnchangedLockFetchesNothingAndWritesNothing() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    RecordingLog firstLog = new RecordingLog();
    SiteBuilds.Build first = build(site45(), settings(eco, project, cache, false), firstLog);
    assertTrue(firstLog.anyContains("The mirror cache " + cache + " is empty: this build fills it"), () -> String.join("\n", firstLog.lines));
    assertTrue(firstLog.lines.stream().anyMatch(l -> l.matches("\\[block_xp\\] cloned https://github.com/FMCorz/moodle-block_xp.git in [0-9.]+ s \\([1-9][0-9]* objects, [0-9.]+ (KiB|MiB) received\\)")),
        () -> String.join("\n", firstLog.lines));
    String lockText = Files.readString(project.resolve("moodle.lock"));

    RecordingLog log = new RecordingLog();
    SiteBuilds.Build second = build(site45(), settings(eco, project, cache, false), log);

    assertEquals(first.tree(), second.tree());
    assertEquals(0, second.files().written());
    assertEquals(0, second.files().removed());
    assertFalse(log.anyContains("fetching"), () -> String.join("\n", log.lines));
    assertFalse(log.anyContains("is empty: this build fills it"), () -> String.join("\n", log.lines));
    assertFalse(log.anyContains("cloning"), () -> String.join("\n", log.lines));
    assertEquals(lockText, Files.readString(project.resolve("moodle.lock")));
  }

  @Test
  void aRebuildOfAnUnchangedSiteTakesItsLockAndItsChecksAsTheyAre() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    build(site45(), settings(eco, project, cache, false), BuildLog.SILENT);
    String lockText = Files.readString(project.resolve("moodle.lock"));

    RecordingLog same = new RecordingLog();
    build(site45(), settings(eco, project, cache, false), same);
    assertTrue(same.anyContains("as moodle.lock records them (the pom and the lock are unchanged since the last build"),
        () -> String.join("\n", same.lines));
    assertFalse(same.anyContains("[block_xp]"), "no pin was resolved again");

    // Anything the resolution depends on makes it run again.
    Site moved = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1"));
    assertTrue(resolvesAgain(moved, settings(eco, project, cache, false)), "another pom");
    String movedLock = Files.readString(project.resolve("moodle.lock"));
    assertTrue(resolvesAgain(site45(), settings(eco, project, cache, false)), "the pom as it was");
    assertFalse(resolvesAgain(site45(), settings(eco, project, cache, false)));
    assertTrue(resolvesAgain(site45(), settings(eco, project, cache, true)), "-Dmoodle.update");
    Files.writeString(project.resolve("moodle.lock"), movedLock);
    assertTrue(resolvesAgain(site45(), settings(eco, project, cache, false)), "a lock written by someone else");
    assertEquals(lockText, Files.readString(project.resolve("moodle.lock")));
    Path xpMirror;
    try (var mirrors = Files.list(cache)) {
      xpMirror = mirrors.filter(p -> p.getFileName().toString().contains("block_xp") && p.toString().endsWith(".git"))
          .findFirst().orElseThrow();
    }
    org.eclipse.jgit.util.FileUtils.delete(xpMirror.toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    assertTrue(resolvesAgain(site45(), settings(eco, project, cache, false)), "a mirror deleted");
    org.eclipse.jgit.util.FileUtils.delete(project.resolve("target").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
    assertTrue(resolvesAgain(site45(), settings(eco, project, cache, false)), "mvn clean");
    expected45().assertMatches(project.resolve("target/moodle"));

    // The verification's findings are kept with the digest of the lock and the options.
    var options = new io.github.moodlecbm.core.verify.CodebaseVerifier.Options(true, null);
    try (Workspace w = new Workspace(settings(eco, project, cache, false), BuildLog.SILENT)) {
      Assembled lock = SiteBuilds.assemble(w, site45());
      VerifyStage stage = new VerifyStage(w);
      Checks b = (assembled, o) -> stage.check(assembled, o, null);
      var first = b.verify(lock, options);
      Path cached = project.resolve("target/moodle-cbm/verification.json");
      assertTrue(Files.exists(cached));
      assertEquals(first, b.verify(lock, options));
      // A finding recorded under this digest is what the next build reports: proof it reads the record.
      Files.writeString(cached, Files.readString(cached).replaceFirst("\"status\": \"ok\"", "\"status\": \"recorded\""));
      assertTrue(b.verify(lock, options).rows().stream().anyMatch(r -> "recorded".equals(r.status())));
      var stricter = new io.github.moodlecbm.core.verify.CodebaseVerifier.Options(false, null);
      assertEquals(first.rows(), b.verify(lock, stricter).rows(), "other options: checked again");
      Files.writeString(cached, "not json");
      assertEquals(first, b.verify(lock, options), "an unreadable record: checked again");
    }
  }

  @Test
  void aVerificationTakenFromTheRecordLeavesItsReportAsTheBuildThatCheckedWroteIt() throws Exception {
    Path project = tmp.resolve("site");
    Path report = project.resolve("target/moodle-verify/TEST-moodle-verify.xml");
    var options = new CodebaseVerifier.Options(true, null);
    try (Workspace w = new Workspace(settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT)) {
      Assembled a = SiteBuilds.assemble(w, site45());
      new VerifyStage(w).verify(a, options, null, report);
      String written = Files.readString(report);
      Files.setLastModifiedTime(report, java.nio.file.attribute.FileTime.fromMillis(0));

      new VerifyStage(w).verify(a, options, null, report);
      assertEquals(0, Files.getLastModifiedTime(report).toMillis(), "an unchanged code base writes no report again");
      Files.delete(report);
      new VerifyStage(w).verify(a, options, null, report);
      assertEquals(written, Files.readString(report), "a missing report is written again, the same");
    }
  }

  /** The verification stage's checks, as the verify goal runs them without {@code php -l}. */
  private interface Checks {
    CodebaseVerifier.Verification verify(Assembled assembled, CodebaseVerifier.Options options) throws Exception;
  }

  private static boolean resolvesAgain(Site site, io.github.moodlecbm.core.config.BuildSettings settings) throws Exception {
    RecordingLog log = new RecordingLog();
    build(site, settings, log);
    return !log.anyContains("as moodle.lock records them");
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

    SiteBuilds.Build again = build(site45(), settings(eco, project, cache, false), BuildLog.SILENT);

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
    SiteBuilds.Build a = build(site45(), settings(eco, tmp.resolve("one"), tmp.resolve("cache1"), false), BuildLog.SILENT);
    SiteBuilds.Build b = build(site45(), settings(eco, tmp.resolve("two"), tmp.resolve("cache2"), false), BuildLog.SILENT);
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
  void aFixedPinMovedToATagTheMirrorHoldsIsTakenWithoutFetching() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    build(site("4.5.1", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1")), settings(eco, project, cache, false),
        BuildLog.SILENT);

    RecordingLog log = new RecordingLog();
    Lock lock = build(site("4.5.2", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2")),
        settings(eco, project, cache, false), log).lock();

    assertEquals(eco.commit("moodle/moodle", "v4.5.2").name(), lock.moodle().commit());
    assertEquals(eco.commit("FMCorz/moodle-block_xp", "v19.2").name(), lock.plugins().get("block_xp").commit());
    assertFalse(log.anyContains("fetching"), () -> String.join("\n", log.lines));
    // A pin that can move still asks upstream.
    RecordingLog floating = new RecordingLog();
    build(site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2")), settings(eco, project, cache, false),
        floating);
    assertTrue(floating.anyContains("[moodle] fetching"), () -> String.join("\n", floating.lines));
    assertFalse(floating.anyContains("[block_xp] fetching"), () -> String.join("\n", floating.lines));
  }

  @Test
  void anAbbreviatedCommitPinIsRecordedInFull() throws Exception {
    String full = eco.commit("jpahullo/moodle-tool_mergeusers", "v2.4.0").name();
    Lock lock = build(site("4.5", plugin("tool_mergeusers", "jpahullo/moodle-tool_mergeusers", "commit", full.substring(0, 7))),
        settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false), BuildLog.SILENT).lock();
    assertEquals(full, lock.plugins().get("tool_mergeusers").commit());
    assertEquals("commit " + full.substring(0, 7), lock.plugins().get("tool_mergeusers").pin().describe());
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
    var noTree = s.workTree(false);
    SiteBuilds.Build a = build(site45(), noTree, BuildLog.SILENT);
    assertFalse(Files.exists(project.resolve("target/moodle")));
    assertEquals(a.tree().name(), a.lock().tree());
  }

  @Test
  void offlineBuildsFromTheCacheAloneAndNamesWhatIsMissing() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    var online = settings(eco, project, cache, false);
    SiteBuilds.Build first = build(site45(), online, BuildLog.SILENT);
    var offline = online.offline(true);

    assertEquals(first.tree(), build(site45(), offline, BuildLog.SILENT).tree());

    Site more = site("4.5", plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"),
        plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"));
    var fresh = new io.github.moodlecbm.core.config.BuildSettings(tmp.resolve("other/moodle.lock"), tmp.resolve("empty-cache"),
        online.rewrites(), tmp.resolve("other/target/moodle-cbm"), tmp.resolve("other/target/moodle"), false, true, true);
    CodebaseException e = org.junit.jupiter.api.Assertions.assertThrows(CodebaseException.class, () -> build(more, fresh, BuildLog.SILENT));
    assertEquals("moodle: https://github.com/moodle/moodle.git has never been fetched, and the build is offline."
        + " Build once online (without -o) to create its mirror.", e.getMessage());
  }

  @Test
  void aFirstFetchKilledHalfWayLeavesNothingThatBlocksTheNextBuild() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    Site site = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"));
    build(site, settings(eco, project, cache, false), BuildLog.SILENT);
    Path mirror;
    try (var dirs = Files.list(cache)) {
      mirror = dirs.filter(p -> p.getFileName().toString().contains("moodle-block_xp") && p.toString().endsWith(".git"))
          .findFirst().orElseThrow();
    }
    // What a killed first clone leaves: a staging folder beside where the mirror goes.
    Path abandoned = mirror.resolveSibling(mirror.getFileName() + ".tmp-12345");
    Files.createDirectories(abandoned.resolve("objects/pack"));
    Files.writeString(abandoned.resolve("objects/pack/pack-half.pack"), "half");

    build(site, settings(eco, project, cache, true), BuildLog.SILENT);
    assertFalse(Files.exists(abandoned));
  }
}
