package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.build;
import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.settings;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.assembly.BuildRepository;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.patch.PatchCapture;
import io.github.moodlecbm.core.patch.PatchOutlook;
import io.github.moodlecbm.core.patch.PatchFiles;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's own patches, kept in {@code src/main/patches}: applied to git trees on every build, in
 * order, recorded in the lock; every one that fails is reported, and nothing is assembled then.
 */
class SitePatchesTest {
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

  private static final String LIB = "<?php\n// Library functions of block_xp.\ndefined('MOODLE_INTERNAL') || die();\n";

  private Site patchedSite(Path project) throws Exception {
    return site("4.5.2", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2")).withPatches(PatchFiles.read(project));
  }

  @Test
  void moodleAndPluginPatchesApplyInTheOrderOfTheirNamesAndAreRecordedInTheLock() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    SiteBuilds.Build plain = build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);
    String index = Files.readString(project.resolve("target/moodle/index.php"));
    assertEquals(LIB, Files.readString(project.resolve("target/moodle/blocks/xp/lib.php")));

    write(project, "moodle/0001-robots.patch", diff(Map.of("index.php", index), Map.of("index.php", index + "// local fix\n")));
    String once = LIB + "function block_xp_fixed() {}\n";
    write(project, "block_xp/0001-fix.patch", diff(Map.of("lib.php", LIB), Map.of("lib.php", once)));
    // The second applies only on top of the first, and adds a file.
    write(project, "block_xp/0002-more.patch", diff(Map.of("lib.php", once),
        Map.of("lib.php", once + "function block_xp_more() {}\n", "classes/local/fix.php", "<?php\n")));

    SiteBuilds.Build patched = build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);

    Path code = project.resolve("target/moodle");
    assertEquals(index + "// local fix\n", Files.readString(code.resolve("index.php")));
    assertEquals(once + "function block_xp_more() {}\n", Files.readString(code.resolve("blocks/xp/lib.php")));
    assertEquals("<?php\n", Files.readString(code.resolve("blocks/xp/classes/local/fix.php")));
    assertNotEquals(plain.tree(), patched.tree());
    Lock lock = patched.lock();
    assertEquals(1, lock.moodle().patches().size());
    assertEquals("src/main/patches/moodle/0001-robots.patch", lock.moodle().patches().get(0).path());
    Lock.Plugin xp = lock.plugins().get("block_xp");
    assertEquals(2, xp.patches().size());
    assertEquals("src/main/patches/block_xp/0002-more.patch", xp.patches().get(1).path());
    assertEquals(64, xp.patches().get(1).sha256().length());
    assertEquals(eco.commit("FMCorz/moodle-block_xp", "v19.2").name(), xp.commit(), "the pin is still upstream's commit");
    try (Repository store = new BuildRepository(project.resolve("target/moodle-cbm/objects.git")).open();
        var reader = store.newObjectReader()) {
      assertEquals(xp.patchedTree(), new TreeFiles(reader).folder(patched.tree(), "blocks/xp").orElseThrow().name());
    }
    String lockText = Files.readString(project.resolve("moodle.lock"));
    assertTrue(lockText.contains("\"patchedTree\": \"" + xp.patchedTree() + "\""), lockText);

    // The same lock and patches give the same tree; a changed patch, another one.
    Path elsewhere = tmp.resolve("elsewhere");
    copyPatches(project, elsewhere);
    assertEquals(patched.tree(), build(patchedSite(elsewhere), settings(eco, elsewhere, tmp.resolve("cache2"), false),
        BuildLog.SILENT).tree());
    write(project, "block_xp/0002-more.patch", diff(Map.of("lib.php", once), Map.of("lib.php", once + "// other\n")));
    SiteBuilds.Build changed = build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);
    assertNotEquals(patched.tree(), changed.tree());
    assertFalse(Files.exists(code.resolve("blocks/xp/classes/local/fix.php")));
  }

  @Test
  void gitBinaryPatchesAndModeChangesApplyAsGitWritesThem() throws Exception {
    Path project = tmp.resolve("site");
    byte[] logo = new byte[300];
    for (int i = 0; i < logo.length; i++) {
      logo[i] = (byte) (i * 7);
    }
    write(project, "block_xp/0001-logo.patch", binaryAddition("pix/logo.png", logo));
    write(project, "block_xp/0002-executable.patch", "diff --git a/lib.php b/lib.php\nold mode 100644\nnew mode 100755\n");

    SiteBuilds.Build built = build(patchedSite(project), settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT);

    Path code = project.resolve("target/moodle/blocks/xp");
    org.junit.jupiter.api.Assertions.assertArrayEquals(logo, Files.readAllBytes(code.resolve("pix/logo.png")));
    assertTrue(Files.isExecutable(code.resolve("lib.php")), "the mode the patch gives");
    assertEquals(LIB, Files.readString(code.resolve("lib.php")));
    try (Repository store = new BuildRepository(project.resolve("target/moodle-cbm/objects.git")).open();
        var walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(store, "blocks/xp/lib.php",
            new org.eclipse.jgit.revwalk.RevWalk(store).parseTree(built.tree()))) {
      assertEquals(org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE, walk.getFileMode(0));
    }
  }

  /** A new binary file as {@code git diff --binary} writes it: a zlib stream in base 85, 52 bytes a line. */
  private static String binaryAddition(String path, byte[] content) throws Exception {
    java.io.ByteArrayOutputStream deflated = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.DeflaterOutputStream(deflated)) {
      out.write(content);
    }
    byte[] z = deflated.toByteArray();
    StringBuilder b = new StringBuilder();
    String id;
    try (var f = new org.eclipse.jgit.lib.ObjectInserter.Formatter()) {
      id = f.idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, content).name();
    }
    b.append("diff --git a/").append(path).append(" b/").append(path).append('\n')
        .append("new file mode 100644\n")
        .append("index 0000000000000000000000000000000000000000..").append(id).append('\n')
        .append("GIT binary patch\nliteral ").append(content.length).append('\n');
    for (int at = 0; at < z.length; at += 52) {
      int n = Math.min(52, z.length - at);
      b.append((char) (n <= 26 ? 'A' + n - 1 : 'a' + n - 27))
          .append(new String(org.eclipse.jgit.util.Base85.encode(z, at, n), StandardCharsets.US_ASCII)).append('\n');
    }
    return b.append("\nliteral 0\nHcmV?d00001\n\n").toString();
  }

  @Test
  void whenThePinMovesAPatchThatConflictsOrIsAlreadyUpstreamSaysWhereThePinMovedAndWhichCommitsChangedItsFiles()
      throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    String v191 = fileAt("FMCorz/moodle-block_xp", "v19.1", "version.php");
    String v192 = fileAt("FMCorz/moodle-block_xp", "v19.2", "version.php");
    String v191commit = eco.commit("FMCorz/moodle-block_xp", "v19.1").name();
    String v192commit = eco.commit("FMCorz/moodle-block_xp", "v19.2").name();
    write(project, "block_xp/0001-local-release.patch",
        diff(Map.of("version.php", v191), Map.of("version.php", v191.replace("'19.1'", "'19.1-local'"))));
    build(xpAt("v19.1", project), settings(eco, project, cache, false), BuildLog.SILENT);

    CodebaseException conflict = assertThrows(CodebaseException.class,
        () -> build(xpAt("v19.2", project), settings(eco, project, cache, false), BuildLog.SILENT));
    String message = conflict.getMessage();
    assertTrue(message.contains("block_xp: the patch src/main/patches/block_xp/0001-local-release.patch does not apply to the"
        + " pinned version: "), message);
    assertTrue(message.contains("The pin moved from " + v191commit.substring(0, 10) + " to " + v192commit.substring(0, 10)
        + "; the commits in between that changed version.php: " + v192commit.substring(0, 7) + " v19.2."), message);
    assertTrue(message.contains("Rebase the patch on this version (" + v192commit.substring(0, 10)
        + "), or pin the version it was written for (" + v191commit.substring(0, 10) + ")."), message);

    // A backport of what v19.2 brings: applied on v19.1, already there on v19.2.
    write(project, "block_xp/0001-local-release.patch", diff(Map.of("version.php", v191), Map.of("version.php", v192)));
    build(xpAt("v19.1", project), settings(eco, project, cache, false), BuildLog.SILENT);
    assertEquals(v192, Files.readString(project.resolve("target/moodle/blocks/xp/version.php")));
    CodebaseException upstream = assertThrows(CodebaseException.class,
        () -> build(xpAt("v19.2", project), settings(eco, project, cache, false), BuildLog.SILENT));
    assertTrue(upstream.getMessage().contains("block_xp: the patch src/main/patches/block_xp/0001-local-release.patch is"
        + " already in the pinned version: it applies in reverse, so upstream took the change (brought by "
        + v192commit.substring(0, 7) + " v19.2). Delete the patch file, or build with -Dmoodle.skipAppliedPatches to leave it out for now."),
        upstream.getMessage());

    RecordingLog log = new RecordingLog();
    SiteBuilds.Build skipped = build(xpAt("v19.2", project),
        settings(eco, project, cache, false).withSkipAppliedPatches(true), log);
    assertTrue(log.anyContains("WARN block_xp: the patch src/main/patches/block_xp/0001-local-release.patch is already in the"
        + " pinned version"), () -> String.join("\n", log.lines));
    assertEquals(v192commit, skipped.lock().plugins().get("block_xp").commit());
    assertEquals(v192, Files.readString(project.resolve("target/moodle/blocks/xp/version.php")));
  }

  @Test
  void theUpgradeCheckSaysWhatTheTargetMoodleDoesToThePatches() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    SiteBuilds.Build plain = build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);
    String index = Files.readString(project.resolve("target/moodle/index.php"));
    write(project, "moodle/0001-front-page.patch", diff(Map.of("index.php", index), Map.of("index.php", index + "// ours\n")));
    SiteBuilds.Build patched = build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);
    assertNotEquals(plain.tree(), patched.tree());

    RecordingLog log = new RecordingLog();
    try (Workspace workspace = new Workspace(settings(eco, project, cache, false), log)) {
      var report = new io.github.moodlecbm.core.resolve.UpgradeCheck(workspace.mirrors(), false)
          .check(patchedSite(project), patched.lock(), io.github.moodlecbm.core.config.MoodleVersion.parse("5.1"));
      new PatchOutlook(workspace).report(patched.lock(),
          Map.of("moodle", new PatchOutlook.Update(report.target(), report.targetCommit())));
    }
    // Moodle 5.1 moved its files under public/: the patch's index.php is not where it was.
    assertTrue(log.anyContains("WARN moodle 5.1"), () -> String.join("\n", log.lines));
    assertTrue(log.anyContains("src/main/patches/moodle/0001-front-page.patch would stop applying."),
        () -> String.join("\n", log.lines));
  }

  private Site xpAt(String tag, Path project) throws Exception {
    return site("4.5.2", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", tag)).withPatches(PatchFiles.read(project));
  }

  private static String fileAt(String repo, String ref, String path) throws Exception {
    var git = eco.repo(repo);
    ObjectId blob = git.files(eco.commit(repo, ref)).get(path).getValue();
    return new String(git.repository().open(blob).getBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void everyPatchThatFailsIsReportedTogetherAndTheLockStaysAsItWas() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);
    String lockText = Files.readString(project.resolve("moodle.lock"));

    write(project, "moodle/0001-stale.patch", diff(Map.of("index.php", "<?php\n// not Moodle's index\n"),
        Map.of("index.php", "<?php\n// changed\n")));
    write(project, "block_xp/0001-fine.patch", diff(Map.of("lib.php", LIB), Map.of("lib.php", LIB + "// fine\n")));
    write(project, "block_xp/0002-garbage.patch", "this is not a patch\n");
    write(project, "block_xp/0003-escape.patch", "diff --git a/../../config.php b/../../config.php\n"
        + "--- a/../../config.php\n+++ b/../../config.php\n@@ -1 +1 @@\n-a\n+b\n");

    CodebaseException e = assertThrows(CodebaseException.class,
        () -> build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT));

    String message = e.getMessage();
    assertTrue(message.contains("3 problems"), message);
    assertTrue(message.contains("moodle: the patch src/main/patches/moodle/0001-stale.patch does not apply"), message);
    assertTrue(message.contains("index.php"), message);
    assertTrue(message.contains("block_xp: src/main/patches/block_xp/0002-garbage.patch is not a patch"), message);
    assertTrue(message.contains("block_xp: the patch src/main/patches/block_xp/0003-escape.patch changes '../../config.php'"),
        message);
    assertFalse(message.contains("0001-fine"), message);
    assertEquals(lockText, Files.readString(project.resolve("moodle.lock")), "nothing assembled, the lock as it was");
  }

  @Test
  void patchesThatCannotBelongToTheSiteAreRefusedNamingTheFile() throws Exception {
    Path project = tmp.resolve("site");
    write(project, "mod_unknown/0001-x.patch", "diff --git a/x b/x\n");
    CodebaseException notInSite = assertThrows(CodebaseException.class, () -> patchedSite(project));
    assertTrue(notInSite.getMessage().contains("src/main/patches/mod_unknown/0001-x.patch changes mod_unknown, which the"
        + " site does not have"), notInSite.getMessage());

    Path badFolder = tmp.resolve("bad-folder");
    write(badFolder, "Block-XP/0001-x.patch", "x\n");
    assertTrue(assertThrows(CodebaseException.class, () -> PatchFiles.read(badFolder)).getMessage()
        .contains("The folder src/main/patches/Block-XP holds patches"));

    Path loose = tmp.resolve("loose");
    write(loose, "0001-x.patch", "x\n");
    assertTrue(assertThrows(CodebaseException.class, () -> PatchFiles.read(loose)).getMessage()
        .contains("The patch src/main/patches/0001-x.patch is not in a component's folder"));

    Path empty = tmp.resolve("empty");
    write(empty, "block_xp/0001-x.patch", "");
    assertTrue(assertThrows(CodebaseException.class, () -> PatchFiles.read(empty)).getMessage()
        .contains("block_xp: the patch src/main/patches/block_xp/0001-x.patch is empty"));

    Path others = tmp.resolve("others");
    write(others, "block_xp/README.md", "Why we patch block_xp.\n");
    assertEquals(0, PatchFiles.read(others).size(), "only .patch and .diff files are patches");
  }

  @Test
  void changesMadeByHandInTargetMoodleAreCapturedAsTheComponentsNextPatchWhichTheNextBuildApplies() throws Exception {
    Path project = tmp.resolve("site");
    Path cache = tmp.resolve("cache");
    String once = LIB + "function block_xp_fixed() {}\n";
    write(project, "block_xp/0001-fix.patch", diff(Map.of("lib.php", LIB), Map.of("lib.php", once)));
    SiteBuilds.Build built = build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);
    Path code = project.resolve("target/moodle");
    String index = Files.readString(code.resolve("index.php"));
    Files.writeString(code.resolve("blocks/xp/lib.php"), once + "// by hand\n");
    Files.createDirectories(code.resolve("blocks/xp/classes"));
    Files.writeString(code.resolve("blocks/xp/classes/extra.php"), "<?php\n");
    Files.writeString(code.resolve("index.php"), index + "// core, by hand\n");
    Files.writeString(code.resolve("config.php"), "<?php // the test server's\n");

    RecordingLog log = new RecordingLog();
    Path xp;
    Path core;
    try (Workspace workspace = new Workspace(settings(eco, project, cache, false), log)) {
      xp = new PatchCapture(workspace).capture(built.lock(), "block_xp", "Fix the Leaderboard!").orElseThrow();
      core = new PatchCapture(workspace).capture(built.lock(), "moodle", null).orElseThrow();
      CodebaseException unknown = assertThrows(CodebaseException.class,
          () -> new PatchCapture(workspace).capture(built.lock(), "mod_none", null));
      assertTrue(unknown.getMessage().contains("the site has no component mod_none"), unknown.getMessage());
    }
    assertEquals(project.resolve("src/main/patches/block_xp/0002-fix-the-leaderboard.patch"), xp);
    String xpPatch = Files.readString(xp);
    assertTrue(xpPatch.contains("diff --git a/lib.php b/lib.php") && xpPatch.contains("+// by hand"), xpPatch);
    assertTrue(xpPatch.contains("b/classes/extra.php"), xpPatch);
    assertFalse(xpPatch.contains("index.php"), xpPatch);
    assertEquals(project.resolve("src/main/patches/moodle/0001-local-changes.patch"), core);
    String corePatch = Files.readString(core);
    assertTrue(corePatch.contains("diff --git a/index.php b/index.php") && corePatch.contains("+// core, by hand"), corePatch);
    assertFalse(corePatch.contains("blocks/xp"), corePatch);
    assertFalse(corePatch.contains("b/config.php"), corePatch);
    assertTrue(log.anyContains("block_xp: wrote src/main/patches/block_xp/0002-fix-the-leaderboard.patch (2 files changed"),
        () -> String.join("\n", log.lines));

    Files.delete(code.resolve("config.php"));
    SiteBuilds.Build again = build(patchedSite(project), settings(eco, project, cache, false), BuildLog.SILENT);
    assertEquals(once + "// by hand\n", Files.readString(code.resolve("blocks/xp/lib.php")));
    assertEquals(index + "// core, by hand\n", Files.readString(code.resolve("index.php")));
    assertEquals(3, again.lock().plugins().get("block_xp").patches().size() + again.lock().moodle().patches().size());
    RecordingLog nothing = new RecordingLog();
    try (Workspace workspace = new Workspace(settings(eco, project, cache, false), nothing)) {
      assertTrue(new PatchCapture(workspace).capture(again.lock(), "block_xp", null).isEmpty());
    }
    assertTrue(nothing.anyContains("block_xp: nothing under target/moodle/blocks/xp differs from the code base"),
        () -> String.join("\n", nothing.lines));
  }

  private static void write(Path project, String name, String text) throws Exception {
    Path file = project.resolve(PatchFiles.FOLDER).resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void copyPatches(Path from, Path to) throws Exception {
    Path source = from.resolve(PatchFiles.FOLDER);
    try (var files = Files.walk(source)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(PatchFiles.FOLDER).resolve(source.relativize(f));
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  /** The patch git writes from one set of files to another, as git diff does in the component's repository. */
  private String diff(Map<String, String> before, Map<String, String> after) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "diff");
    try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
      for (var e : before.entrySet()) {
        Path f = dir.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("before").setSign(false).setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
      for (var e : after.entrySet()) {
        Path f = dir.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
      }
      git.add().addFilepattern(".").call();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      git.diff().setCached(true).setOutputStream(out).call();
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
