package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.build;
import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.settings;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.overlay.OverlayFiles;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's own files, in {@code src/main/overlay/}: added to the code base at their paths, last. */
class SiteOverlayTest {
  @TempDir static Path world;
  @TempDir Path tmp;
  static Ecosystem eco;

  @BeforeAll
  static void createEcosystem() {
    eco = Ecosystem.create(world, 0);
  }

  @AfterAll
  static void close() {
    eco.close();
  }

  private static Site overlaid(Path project) throws Exception {
    return site("4.5.2", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"))
        .withOverlay(OverlayFiles.read(project).orElse(null));
  }

  private static void write(Path project, String path, String text) throws Exception {
    Path f = project.resolve(OverlayFiles.FOLDER).resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  @Test
  void overlayFilesAreAddedAtTheirPathsReplacementsAreSaidAndTheLockRecordsThem() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    write(project, "robots.txt", "User-agent: *\nDisallow: /\n");
    write(project, "admin/cli/local_maintenance.sh", "#!/bin/sh\necho local\n");
    Files.setPosixFilePermissions(project.resolve(OverlayFiles.FOLDER).resolve("admin/cli/local_maintenance.sh"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    write(project, "blocks/xp/lib.php", "<?php\n// the site's own lib.php\n");
    write(project, "theme/logo.txt", "logo\n");
    Files.createSymbolicLink(project.resolve(OverlayFiles.FOLDER).resolve("theme/current.txt"), Path.of("logo.txt"));

    RecordingLog log = new RecordingLog();
    SiteBuilds.Build built = build(overlaid(project), settings(eco, project, cache, false), log);

    Path code = project.resolve("target/moodle");
    assertEquals("User-agent: *\nDisallow: /\n", Files.readString(code.resolve("robots.txt")));
    assertTrue(Files.isExecutable(code.resolve("admin/cli/local_maintenance.sh")));
    assertEquals("<?php\n// the site's own lib.php\n", Files.readString(code.resolve("blocks/xp/lib.php")));
    assertEquals(Path.of("logo.txt"), Files.readSymbolicLink(code.resolve("theme/current.txt")));
    assertTrue(Files.exists(code.resolve("blocks/xp/version.php")), "the plugin's other files stay");
    assertTrue(log.anyContains("WARN The overlay replaces blocks/xp/lib.php of block_xp. A patch in src/main/patches/block_xp/"),
        () -> String.join("\n", log.lines));
    assertTrue(log.anyContains("Overlay: 5 files of src/main/overlay added to the code base"), () -> String.join("\n", log.lines));
    Lock.Overlay recorded = built.lock().overlay();
    assertEquals(5, recorded.files());
    assertTrue(Files.readString(project.resolve("moodle.lock")).contains("\"overlay\": {\n    \"tree\": \"" + recorded.tree()));

    // The same files give the same tree elsewhere; a changed file, another tree at the next build.
    Path elsewhere = tmp.resolve("elsewhere");
    try (var files = Files.walk(project.resolve(OverlayFiles.FOLDER))) {
      for (Path f : files.toList()) {
        Path to = elsewhere.resolve(project.relativize(f));
        if (Files.isSymbolicLink(f)) {
          Files.createSymbolicLink(to, Files.readSymbolicLink(f));
        } else if (Files.isDirectory(f)) {
          Files.createDirectories(to);
        } else {
          Files.copy(f, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    assertEquals(built.tree(), build(overlaid(elsewhere), settings(eco, elsewhere, tmp.resolve("cache2"), false),
        BuildLog.SILENT).tree());
    write(project, "robots.txt", "User-agent: *\nAllow: /\n");
    SiteBuilds.Build changed = build(overlaid(project), settings(eco, project, cache, false), BuildLog.SILENT);
    assertNotEquals(built.tree(), changed.tree());
    assertEquals("User-agent: *\nAllow: /\n", Files.readString(code.resolve("robots.txt")));
  }

  private static String versionPhp(String requires) {
    return "<?php\ndefined('MOODLE_INTERNAL') || die();\n$plugin->component = 'local_mysite';\n$plugin->version = 2026120300;\n"
        + "$plugin->requires = " + requires + ";\n$plugin->maturity = MATURITY_STABLE;\n$plugin->release = '1.0';\n";
  }

  @Test
  void aPluginOfTheSitesOwnInTheOverlayIsPlacedLockedAndVerifiedLikeTheOthers() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    write(project, "local/mysite/version.php", versionPhp("2024100700"));
    write(project, "local/mysite/lang/en/local_mysite.php", "<?php\n$string['pluginname'] = 'Our site';\n");

    SiteBuilds.Build built = build(overlaid(project), settings(eco, project, cache, false), BuildLog.SILENT);

    assertEquals(java.util.Map.of("local_mysite", "local/mysite"), built.lock().overlayPlugins());
    assertTrue(Files.readString(project.resolve("moodle.lock")).contains("\"plugins\": {\n      \"local_mysite\": \"local/mysite\""));
    var options = new io.github.moodlecbm.core.verify.CodebaseVerifier.Options(false, null);
    try (Workspace w = new Workspace(settings(eco, project, cache, false), BuildLog.SILENT)) {
      var checked = new io.github.moodlecbm.core.verify.VerifyStage(w).check(SiteBuilds.assemble(w, overlaid(project)), options, null);
      var row = checked.rows().stream().filter(r -> r.component().equals("local_mysite")).findFirst().orElseThrow();
      assertEquals("local/mysite", row.installPath());
      assertEquals("overlay", row.pin());
      assertEquals("ok", row.status());
      assertEquals(java.util.List.of(), checked.errors());
    }

    write(project, "local/mysite/version.php", versionPhp("2099010100"));
    build(overlaid(project), settings(eco, project, cache, false), BuildLog.SILENT);
    try (Workspace w = new Workspace(settings(eco, project, cache, false), BuildLog.SILENT)) {
      var checked = new io.github.moodlecbm.core.verify.VerifyStage(w).check(SiteBuilds.assemble(w, overlaid(project)), options, null);
      assertTrue(checked.errors().stream().anyMatch(f -> f.component().equals("local_mysite") && f.check().equals("requires")),
          () -> checked.errors().toString());
    }

    Path moodles = tmp.resolve("moodles");
    write(moodles, "mod/forum/version.php", versionPhp("2024100700"));
    CodebaseException e = assertThrows(CodebaseException.class,
        () -> build(overlaid(moodles), settings(eco, moodles, cache, false), BuildLog.SILENT));
    assertTrue(e.getMessage().contains("The overlay's src/main/overlay/mod/forum would replace mod_forum, a plugin of Moodle itself."),
        e.getMessage());
  }

  @Test
  void whatMayNotReachACodeBaseIsRefusedNamingTheFile() throws Exception {
    Path config = tmp.resolve("config");
    write(config, "config.php", "<?php $CFG = new stdClass();\n");
    assertTrue(assertThrows(CodebaseException.class, () -> OverlayFiles.read(config)).getMessage()
        .contains("The overlay holds src/main/overlay/config.php: config.php never goes into a code base"));
    Path publicConfig = tmp.resolve("public-config");
    write(publicConfig, "public/config.php", "<?php\n");
    assertThrows(CodebaseException.class, () -> OverlayFiles.read(publicConfig));
    Path git = tmp.resolve("git");
    write(git, "local/mine/.git/HEAD", "ref: refs/heads/main\n");
    assertTrue(assertThrows(CodebaseException.class, () -> OverlayFiles.read(git)).getMessage()
        .contains("src/main/overlay/local/mine/.git, a .git entry"));
    Path link = tmp.resolve("link");
    write(link, "theme/x.txt", "x\n");
    Files.createSymbolicLink(link.resolve(OverlayFiles.FOLDER).resolve("theme/secrets"), Path.of("../../etc/passwd"));
    assertTrue(assertThrows(CodebaseException.class, () -> OverlayFiles.read(link)).getMessage()
        .contains("The overlay's symbolic link src/main/overlay/theme/secrets points to '../../etc/passwd', outside the code base."));

    Path clash = tmp.resolve("clash");
    write(clash, "blocks/xp", "a file where the plugin's folder is\n");
    write(clash, "index.php/readme.txt", "below a file\n");
    CodebaseException e = assertThrows(CodebaseException.class,
        () -> build(overlaid(clash), settings(eco, clash, tmp.resolve("cache"), false), BuildLog.SILENT));
    assertTrue(e.getMessage().contains("The overlay cannot be added to the code base (2 problems)"), e.getMessage());
    assertTrue(e.getMessage().contains("src/main/overlay/blocks/xp is a file where the code base has a folder of block_xp."),
        e.getMessage());
    assertTrue(e.getMessage().contains("src/main/overlay/index.php/readme.txt is below index.php, which is a file of moodle"),
        e.getMessage());
    assertTrue(!Files.exists(clash.resolve("moodle.lock")), "nothing assembled");
  }
}
