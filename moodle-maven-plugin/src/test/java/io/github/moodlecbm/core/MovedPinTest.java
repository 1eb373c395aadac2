package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.build;
import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.settings;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.StandardSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site where one pin moved is resolved and assembled from that plugin's mirror alone: the others
 * are taken as the last build read them, and the result is the one a build from nothing gives.
 * What would make the last build's reading wrong (a tag moved since, a mirror cloned again) sends
 * the build back to the mirror.
 */
class MovedPinTest {
  @TempDir static Path shared;
  static Ecosystem eco;

  @TempDir Path tmp;

  @BeforeAll
  static void createEcosystem() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  /** Moodle 4.5's standard site with block_xp at {@code xpTag}. */
  static Site site45(String xpTag) throws CodebaseException {
    return SiteBuilds.site("4.5", site45Plugins(xpTag));
  }

  /** Each source's mirror folder, by the repository's owner/name. */
  static Map<String, Path> mirrors(BuildSettings settings) throws Exception {
    Map<String, Path> dirs = new HashMap<>();
    try (Workspace workspace = new Workspace(settings, BuildLog.SILENT)) {
      for (StandardSites.Plugin p : StandardSites.moodle45()) {
        dirs.put(p.repo(), workspace.mirrors().mirror(Ecosystem.url(p.repo())).directory());
      }
    }
    return dirs;
  }

  @Test
  void aMovedPinReadsItsOwnMirrorAloneAndGivesTheTreeOfABuildFromNothing() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    build(site45("v19.2"), settings(eco, project, cache, false), BuildLog.SILENT);

    // Every other plugin's mirror cannot even be opened now: its config is not git's.
    Map<String, Path> dirs = mirrors(settings(eco, project, cache, false));
    Map<Path, byte[]> configs = new HashMap<>();
    for (Map.Entry<String, Path> e : dirs.entrySet()) {
      if (!e.getKey().equals("FMCorz/moodle-block_xp")) {
        Path config = e.getValue().resolve("config");
        configs.put(config, Files.readAllBytes(config));
        Files.writeString(config, "[core\nthis is not a git config\n");
      }
    }
    SiteBuilds.Build moved = build(site45("v19.1"), settings(eco, project, cache, false), BuildLog.SILENT);
    for (Map.Entry<Path, byte[]> e : configs.entrySet()) {
      Files.write(e.getKey(), e.getValue());
    }

    assertEquals(eco.commit("FMCorz/moodle-block_xp", "v19.1").name(), moved.lock().plugins().get("block_xp").commit());
    SiteBuilds.Build fromNothing = build(site45("v19.1"), settings(eco, tmp.resolve("fresh"), tmp.resolve("cache2"), false),
        BuildLog.SILENT);
    assertEquals(fromNothing.tree(), moved.tree());
    assertEquals(Files.readString(tmp.resolve("fresh/moodle.lock")), Files.readString(project.resolve("moodle.lock")));
    StandardSites.expected(eco, "v4.5.2", site45Plugins("v19.1")).assertMatches(project.resolve("target/moodle"));
  }

  private static List<StandardSites.Plugin> site45Plugins(String xpTag) {
    return StandardSites.moodle45().stream()
        .map(p -> p.component().equals("block_xp")
            ? new StandardSites.Plugin(p.component(), p.repo(), "tag", xpTag, p.path(), p.installPath()) : p)
        .toList();
  }

  @Test
  void aReleaseAfterAMovedPinSaysWhatAReleaseFromNothingSays() throws Exception {
    Instant first = Instant.parse("2026-12-01T09:00:00Z");
    Instant second = first.plusSeconds(3600);
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    ReleaseTarget target = new ReleaseTarget(tmp.resolve("releases.git"), null, null, "main");
    SiteBuilds.release(site45("v19.2"), settings(eco, project, cache, false), BuildLog.SILENT, target,
        request("1.0.0", first), VerificationState.PASSED);
    // The second release reads again only what block_xp's move changed: the rest as the first release read it.
    Released moved = SiteBuilds.release(site45("v19.1"), settings(eco, project, cache, false), BuildLog.SILENT, target,
        request("1.0.1", second), VerificationState.PASSED);

    Released fromNothing = SiteBuilds.release(site45("v19.1"), settings(eco, tmp.resolve("fresh"), tmp.resolve("cache2"), false),
        BuildLog.SILENT, new ReleaseTarget(tmp.resolve("fresh-releases.git"), null, null, "main"), request("1.0.1", second),
        VerificationState.PASSED);
    assertEquals(fromNothing.sbom(), moved.sbom());
    assertEquals(fromNothing.manifest().plugins(), moved.manifest().plugins());
    assertTrue(moved.sbom().contains("\"19.1\""), moved.sbom());
  }

  @Test
  void aSnapshotWhoseTagIsTakenNamesItsOwnTagInItsSbom() throws Exception {
    Instant time = Instant.parse("2026-12-01T09:00:00Z");
    ReleaseTarget target = new ReleaseTarget(tmp.resolve("releases.git"), null, null, "main");
    Released one = SiteBuilds.release(site45("v19.2"), settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false),
        BuildLog.SILENT, target, request("1.0.0-SNAPSHOT", time), VerificationState.PASSED);
    // Built the same second: the tag the SBOM was begun with is taken, the release gets another.
    Released two = SiteBuilds.release(site45("v19.1"), settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false),
        BuildLog.SILENT, target, request("1.0.0-SNAPSHOT", time), VerificationState.PASSED);

    assertTrue(!one.tag().equals(two.tag()), one.tag() + " " + two.tag());
    assertTrue(two.sbom().contains("\"" + two.tag() + "\""), two.sbom());
    assertTrue(!two.sbom().contains("\"" + one.tag() + "\""), two.sbom());
  }

  private static Releaser.Request request(String version, Instant time) {
    return new Releaser.Request("org.example", "site", version, "@{version}", "main", Set.of(), time, time);
  }

  @Test
  void aLockedTagMovedInTheMirrorSinceIsStillFound() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    Site site = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"),
        plugin("tool_mergeusers", "jpahullo/moodle-tool_mergeusers", "tag", "v2.4.0"));
    build(site, settings(eco, project, cache, false), BuildLog.SILENT);
    String locked = eco.commit("FMCorz/moodle-block_xp", "v19.2").name();
    ObjectId older = eco.commit("FMCorz/moodle-block_xp", "v19.1");
    // The tag moved in the mirror alone (as a fetch for another site would move it), no object added.
    Path mirror = mirrors(settings(eco, project, cache, false)).get("FMCorz/moodle-block_xp");
    try (Git git = Git.open(mirror.toFile())) {
      git.tag().setName("v19.2").setObjectId(git.getRepository().parseCommit(older)).setAnnotated(false).setForceUpdate(true).call();
    }

    // tool_mergeusers moves too: the site is resolved again.
    Site moved = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"),
        plugin("tool_mergeusers", "jpahullo/moodle-tool_mergeusers", "branch", "main"));
    CodebaseException e = assertThrows(CodebaseException.class, () -> build(moved, settings(eco, project, cache, false), BuildLog.SILENT));
    assertTrue(e.getMessage().startsWith("block_xp: tag v19.2 of https://github.com/FMCorz/moodle-block_xp.git now points to commit "
        + older.name() + ", but the lock file recorded " + locked + "."), e.getMessage());
  }

  @Test
  void aMirrorClonedAgainIsReadAgainAndSaysWhatItLacks() throws Exception {
    try (Ecosystem own = Ecosystem.create(tmp.resolve("own"), 0)) {
      Path project = tmp.resolve("site");
      Path cache = tmp.resolve("cache");
      GitFixture upstream = own.repo("jpahullo/moodle-tool_mergeusers").onBranch("main");
      upstream.commit("soon rewritten", c -> c.file("rewritten.php", "<?php\n"));
      Site site = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"),
          plugin("tool_mergeusers", "jpahullo/moodle-tool_mergeusers", "branch", "main"));
      String locked = build(site, settings(own, project, cache, false), BuildLog.SILENT).lock().plugins().get("tool_mergeusers").commit();
      // Upstream rewrites its history, and the cache is emptied: the mirror cloned again lacks the locked commit.
      upstream.ref("refs/heads/main", upstream.resolve(locked + "^"));
      try (Stream<Path> files = Files.walk(cache)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }

      Site moved = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1"),
          plugin("tool_mergeusers", "jpahullo/moodle-tool_mergeusers", "branch", "main"));
      CodebaseException e = assertThrows(CodebaseException.class, () -> build(moved, settings(own, project, cache, false), BuildLog.SILENT));
      assertEquals("tool_mergeusers: commit " + locked + " recorded in the lock file is no longer in "
          + "https://github.com/jpahullo/moodle-tool_mergeusers.git (history rewritten?). Build with -Dmoodle.update to resolve"
          + " the pin again.", e.getMessage());
    }
  }
}
