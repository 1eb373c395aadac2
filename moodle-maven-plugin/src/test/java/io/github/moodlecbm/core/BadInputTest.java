package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.build;
import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.settings;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.RecordingLog;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every common mistake ends in one sentence naming the component and the fix, and leaves nothing behind. */
class BadInputTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  @TempDir Path tmp;

  @BeforeAll
  static void world() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  private CodebaseException failure(Site site) {
    return assertThrows(CodebaseException.class,
        () -> build(site, settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false), BuildLog.SILENT));
  }

  @Test
  void unknownPluginTypeListsTheTypesOfThatMoodle() throws Exception {
    CodebaseException e = failure(site("5.1", plugin("foo_bar", "FMCorz/moodle-block_xp", "tag", "v19.2")));
    assertTrue(e.getMessage().startsWith("foo_bar: plugin type 'foo' is not known to this Moodle. Known types: aiprovider, antivirus,"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("site/target/moodle")));
    assertFalse(Files.exists(tmp.resolve("site/moodle.lock")));
  }

  @Test
  void aSubpluginWithoutItsParentIsAnUnknownType() throws Exception {
    CodebaseException e = failure(site("4.5",
        plugin("customcertelement_coursefield", "someone/moodle-customcertelement_coursefield", "tag", "1.2.0")));
    assertTrue(e.getMessage().contains("a subplugin type is known once the plugin that declares it is in the site"));
  }

  @Test
  void aPluginCannotReplaceACorePlugin() throws Exception {
    CodebaseException e = failure(site("4.5", plugin("mod_forum", "FMCorz/moodle-block_xp", "tag", "v19.2")));
    assertEquals("mod_forum: Moodle already ships a plugin at mod/forum. Remove mod_forum from <plugins> in pom.xml:"
        + " a site plugin cannot replace a core plugin.", e.getMessage());
  }

  @Test
  void aMissingFolderOfAMultiPluginRepositoryIsNamed() throws Exception {
    CodebaseException e = failure(site("4.5", plugin("local_o365", "microsoft/o365-moodle", "branch", "MOODLE_405_STABLE", "local/o356")));
    assertTrue(e.getMessage().startsWith("local_o365: folder 'local/o356' not found in https://github.com/microsoft/o365-moodle.git"), e.getMessage());
  }

  @Test
  void aMissingMoodleBranchListsTheReleases() throws Exception {
    CodebaseException e = failure(site("4.4+"));
    assertTrue(e.getMessage().startsWith("moodle: version 4.4+ not found in https://github.com/moodle/moodle.git (no branch MOODLE_404_STABLE)."
        + " Available releases: 4.5.0 to 4.5.2, 5.0.0 to 5.0.1, 5.1.0."), e.getMessage());
  }

  @Test
  void anUnreachableSourceIsNamedWithoutItsCredentialsAndLeavesNoMirror() throws Exception {
    Site site = Site.of(MoodleSpec.declare("4.5", null, null, null, null),
        List.of(PluginSpec.declare("block_xp", "https://alice:s3cret@git.example.org/x/y.git", "master", null, null, null)));
    BuildSettings s = settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false);
    BuildSettings unreachable = s.withRewrites(
        UrlRewrites.parse(List.of(eco.rewrite(), "https://alice:s3cret@git.example.org/=file:///nonexistent/")));
    CodebaseException e = assertThrows(CodebaseException.class, () -> build(site, unreachable, BuildLog.SILENT));
    assertTrue(e.getMessage().startsWith("block_xp: cannot fetch https://git.example.org/x/y.git"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    assertFalse(e.getMessage().contains("alice"), e.getMessage());
    try (Stream<Path> cache = Files.list(tmp.resolve("cache"))) {
      assertTrue(cache.noneMatch(p -> p.getFileName().toString().contains("git.example.org") && !p.toString().endsWith(".lock")),
          "no half-made mirror is left in the cache");
    }
  }

  @Test
  void aLockedCommitThatUpstreamLostSaysHowToResolveAgain() throws Exception {
    Path world = tmp.resolve("own");
    try (Ecosystem own = Ecosystem.create(world, 0)) {
      Site site = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "branch", "master"));
      Path project = tmp.resolve("site");
      build(site, settings(own, project, tmp.resolve("cache"), false), BuildLog.SILENT);
      String lock = Files.readString(project.resolve("moodle.lock"));
      String missing = ObjectId.zeroId().name().replace('0', 'a');
      Files.writeString(project.resolve("moodle.lock"),
          lock.replace(own.commit("FMCorz/moodle-block_xp", "master").name(), missing));
      CodebaseException e = assertThrows(CodebaseException.class,
          () -> build(site, settings(own, project, tmp.resolve("cache"), false), BuildLog.SILENT));
      assertEquals("block_xp: commit " + missing + " recorded in the lock file is no longer in"
          + " https://github.com/FMCorz/moodle-block_xp.git (history rewritten?). Build with -Dmoodle.update to resolve the pin again.",
          e.getMessage());
    }
  }

  @Test
  void anUnreadableLockFileSaysWhatToDo() throws Exception {
    Path project = tmp.resolve("site");
    Files.createDirectories(project);
    Files.writeString(project.resolve("moodle.lock"), "{ \"format\": 1, \"moodle\": ");
    CodebaseException e = failure(site("4.5"));
    assertTrue(e.getMessage().startsWith("moodle.lock cannot be read at line 1: "), e.getMessage());
  }

  /** A plugin repository made for one test, reachable through the ecosystem's rewrite. */
  private static GitFixture extraPlugin(String name, String component, java.util.function.Consumer<GitFixture.Changes> more) {
    GitFixture repo = GitFixture.init(eco.root().resolve("github.com/test/" + name + ".git"));
    repo.onBranch("main").commit("init", FakePlugin.files("", component, 2024100700L, "1.0", null, "2024100700").andThen(more));
    return repo;
  }

  @Test
  void aPomComponentThatTheCodeDoesNotDeclareIsRefused() throws Exception {
    CodebaseException e = failure(site("4.5", plugin("block_xpp", "FMCorz/moodle-block_xp", "tag", "v19.2")));
    assertTrue(e.getMessage().startsWith("block_xpp: version.php of https://github.com/FMCorz/moodle-block_xp.git at "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" declares component block_xp, not block_xpp. Fix <component> in pom.xml."), e.getMessage());
  }

  @Test
  void aFolderWithoutVersionPhpIsNotAPlugin() throws Exception {
    CodebaseException e = failure(site("4.5", plugin("local_o365", "microsoft/o365-moodle", "branch", "MOODLE_405_STABLE")));
    assertTrue(e.getMessage().startsWith("local_o365: no version.php at the root of https://github.com/microsoft/o365-moodle.git"), e.getMessage());
    assertTrue(e.getMessage().contains("set <path> if the repository holds several plugins"), e.getMessage());
  }

  @Test
  void twoPluginsAtOneInstallPathAreRefused() throws Exception {
    extraPlugin("moodle-local_clash", "local_clash", c -> c.file("db/subplugins.json", "{\"plugintypes\": {\"foo\": \"mod\"}}"));
    extraPlugin("moodle-foo_attendance", "foo_attendance", c -> {});
    CodebaseException e = failure(site("4.5",
        plugin("local_clash", "test/moodle-local_clash", "branch", "main"),
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"),
        plugin("foo_attendance", "test/moodle-foo_attendance", "branch", "main")));
    assertEquals("mod_attendance and foo_attendance would both be installed at mod/attendance. Remove one of them"
        + " from <plugins> in pom.xml.", e.getMessage());
  }

  @Test
  void aSubpluginFolderLeadingOutOfTheCodeBaseIsRefused() throws Exception {
    extraPlugin("moodle-local_escape", "local_escape", c -> c.file("db/subplugins.json", "{\"plugintypes\": {\"bar\": \"../../etc\"}}"));
    CodebaseException e = failure(site("4.5", plugin("local_escape", "test/moodle-local_escape", "branch", "main")));
    assertEquals("local_escape: db/subplugins.json names the folder '../../etc', which leaves the code base."
        + " Only relative paths without '..' are allowed.", e.getMessage());
  }

  @Test
  void aMovedTagIsAnErrorUntilTheUserAcceptsIt() throws Exception {
    try (Ecosystem own = Ecosystem.create(tmp.resolve("own"), 0)) {
      Site site = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"));
      Path project = tmp.resolve("site");
      Path cache = tmp.resolve("cache");
      build(site, settings(own, project, cache, false), BuildLog.SILENT);
      String before = own.commit("FMCorz/moodle-block_xp", "v19.2").name();
      GitFixture xp = own.repo("FMCorz/moodle-block_xp").onBranch("master");
      xp.commit("retagged", c -> c.file("fix.php", "<?php\n")).annotatedTag("v19.2");
      String after = own.commit("FMCorz/moodle-block_xp", "v19.2").name();
      // Another site sharing the cache fetches the moved tag.
      build(site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "branch", "master")),
          settings(own, tmp.resolve("other"), cache, false), BuildLog.SILENT);

      CodebaseException e = assertThrows(CodebaseException.class, () -> build(site, settings(own, project, cache, false), BuildLog.SILENT));
      assertEquals("block_xp: tag v19.2 of https://github.com/FMCorz/moodle-block_xp.git now points to commit " + after
          + ", but the lock file recorded " + before + ". Someone moved the tag. If that is intended, build with"
          + " -Dmoodle.update to accept the new commit; otherwise pin <commit>" + before + "</commit>.", e.getMessage());

      RecordingLog log = new RecordingLog();
      assertEquals(after, build(site, settings(own, project, cache, true), log).lock().plugins().get("block_xp").commit());
      assertTrue(log.anyContains("WARN block_xp: tag v19.2 moved from " + before + " to " + after), String.join("\n", log.lines));
    }
  }

  @Test
  void aLockFileEditedIntoNonsenseNamesTheLine() throws Exception {
    Path project = tmp.resolve("site");
    build(site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2")),
        settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT);
    String lock = Files.readString(project.resolve("moodle.lock"));
    String commit = eco.commit("FMCorz/moodle-block_xp", "v19.2").name();
    Files.writeString(project.resolve("moodle.lock"), lock.replace(commit, "not-a-commit"));
    int line = (int) lock.substring(0, lock.indexOf(commit)).chars().filter(c -> c == '\n').count() + 1;
    CodebaseException e = failure(site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2")));
    assertEquals("moodle.lock line " + line + ": block_xp has the commit 'not-a-commit', not a full commit id."
        + " Restore the file from version control, or delete it and build again to resolve every pin afresh.", e.getMessage());
  }

  @Test
  void offlineWithALockedCommitMissingNamesThePinAndTheSource() throws Exception {
    Path project = tmp.resolve("site");
    Site site = site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2"));
    build(site, settings(eco, project, tmp.resolve("cache"), false), BuildLog.SILENT);
    BuildSettings s = settings(eco, project, tmp.resolve("empty-cache"), false);
    BuildSettings offline = s.offline(true);
    CodebaseException e = assertThrows(CodebaseException.class, () -> build(site, offline, BuildLog.SILENT));
    assertTrue(e.getMessage().startsWith("moodle: version 4.5 is locked to commit "), e.getMessage());
    assertTrue(e.getMessage().endsWith(" of https://github.com/moodle/moodle.git, which is not in the mirror cache, and the build"
        + " is offline. Build once online (without -o) to fetch it."), e.getMessage());
  }

  @Test
  void aMirrorCacheThatCannotBeWrittenSaysHowToMoveIt() throws Exception {
    Path notADirectory = tmp.resolve("cache-file");
    Files.writeString(notADirectory, "");
    BuildSettings s = settings(eco, tmp.resolve("site"), notADirectory, false);
    CodebaseException e = assertThrows(CodebaseException.class, () -> build(site("4.5"), s, BuildLog.SILENT));
    assertTrue(e.getMessage().startsWith("The mirror cache " + notADirectory + " cannot be written"), e.getMessage());
    assertTrue(e.getMessage().endsWith("point -Dmoodle.cacheDir (<cacheDir> in pom.xml) to a folder you can write."), e.getMessage());
  }

  @Test
  void aSymlinkLeadingOutOfThePluginIsNeverWritten() throws Exception {
    extraPlugin("moodle-local_link", "local_link", c -> c.symlink("lang/en/secret.php", "../../../../config.php"));
    CodebaseException e = failure(site("4.5", plugin("local_link", "test/moodle-local_link", "branch", "main")));
    assertEquals("local_link: the symbolic link lang/en/secret.php points to '../../../../config.php', outside the"
        + " plugin's folder. Pin another version of the plugin, or ask its maintainer to remove the link.", e.getMessage());
    assertFalse(Files.exists(tmp.resolve("site/target/moodle")));
    assertFalse(Files.exists(tmp.resolve("site/moodle.lock")), "a build that fails writes no lock");
  }

  @Test
  void aGitEntryInAPluginTreeIsRefused() throws Exception {
    GitFixture repo = extraPlugin("moodle-local_dotgit", "local_dotgit", c -> {});
    try (var inserter = repo.repository().newObjectInserter()) {
      org.eclipse.jgit.lib.TreeFormatter inner = new org.eclipse.jgit.lib.TreeFormatter();
      inner.append("config", org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
          inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, "[core]\n".getBytes()));
      var gitDir = inserter.insert(inner);
      org.eclipse.jgit.lib.TreeFormatter root = new org.eclipse.jgit.lib.TreeFormatter();
      root.append(".GIT", org.eclipse.jgit.lib.FileMode.TREE, gitDir);
      var files = repo.files(repo.head());
      for (var f : new java.util.TreeMap<>(files).entrySet()) {
        if (!f.getKey().contains("/")) {
          root.append(f.getKey(), f.getValue().getKey(), f.getValue().getValue());
        }
      }
      var tree = inserter.insert(root);
      inserter.flush();
      repo.commitTree("hostile", tree);
    }
    CodebaseException e = failure(site("4.5", plugin("local_dotgit", "test/moodle-local_dotgit", "branch", "main")));
    assertEquals("local_dotgit: the plugin's files include '.GIT', a .git entry, which must never reach a code base."
        + " Pin another version of the plugin, or ask its maintainer to remove it.", e.getMessage());
  }

  @Test
  void namesThatDifferOnlyByCaseAreReported() throws Exception {
    extraPlugin("moodle-local_cases", "local_cases", c -> c.file("readme.md", "lower"));
    RecordingLog log = new RecordingLog();
    build(site("4.5", plugin("local_cases", "test/moodle-local_cases", "branch", "main")),
        settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false), log);
    assertTrue(log.anyContains("WARN local_cases: README.md and readme.md differ only by case"), String.join("\n", log.lines));
  }
}
