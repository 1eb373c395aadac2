package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.build;
import static io.github.moodlecbm.core.SiteBuilds.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.PluginAdder;
import io.github.moodlecbm.core.resolve.UpgradeCheck;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakeDirectory;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugins given by component alone, or pinned by version.php's terms, resolved from git and the directory. */
class AutomaticPinTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  static Path directory;

  @TempDir Path tmp;

  @BeforeAll
  static void createEcosystem() throws Exception {
    eco = Ecosystem.create(shared.resolve("world"), 0);
    directory = new FakeDirectory()
        .plugin("mod_attendance", Ecosystem.url("danmarsden/moodle-mod_attendance"),
            FakeDirectory.version("2024100701", "4.5.1", "MOODLE_405_STABLE", "v4.5.1", "4.5"),
            FakeDirectory.version("2025100600", "5.1.0", "MOODLE_501_STABLE", "v5.1.0", "5.1"))
        .plugin("block_xp", Ecosystem.url("FMCorz/moodle-block_xp"),
            FakeDirectory.version("2024111800", "19.2", "master", null, "4.4", "4.5"))
        .plugin("theme_boost_union", Ecosystem.url("moodle-an-hochschulen/moodle-theme_boost_union"),
            FakeDirectory.version("2024100703", "v4.5-r3", "MOODLE_405_STABLE", "v4.5-r3", "4.5"))
        .plugin("format_tiles", Ecosystem.url("davidwatson/moodle-format_tiles"),
            FakeDirectory.version("2024101100", "4.5.0", "dev", "V4.5.0", "4.5", "5.0", "5.1"))
        .plugin("quizaccess_honestycheck", Ecosystem.url("catalyst/moodle-quizaccess_honestycheck"),
            FakeDirectory.version("2024100701", "405", "MOODLE_405_STABLE", null, "4.5"))
        .plugin("tool_mergeusers", Ecosystem.url("jpahullo/moodle-tool_mergeusers"),
            FakeDirectory.version("2024060300", "2.4.0", "main", "v2.4.0", "4.4", "4.5"))
        .plugin("theme_boost_union_child", Ecosystem.url("moodle-an-hochschulen/moodle-theme_boost_union_child"),
            FakeDirectory.version("2025041401", "v5.0-r1", "main", null, "4.5"))
        .plugin("local_lonely", Ecosystem.url("verify/moodle-local_lonely"),
            FakeDirectory.version("2024100700", "1.0", "main", null, "4.5"))
        .plugin("local_future", Ecosystem.url("verify/moodle-local_future"),
            FakeDirectory.version("2025041400", "2.0", "main", null, "5.0"))
        .write(shared.resolve("pluglist.json"));
  }

  private BuildSettings settings(Path project) throws Exception {
    return SiteBuilds.settings(eco, project, shared.resolve("cache"), false).withPluginDirectory(directory.toString());
  }

  private static Site components(String moodle, String... components) throws Exception {
    List<PluginSpec> specs = new ArrayList<>();
    for (String c : components) {
      specs.add(PluginSpec.declare(c, null, null, null, null, null, null, null));
    }
    return Site.of(MoodleSpec.declare(moodle, null, null, null, null), specs);
  }

  private static String commit(String repo, String ref) {
    return eco.commit(repo, ref).name();
  }

  @Test
  void aSiteOfComponentsOnlyGetsTheNewestVersionForItsMoodle45() throws Exception {
    Path project = tmp.resolve("site45");
    Site site = components("4.5", "mod_attendance", "block_xp", "theme_boost_union", "format_tiles",
        "quizaccess_honestycheck", "tool_mergeusers");
    Lock lock = build(site, settings(project), BuildLog.SILENT).lock();

    Lock.Plugin attendance = lock.plugins().get("mod_attendance");
    assertEquals(Ecosystem.url("danmarsden/moodle-mod_attendance"), attendance.source(), "the directory's repository");
    assertEquals("newest compatible", attendance.pin().describe());
    assertEquals(commit("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE"), attendance.commit());
    assertEquals("MOODLE_405_STABLE: supported [405, 405], requires 2024100700", attendance.why());

    Lock.Plugin xp = lock.plugins().get("block_xp");
    assertEquals(commit("FMCorz/moodle-block_xp", "v19.2"), xp.commit(), "the tag of the newest version, not master's WIP");
    assertEquals("tag v19.2: requires 2022112800", xp.why());
    assertEquals(commit("moodle-an-hochschulen/moodle-theme_boost_union", "MOODLE_405_STABLE"),
        lock.plugins().get("theme_boost_union").commit());
    assertEquals(commit("davidwatson/moodle-format_tiles", "dev"), lock.plugins().get("format_tiles").commit());
    assertTrue(lock.plugins().get("format_tiles").why().matches("tag (v4\\.5-r1|V4\\.5\\.0): supported \\[405, 501\\], requires 2024100700"),
        lock.plugins().get("format_tiles").why());
    assertEquals("MOODLE_405_STABLE: supported [405, 405], requires 2024100700", lock.plugins().get("quizaccess_honestycheck").why());
    assertEquals("tag v2.4.0: requires 2022041900", lock.plugins().get("tool_mergeusers").why());
    String text = Files.readString(project.resolve("moodle.lock"));
    assertTrue(text.contains("\"why\": \"MOODLE_405_STABLE: supported [405, 405], requires 2024100700\""), text);

    // The lock settles the pick: the next build needs no directory.
    Files.copy(directory, tmp.resolve("saved.json"));
    BuildSettings noDirectory = settings(project).withPluginDirectory(tmp.resolve("gone.json").toString());
    RecordingLog log = new RecordingLog();
    ExpectedLocks.same(lock, build(site, noDirectory, log).lock());
  }

  @Test
  void theSameComponentsOnMoodle51TakeTheir501Versions() throws Exception {
    Site site = components("5.1", "mod_attendance", "block_xp", "theme_boost_union", "format_tiles", "quizaccess_honestycheck");
    Lock lock = build(site, settings(tmp.resolve("site51")), BuildLog.SILENT).lock();
    assertEquals(commit("danmarsden/moodle-mod_attendance", "MOODLE_501_STABLE"), lock.plugins().get("mod_attendance").commit());
    assertEquals("MOODLE_501_STABLE: supported [501, 501], requires 2025100600", lock.plugins().get("mod_attendance").why());
    assertEquals(commit("moodle-an-hochschulen/moodle-theme_boost_union", "MOODLE_501_STABLE"),
        lock.plugins().get("theme_boost_union").commit());
    assertEquals(commit("catalyst/moodle-quizaccess_honestycheck", "MOODLE_501_STABLE"),
        lock.plugins().get("quizaccess_honestycheck").commit());
    assertEquals(commit("FMCorz/moodle-block_xp", "v19.2"), lock.plugins().get("block_xp").commit());
    assertEquals("public/mod/attendance", lock.plugins().get("mod_attendance").installPath());
  }

  @Test
  void aMajorUpgradePicksAgainOnlyWhatNoLongerRuns() throws Exception {
    Path project = tmp.resolve("upgraded");
    build(components("4.5", "mod_attendance", "block_xp"), settings(project), BuildLog.SILENT);
    RecordingLog log = new RecordingLog();
    Lock lock = build(components("5.1", "mod_attendance", "block_xp"), settings(project), log).lock();
    assertEquals(commit("danmarsden/moodle-mod_attendance", "MOODLE_501_STABLE"), lock.plugins().get("mod_attendance").commit());
    assertTrue(log.anyContains("[mod_attendance] the locked version does not declare that it runs on Moodle 5.1"),
        () -> String.join("\n", log.lines));
    assertEquals(commit("FMCorz/moodle-block_xp", "v19.2"), lock.plugins().get("block_xp").commit(), "still runs: kept");
    assertTrue(log.lines.stream().noneMatch(l -> l.startsWith("[block_xp] the locked version")));
  }

  @Test
  void pinsByVersionAndReleaseFindTheirCommit() throws Exception {
    Site site = Site.of(MoodleSpec.declare("4.5", null, null, null, null), List.of(
        PluginSpec.declare("mod_attendance", null, null, null, null, "2024100701", null, null),
        PluginSpec.declare("quizaccess_honestycheck", null, null, null, null, "2024100701", null, null),
        PluginSpec.declare("block_xp", null, null, null, null, null, "19.1", null)));
    Lock lock = build(site, settings(tmp.resolve("pinned")), BuildLog.SILENT).lock();
    assertEquals(commit("danmarsden/moodle-mod_attendance", "v4.5.1"), lock.plugins().get("mod_attendance").commit());
    assertEquals("tag v4.5.1: the plugins directory's tag for version 2024100701", lock.plugins().get("mod_attendance").why());
    assertEquals("version 2024100701", lock.plugins().get("mod_attendance").pin().describe());
    assertEquals(commit("catalyst/moodle-quizaccess_honestycheck", "MOODLE_405_STABLE"), lock.plugins().get("quizaccess_honestycheck").commit());
    assertEquals("branch MOODLE_405_STABLE: the commit that set version 2024100701", lock.plugins().get("quizaccess_honestycheck").why());
    assertEquals(commit("FMCorz/moodle-block_xp", "v19.1"), lock.plugins().get("block_xp").commit());
    assertEquals("tag v19.1: its version.php has release 19.1", lock.plugins().get("block_xp").why());
  }

  @Test
  void anUntaggedVersionIsTheCommitThatSetIt() throws Exception {
    GitFixture hist = GitFixture.init(tmp.resolve("hist.git"));
    hist.onBranch("main")
        .commit("1.0", FakePlugin.files("", "local_hist", 2024010100L, "1.0", null, "2022041900"))
        .commit("1.1", FakePlugin.files("", "local_hist", 2024020200L, "1.1", null, "2022041900"));
    String set = hist.head().name();
    hist.onBranch("main")
        .commit("docs", c -> c.file("README.md", "more\n"))
        .commit("requires", c -> c.file("version.php", c.text("version.php").replace("2022041900", "2022112800")))
        .commit("1.2", FakePlugin.files("", "local_hist", 2024030300L, "1.2", null, "2022112800"));
    Site site = Site.of(MoodleSpec.declare("4.5", null, null, null, null), List.of(
        PluginSpec.declare("local_hist", hist.directory().toUri().toString(), null, null, null, "2024020200", null, null)));
    Lock lock = build(site, settings(tmp.resolve("hist")), BuildLog.SILENT).lock();
    assertEquals(set, lock.plugins().get("local_hist").commit());
    assertEquals("branch main: the commit that set version 2024020200", lock.plugins().get("local_hist").why());

    Site missing = Site.of(MoodleSpec.declare("4.5", null, null, null, null), List.of(
        PluginSpec.declare("local_hist", hist.directory().toUri().toString(), null, null, null, "2024020201", null, null)));
    CodebaseException e = assertThrows(CodebaseException.class, () -> build(missing, settings(tmp.resolve("hist2")), BuildLog.SILENT));
    assertEquals("local_hist: no commit of " + hist.directory().toUri() + " has $plugin->version = 2024020201 in its"
        + " version.php. Versions found: 2024030300. Check <version> in pom.xml.", e.getMessage());
  }

  @Test
  void noCompatibleVersionListsTheNewestWithWhatTheyNeed() throws Exception {
    CodebaseException e = assertThrows(CodebaseException.class,
        () -> build(components("4.5", "local_future"), settings(tmp.resolve("future")), BuildLog.SILENT));
    assertEquals("local_future: no version of " + Ecosystem.url("verify/moodle-local_future") + " declares that it runs on"
        + " Moodle 4.5.2 (Build: 20241007) (version 2024100702.00, branch 405). Newest versions: branch main (2025041400, 2.0):"
        + " requires 2025041400. Pin a version with <tag> or <branch> if you know it works, or leave the plugin out.",
        e.getMessage());

    CodebaseException unknown = assertThrows(CodebaseException.class,
        () -> build(components("4.5", "mod_nowhere"), settings(tmp.resolve("nowhere")), BuildLog.SILENT));
    assertEquals("mod_nowhere: not in the plugins directory, so its repository is unknown. Give its git URL with"
        + " <source> in pom.xml.", unknown.getMessage());
  }

  @Test
  void anUpgradeCheckSaysWhatKeepsItsPinWhatNeedsANewOneAndWhatBlocks() throws Exception {
    Site site = Site.of(MoodleSpec.declare("4.5", null, null, null, null), List.of(
        SiteBuilds.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"),
        SiteBuilds.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"),
        SiteBuilds.plugin("theme_boost_union", "moodle-an-hochschulen/moodle-theme_boost_union", "branch", "MOODLE_405_STABLE")));
    Path project = tmp.resolve("upgrade");
    build(site, settings(project), BuildLog.SILENT);
    String lock = Files.readString(project.resolve("moodle.lock"));
    try (Goals b = new Goals(site, settings(project))) {
      var to50 = b.upgradeCheck(MoodleVersion.parse("5.0"));
      assertEquals("5.0.1 (Build: 20250414)", to50.target());
      assertEquals(List.of("NEEDS_A_NEW_PIN", "KEEPS_ITS_PIN", "BLOCKER"), to50.rows().stream().map(r -> r.verdict().name()).toList());
      assertEquals("MOODLE_500_STABLE: supported [500, 500], requires 2025041400", to50.rows().get(0).detail());
      assertEquals(List.of("theme_boost_union"), to50.blockers().stream().map(r -> r.component()).toList());
      assertEquals("mod/attendance", to50.rows().get(0).targetInstallPath());

      var to51 = b.upgradeCheck(MoodleVersion.parse("5.1"));
      assertEquals("public", to51.codeRoot());
      assertEquals("public/mod/attendance", to51.rows().get(0).targetInstallPath());
      assertEquals("MOODLE_501_STABLE: supported [501, 501], requires 2025100600", to51.rows().get(0).detail());
      assertTrue(to51.blockers().isEmpty());
    }
    assertEquals(lock, Files.readString(project.resolve("moodle.lock")), "nothing changed");
  }

  @Test
  void addingAPluginPlansItWithThePluginsItDependsOn() throws Exception {
    Site site = components("4.5", "block_xp");
    Path project = tmp.resolve("add");
    build(site, settings(project), BuildLog.SILENT);
    try (Goals b = new Goals(site, settings(project))) {
      var plan = b.planAdd("theme_boost_union_child", null, null);
      assertEquals(2, plan.size());
      assertEquals("theme_boost_union_child", plan.get(0).component());
      assertEquals("branch main: requires 2024100700", plan.get(0).version());
      assertEquals("theme_boost_union", plan.get(1).component());
      assertEquals("theme_boost_union_child", plan.get(1).requiredBy());
      assertEquals("MOODLE_405_STABLE: supported [405, 405], requires 2024100700", plan.get(1).version());

      CodebaseException lonely = assertThrows(CodebaseException.class, () -> b.planAdd("local_lonely", null, null));
      assertEquals("local_lonely depends on local_absent, which the plugins directory does not list. Add local_absent"
          + " first with -Dmoodle.component=local_absent -Dmoodle.source=<its git URL>.", lonely.getMessage());
      CodebaseException twice = assertThrows(CodebaseException.class, () -> b.planAdd("block_xp", null, null));
      assertEquals("block_xp is already declared in pom.xml. To change its version, edit its pin there.", twice.getMessage());
      assertEquals("tag v4.5.1", b.planAdd("mod_attendance", Ecosystem.url("danmarsden/moodle-mod_attendance"), "v4.5.1")
          .get(0).version());
    }
  }

  /** The goals that read a site built as it is: {@code moodle:upgrade-check} and the plan of {@code moodle:add}. */
  private static final class Goals implements AutoCloseable {
    final Workspace workspace;
    final Site site;
    final Lock lock;

    Goals(Site site, BuildSettings settings) throws Exception {
      this.workspace = new Workspace(settings, BuildLog.SILENT);
      this.site = site;
      this.lock = SiteBuilds.assemble(workspace, site).lock();
    }

    UpgradeCheck.Report upgradeCheck(MoodleVersion target) throws Exception {
      return new UpgradeCheck(workspace.mirrors(), workspace.settings().offline()).check(site, lock, target);
    }

    List<PluginAdder.Addition> planAdd(String component, String source, String tag) throws Exception {
      return new PluginAdder(workspace.mirrors(), workspace.settings().offline(), () -> workspace.directory(false))
          .plan(site, lock, component, source, tag);
    }

    @Override
    public void close() {
      workspace.close();
    }
  }

  /** Locks compared field by field, for a readable failure. */
  private static final class ExpectedLocks {
    static void same(Lock expected, Lock actual) {
      assertEquals(expected.tree(), actual.tree());
      assertEquals(expected.plugins(), actual.plugins());
    }
  }
}
