package io.github.moodlecbm.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.AssembleStage;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.assembly.BuildRepository;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.overlay.OverlayFiles;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.ResolveStage;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory of a code base built from the fixtures' Moodle and plugins: what the lock says of
 * each part, and what its files say, read from the assembled tree.
 */
class InventoryTest {
  @TempDir static Path world;
  @TempDir Path tmp;
  static Ecosystem eco;
  static final List<GitFixture> own = new ArrayList<>();

  /** The plugins of this test's own, with a language file, a licence and a version.php of their own. */
  @BeforeAll
  static void createEcosystem() {
    eco = Ecosystem.create(world, 0);
    GitFixture register = repo("inventory/moodle-mod_register");
    register.onBranch("main").commit("1.0", c -> c
        .file("version.php", LicenceTexts.MOODLE_HEADER
            + "$plugin->component = 'mod_register';\n$plugin->version = 2024100800;\n$plugin->requires = 2024100700;\n"
            + "$plugin->supported = [405, 405];\n$plugin->incompatible = 500;\n$plugin->maturity = MATURITY_RC;\n"
            + "$plugin->release = '1.0-rc1';\n"
            + "$plugin->dependencies = ['mod_attendance' => 2024100700, 'block_xp' => ANY_VERSION];\n")
        .file("lib.php", "<?php\n// Library functions of mod_register.\n")
        .file("lang/en/register.php", "<?php\n$string['modulename'] = 'Register';\n$string['pluginname'] = 'Teacher\\'s register';\n")
        .file("lang/en/mod_register.php", "<?php\n$string['pluginname'] = 'Not the file of an activity module';\n")
        .file("LICENSE", LicenceTexts.GPL3)).tag("v1.0").defaultBranch("main");
    GitFixture mit = repo("inventory/moodle-local_mitdemo");
    mit.onBranch("main").commit("0.1", FakePlugin.files("", "local_mitdemo", 2024100900L, "0.1", null, "2024100700")
        .andThen(c -> c.file("version.php", c.text("version.php").replace("MATURITY_STABLE", "MATURITY_BETA"))
            .file("lang/en/local_mitdemo.php", "<?php\n// Strings.\n$string[\"pluginname\"] = \"MIT \\\"demo\\\"\";\n")
            .file("LICENSE.md", LicenceTexts.MIT))).defaultBranch("main");
    GitFixture broken = repo("inventory/moodle-local_broken");
    broken.onBranch("main").commit("1", c -> c
        .file("version.php", "<?php\n$plugin->component = 'local_broken';\n$plugin->version = 2024100700 + 1;\n")
        .file("lang/en/local_broken.php", "<?php\n$string['pluginname'] = 'Broken but named';\n")).tag("v1").defaultBranch("main");
  }

  private static GitFixture repo(String ownerAndName) {
    GitFixture git = GitFixture.init(world.resolve("github.com").resolve(ownerAndName + ".git"));
    own.add(git);
    return git;
  }

  @AfterAll
  static void close() {
    own.forEach(GitFixture::close);
    eco.close();
  }

  private static PluginSpec plugin(String component, String repo, String branch, String tag, String path) throws Exception {
    return PluginSpec.declare(component, Ecosystem.url(repo), branch, tag, null, path);
  }

  /** The code base as {@code moodle:resolve} assembles it, and its inventory read from the build's objects. */
  private record Built(Lock lock, ObjectId tree, Inventory inventory) {}

  private Built build(Site site, Path project) throws Exception {
    Files.createDirectories(project);
    BuildSettings settings = new BuildSettings(project.resolve("moodle.lock"), tmp.resolve("cache"),
        UrlRewrites.parse(List.of(eco.rewrite())), project.resolve("target/moodle-cbm"), project.resolve("target/moodle"),
        false, false, false);
    try (Workspace w = new Workspace(settings, BuildLog.SILENT)) {
      Assembled a = new AssembleStage(w).assemble(new ResolveStage(w).resolve(site));
      try (ObjectSources sources = w.objects(a.lock())) {
        return new Built(a.lock(), a.tree(), Inventory.read(a.lock(), a.tree(), new TreeFiles(sources)));
      }
    }
  }

  private static Inventory.Plugin plugin(Inventory inventory, String component) {
    return inventory.plugins().stream().filter(p -> p.component().equals(component)).findFirst()
        .orElseThrow(() -> new AssertionError(component + " not in " + inventory.plugins()));
  }

  private static void write(Path project, String path, String text) throws Exception {
    Path f = project.resolve(OverlayFiles.FOLDER).resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @Test
  void aMoodle45SitesInventory() throws Exception {
    Path project = tmp.resolve("site");
    write(project, "COPYING.txt", LicenceTexts.GPL3);
    write(project, "local/mysite/version.php", "<?php\ndefined('MOODLE_INTERNAL') || die();\n$plugin->component = 'local_mysite';\n"
        + "$plugin->version = 2026120300;\n$plugin->requires = 2024100700;\n$plugin->maturity = MATURITY_STABLE;\n"
        + "$plugin->release = '1.0';\n");
    write(project, "local/mysite/lang/en/local_mysite.php", "<?php\n$string['pluginname'] = 'Our site';\n");
    Site site = Site.of(MoodleSpec.declare("4.5.2", null, null, null, null), List.of(
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", null, null),
        plugin("block_xp", "FMCorz/moodle-block_xp", null, "v19.2", null),
        PluginSpec.declare("filter_filtercodes", Ecosystem.url("michael-milette/moodle-filter_filtercodes"), null, null, null, null),
        plugin("local_o365", "microsoft/o365-moodle", "MOODLE_405_STABLE", null, "local/o365"),
        plugin("mod_register", "inventory/moodle-mod_register", null, "v1.0", null),
        plugin("local_mitdemo", "inventory/moodle-local_mitdemo", "main", null, null),
        plugin("local_broken", "inventory/moodle-local_broken", null, "v1", null)))
        .withOverlay(OverlayFiles.read(project).orElseThrow());

    Built built = build(site, project);
    Inventory inventory = built.inventory();

    Inventory.Core moodle = inventory.moodle();
    assertEquals("https://github.com/moodle/moodle.git", moodle.source());
    assertEquals(eco.commit("moodle/moodle", "v4.5.2").name(), moodle.commit());
    assertEquals("version 4.5.2", moodle.pin());
    assertEquals("4.5.2 (Build: 20241007)", moodle.release());
    assertEquals("2024100702.00", moodle.version());
    assertEquals("405", moodle.branch());
    assertEquals("", moodle.codeRoot());
    assertEquals("GPL-3.0-only", moodle.licence(), "the full GPL text at the root; the fake version.php says no more");
    assertEquals(List.of(), moodle.patches());

    assertEquals("8.1.0", inventory.environment().php());
    assertEquals(Map.of("postgres", "13"), inventory.environment().databases());
    assertEquals(List.of(), inventory.environment().phpExtensions());

    assertEquals(List.of("blocks/xp", "filter/filtercodes", "local/broken", "local/mitdemo", "local/mysite", "local/o365",
        "mod/attendance", "mod/register"), inventory.plugins().stream().map(Inventory.Plugin::installPath).toList());

    Inventory.Plugin attendance = plugin(inventory, "mod_attendance");
    assertEquals("mod", attendance.type());
    assertEquals("mod/attendance", attendance.installPath());
    assertNull(attendance.name(), "the fixture's language file is lang/en/mod_attendance.php, not an activity module's");
    assertEquals("4.5.1", attendance.release());
    assertEquals("2024100701", attendance.version());
    assertEquals("MATURITY_STABLE", attendance.maturity());
    assertEquals("2024100700", attendance.requires());
    assertEquals(List.of(405, 405), attendance.supported());
    assertNull(attendance.incompatible());
    assertEquals(Map.of(), attendance.dependencies());
    assertNull(attendance.licence());
    assertEquals("https://github.com/danmarsden/moodle-mod_attendance.git", attendance.source());
    assertEquals(eco.commit("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE").name(), attendance.commit());
    assertEquals("", attendance.path());
    assertEquals("branch MOODLE_405_STABLE", attendance.pin());
    assertEquals(List.of(), attendance.patches());
    assertFalse(attendance.overlay());

    Inventory.Plugin xp = plugin(inventory, "block_xp");
    assertEquals("block", xp.type());
    assertEquals("block_xp", xp.name(), "the fixture names the plugin after its component");
    assertEquals("19.2", xp.release());
    assertEquals("2024111800", xp.version());
    assertEquals("2022112800", xp.requires());
    assertEquals(List.of(), xp.supported());
    assertEquals("tag v19.2", xp.pin());
    assertEquals(eco.commit("FMCorz/moodle-block_xp", "v19.2").name(), xp.commit());

    Inventory.Plugin filtercodes = plugin(inventory, "filter_filtercodes");
    assertEquals("newest compatible", filtercodes.pin());
    assertNotNull(filtercodes.why(), "an automatic pin says why that version");
    assertEquals(built.lock().plugins().get("filter_filtercodes").why(), filtercodes.why());

    assertEquals("local/o365", plugin(inventory, "local_o365").path());
    assertEquals("local", plugin(inventory, "local_o365").type());

    Inventory.Plugin register = plugin(inventory, "mod_register");
    assertEquals("Teacher's register", register.name(), "from lang/en/register.php, an activity module's file");
    assertEquals("GPL-3.0-or-later", register.licence(), "the GPL text, and \"or later\" in the PHP headers");
    assertEquals("MATURITY_RC", register.maturity());
    assertEquals("1.0-rc1", register.release());
    assertEquals(500, register.incompatible());
    assertEquals(new TreeMap<>(Map.of("block_xp", "ANY_VERSION", "mod_attendance", "2024100700")), register.dependencies());
    assertEquals("https://github.com/inventory/moodle-mod_register.git", register.source());

    Inventory.Plugin mitdemo = plugin(inventory, "local_mitdemo");
    assertEquals("MIT \"demo\"", mitdemo.name());
    assertEquals("MIT", mitdemo.licence());
    assertEquals("MATURITY_BETA", mitdemo.maturity());

    Inventory.Plugin broken = plugin(inventory, "local_broken");
    assertEquals("Broken but named", broken.name());
    assertNull(broken.version(), "its version.php cannot be read");
    assertNull(broken.release());
    assertNull(broken.maturity());
    assertNull(broken.requires());
    assertEquals(List.of(), broken.supported());
    assertEquals("tag v1", broken.pin());

    Inventory.Plugin mysite = plugin(inventory, "local_mysite");
    assertTrue(mysite.overlay());
    assertEquals("overlay", mysite.pin());
    assertNull(mysite.source());
    assertNull(mysite.commit());
    assertNull(mysite.why());
    assertEquals("Our site", mysite.name());
    assertEquals("2026120300", mysite.version());

    // The site's patches, as the lock records them.
    Lock.Patch fix = new Lock.Patch("src/main/patches/block_xp/0001-fix.patch", "0".repeat(64));
    Lock.Patch robots = new Lock.Patch("src/main/patches/moodle/0001-robots.patch", "1".repeat(64));
    Lock lock = built.lock();
    Lock.Plugin lockedXp = lock.plugins().get("block_xp");
    TreeMap<String, Lock.Plugin> plugins = new TreeMap<>(lock.plugins());
    plugins.put("block_xp", new Lock.Plugin(lockedXp.source(), lockedXp.pin(), lockedXp.path(), lockedXp.commit(), lockedXp.why(),
        lockedXp.installPath(), lockedXp.submodules(), List.of(fix), null));
    Lock.Moodle m = lock.moodle();
    Lock patched = new Lock(lock.format(), lock.tree(),
        new Lock.Moodle(m.source(), m.pin(), m.commit(), m.release(), m.codeRoot(), List.of(robots), null), plugins, lock.overlay());
    try (Repository store = new BuildRepository(project.resolve("target/moodle-cbm/objects.git")).open();
        ObjectReader reader = store.newObjectReader()) {
      Inventory again = Inventory.read(patched, built.tree(), new TreeFiles(reader));
      assertEquals(List.of(robots.path()), again.moodle().patches());
      assertEquals(List.of(fix.path()), plugin(again, "block_xp").patches());
      assertEquals(List.of(), plugin(again, "mod_attendance").patches());
      assertEquals(inventory.plugins().size(), again.plugins().size());
    }
  }

  @Test
  void aMoodle51SiteHasItsCodeUnderPublic() throws Exception {
    Site site = Site.of(MoodleSpec.declare("5.1", null, null, null, null),
        List.of(plugin("block_xp", "FMCorz/moodle-block_xp", null, "v19.2", null)));

    Inventory inventory = build(site, tmp.resolve("site51")).inventory();

    assertEquals("public", inventory.moodle().codeRoot());
    assertEquals("501", inventory.moodle().branch());
    assertEquals("5.1.0 (Build: 20251006)", inventory.moodle().release());
    assertNull(inventory.moodle().licence(), "the fake Moodle states no licence");
    assertEquals("8.2.0", inventory.environment().php(), "public/admin/environment.xml, its 5.1 element");
    Inventory.Plugin xp = plugin(inventory, "block_xp");
    assertEquals("public/blocks/xp", xp.installPath());
    assertEquals("block_xp", xp.name());
    assertEquals("2024111800", xp.version());
    assertEquals(1, inventory.plugins().size());
  }
}
