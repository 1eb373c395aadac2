package io.github.moodlecbm.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.fixture.Ecosystem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseRepositoryTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  @TempDir Path tmp;

  private static final PersonIdent IDENT =
      new PersonIdent("moodle-cbm", "release@example.org", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @BeforeAll
  static void world() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  /** Builds a site's code base as git objects and returns its tree; the store stays in {@code project}. */
  private ObjectId codebase(Path project, String xpTag) throws Exception {
    Site site = Site.of(MoodleSpec.declare("4.5", null, null, null, null), List.of(
        PluginSpec.declare("block_xp", Ecosystem.url("FMCorz/moodle-block_xp"), null, xpTag, null, null),
        PluginSpec.declare("mod_hvp", Ecosystem.url("h5p/moodle-mod_hvp"), null, "1.27", null, null)));
    BuildSettings settings = new BuildSettings(project.resolve("moodle.lock"), tmp.resolve("cache"),
        UrlRewrites.parse(List.of(eco.rewrite())), project.resolve("target/moodle-cbm"), project.resolve("target/moodle"),
        false, false, false);
    try (CodebaseBuild build = new CodebaseBuild(site, settings, BuildLog.SILENT)) {
      return ObjectId.fromString(build.resolve().tree());
    }
  }

  private static Repository store(Path project) throws Exception {
    return new FileRepositoryBuilder().setGitDir(project.resolve("target/moodle-cbm/objects.git").toFile()).setMustExist(true).build();
  }

  @Test
  void aReleaseIsATaggedCommitOfTheTreeThatNeedsNoMirror() throws Exception {
    Path project = tmp.resolve("site");
    ObjectId tree = codebase(project, "v19.2");
    ReleaseRepository.Release r;
    try (Repository store = store(project); ReleaseRepository releases = ReleaseRepository.open(tmp.resolve("release.git"))) {
      r = releases.release(store, tree, "main", "1.0.0", "Moodle 4.5.2\n", "Release 1.0.0\n", IDENT);
    }
    assertTrue(r.created());
    // The release repository holds every object of the release itself.
    FileUtils.delete(tmp.resolve("cache").toFile(), FileUtils.RECURSIVE);
    FileUtils.delete(project.resolve("target").toFile(), FileUtils.RECURSIVE);
    try (Repository release = new FileRepositoryBuilder().setGitDir(tmp.resolve("release.git").toFile()).setMustExist(true).build();
        RevWalk walk = new RevWalk(release); ObjectWalk objects = new ObjectWalk(release)) {
      RevCommit head = walk.parseCommit(release.resolve("refs/heads/main"));
      assertEquals(tree, head.getTree().getId());
      assertEquals(0, head.getParentCount());
      RevTag tag = walk.parseTag(release.exactRef(Constants.R_TAGS + "1.0.0").getObjectId());
      assertEquals(head, tag.getObject());
      objects.markStart(objects.parseAny(head));
      objects.checkConnectivity();
      assertFalse(java.nio.file.Files.exists(tmp.resolve("release.git/objects/info/alternates")));
    }
  }

  @Test
  void anUnchangedCodeBaseMakesNoReleaseAndAChangeMakesTheNext() throws Exception {
    Path project = tmp.resolve("site");
    ObjectId first = codebase(project, "v19.1");
    try (Repository store = store(project); ReleaseRepository releases = ReleaseRepository.open(tmp.resolve("release.git"))) {
      ReleaseRepository.Release one = releases.release(store, first, "main", "1", "one\n", "one\n", IDENT);
      ReleaseRepository.Release again = releases.release(store, first, "main", "2", "two\n", "two\n", IDENT);
      assertFalse(again.created());
      assertEquals(one.commit(), again.commit());
      assertTrue(releases.repository().exactRef(Constants.R_TAGS + "2") == null);
    }
    ObjectId second = codebase(project, "v19.2");
    try (Repository store = store(project); ReleaseRepository releases = ReleaseRepository.open(tmp.resolve("release.git"))) {
      ReleaseRepository.Release two = releases.release(store, second, "main", "2", "two\n", "two\n", IDENT);
      assertTrue(two.created());
      RevCommit head = releases.head("main").orElseThrow();
      assertEquals(1, head.getParentCount());
      assertEquals(second, head.getTree().getId());
      CodebaseException taken = assertThrows(CodebaseException.class,
          () -> releases.release(store, first, "main", "2", "back\n", "back\n", IDENT));
      assertTrue(taken.getMessage().startsWith("Release tag 2 already exists with another code base."), taken.getMessage());
    }
  }

  @Test
  void theSameCodeBaseAndTimeGiveTheSameCommitAnywhere() throws Exception {
    ObjectId a = codebase(tmp.resolve("a"), "v19.2");
    ObjectId b = codebase(tmp.resolve("b"), "v19.2");
    assertEquals(a, b);
    ObjectId first;
    ObjectId second;
    try (Repository store = store(tmp.resolve("a")); ReleaseRepository r = ReleaseRepository.open(tmp.resolve("r1.git"))) {
      first = r.release(store, a, "main", "1", "m\n", "t\n", IDENT).commit();
    }
    try (Repository store = store(tmp.resolve("b")); ReleaseRepository r = ReleaseRepository.open(tmp.resolve("r2.git"))) {
      second = r.release(store, b, "main", "1", "m\n", "t\n", IDENT).commit();
    }
    assertEquals(first, second);
    assertNotEquals(ObjectId.zeroId(), first);
  }
}
