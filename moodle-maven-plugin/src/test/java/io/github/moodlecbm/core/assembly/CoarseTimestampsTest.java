package io.github.moodlecbm.core.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a file store whose times are coarse (here 10 seconds, simulated), a change made within that
 * resolution after a build keeps the time the build recorded: only the store's measured window
 * tells the writer that such a time proves nothing. The index sits on the real, fine store, as
 * it does when target/moodle is a mounted volume.
 */
class CoarseTimestampsTest {
  @TempDir Path tmp;

  private final CoarseFileTimes coarse = new CoarseFileTimes(10);

  @Test
  void aHandEditWithinTheResolutionAfterABuildIsFoundByTheNextBuild() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("lib/a.php", "aaaa").file("lib/b.php", "b").file("version.php", "v"));
      ObjectId tree = git.tree(git.head());
      try (ObjectReader reader = git.repository().newObjectReader()) {
        WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader)).onFileTimes(coarse);
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        assertEquals(3, writer.write(tree, out, index).written());

        Path a = out.resolve("lib/a.php");
        FileTime recorded = coarse.cut(Files.getLastModifiedTime(a));
        Files.writeString(a, "zzzz"); // same size
        Files.setLastModifiedTime(a, within(recorded));
        assertEquals(recorded, coarse.lstat(a).lastModifiedTime(), "the store shows the time the build recorded");

        WorkTreeWriter.Result next = writer.write(tree, out, index);
        assertEquals(1, next.written(), "the edit was found");
        assertEquals(2, next.unchanged());
        assertEquals("aaaa", Files.readString(a));
      }
    }
  }

  @Test
  void aNameAddedWithinTheResolutionAfterABuildIsFoundByTheNextBuild() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("lib/a.php", "a").file("version.php", "v"));
      ObjectId tree = git.tree(git.head());
      try (ObjectReader reader = git.repository().newObjectReader()) {
        WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader)).onFileTimes(coarse);
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        writer.write(tree, out, index);

        Path lib = out.resolve("lib");
        FileTime recorded = coarse.cut(Files.getLastModifiedTime(lib));
        Files.writeString(lib.resolve("stray.php"), "stray");
        Files.setLastModifiedTime(lib, within(recorded));

        assertEquals(new WorkTreeWriter.Result(0, 1, 2), writer.write(tree, out, index));
        assertFalse(Files.exists(lib.resolve("stray.php")));
      }
    }
  }

  @Test
  void whatAKilledWriteLeftBesideTheIndexNeverStopsTheNext() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("a.php", "a"));
      ObjectId tree = git.tree(git.head());
      try (ObjectReader reader = git.repository().newObjectReader()) {
        Path index = tmp.resolve("state/index");
        WorkTreeIndex state = WorkTreeIndex.at(index);
        Files.createDirectories(state.scratch());
        // a new index being made, and JGit's lock on it, when the build was killed
        Files.writeString(state.scratch().resolve("index-dead"), "half");
        Files.writeString(state.scratch().resolve("index-dead.lock"), "half");
        assertEquals(1, new WorkTreeWriter(ObjectSource.of(reader)).write(tree, tmp.resolve("out"), index).written());
        assertTrue(state.exists());
        assertFalse(Files.exists(state.scratch()), "the scratch of the killed write is gone");

        state.forget();
        try (var files = Files.list(index.getParent())) {
          assertEquals(0, files.count(), "forgetting an index leaves nothing of it");
        }
      }
    }
  }

  @Test
  void aWriterAtWorkIsSeenFromOutside() throws Exception {
    WorkTreeIndex state = WorkTreeIndex.at(tmp.resolve("index"));
    assertFalse(state.busy());
    try (ExclusiveLock held = state.lock()) {
      assertTrue(CompletableFuture.supplyAsync(() -> {
        try {
          return state.busy();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(10, TimeUnit.SECONDS));
    }
    assertFalse(state.busy());
  }

  /** A real time in the same tick of the coarse store as {@code recorded}. */
  private static FileTime within(FileTime recorded) {
    return FileTime.from(recorded.to(TimeUnit.MICROSECONDS) + 1, TimeUnit.MICROSECONDS);
  }
}
