package io.github.moodlecbm.core.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkTreeWriterTest {
  @TempDir Path tmp;

  @Test
  void filesBecomeFoldersAndFoldersFilesBetweenBuilds() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("a", "file a").file("b/inner.txt", "inner").executable("run.sh", "#!/bin/sh\n")
          .file(".htaccess", "deny").symlink("link", "a"));
      ObjectId one = git.tree(git.head());
      git.onBranch("two").commit("two", c -> c.delete("a").file("a/now-a-folder.txt", "x").delete("b").file("b", "now a file")
          .file("run.sh", "#!/bin/sh\necho\n"));
      ObjectId two = git.tree(git.head());

      BuildRepository store = new BuildRepository(tmp.resolve("store.git"));
      store.prepare(List.of(git.directory()));
      org.eclipse.jgit.lib.Repository repo = store.open();
      org.eclipse.jgit.lib.ObjectReader reader = repo.newObjectReader();
      WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader));
      Path out = tmp.resolve("out");
      Path index = tmp.resolve("index");

      WorkTreeWriter.Result first = writer.write(one, out, index);
      assertEquals(5, first.written());
      assertTrue(Files.isExecutable(out.resolve("run.sh")));
      assertEquals("deny", Files.readString(out.resolve(".htaccess")));
      assertTrue(Files.isSymbolicLink(out.resolve("link")));

      WorkTreeWriter.Result second = writer.write(two, out, index);
      assertEquals("x", Files.readString(out.resolve("a/now-a-folder.txt")));
      assertEquals("now a file", Files.readString(out.resolve("b")));
      assertFalse(Files.isExecutable(out.resolve("run.sh")));
      assertEquals(3, second.written());
      assertEquals(2, second.removed());
      assertEquals(2, second.unchanged());

      WorkTreeWriter.Result third = writer.write(two, out, index);
      assertEquals(0, third.written());
      assertEquals(0, third.removed());
      reader.close();
      repo.close();
    }
  }

  @Test
  void whatAHandChangedIsPutBackAndOnlyThat() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("lib/a.php", "a").file("lib/b.php", "b").executable("cli/run.php", "#!/usr/bin/env php\n")
          .file("mod/x/version.php", "x"));
      ObjectId tree = git.tree(git.head());
      try (org.eclipse.jgit.lib.ObjectReader reader = git.repository().newObjectReader()) {
        WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader));
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        assertEquals(4, writer.write(tree, out, index).written());
        long indexTime = Files.getLastModifiedTime(index).toMillis();

        Files.writeString(out.resolve("lib/a.php"), "edited by hand");
        Files.setPosixFilePermissions(out.resolve("cli/run.php"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(out.resolve("lib/b.php"));
        Files.createSymbolicLink(out.resolve("lib/b.php"), Path.of("a.php"));
        Files.createDirectories(out.resolve("mod/y"));
        Files.writeString(out.resolve("mod/y/stray.php"), "stray");
        WorkTreeWriter.Result repaired = writer.write(tree, out, index);
        assertEquals(3, repaired.written(), "a.php, run.php and b.php again");
        assertEquals(1, repaired.removed(), "the stray file, with its folder");
        assertEquals(1, repaired.unchanged());
        assertEquals("a", Files.readString(out.resolve("lib/a.php")));
        assertTrue(Files.isExecutable(out.resolve("cli/run.php")));
        assertFalse(Files.isSymbolicLink(out.resolve("lib/b.php")));
        assertFalse(Files.exists(out.resolve("mod/y")));

        // Nothing changed: nothing written. Files written in the same instant as the index are
        // checked by content once (git's "racily clean" entries); after that the index stays as it is.
        assertEquals(new WorkTreeWriter.Result(0, 0, 4), writer.write(tree, out, index));
        Thread.sleep(5);
        long before = Files.getLastModifiedTime(index).toMillis();
        assertEquals(new WorkTreeWriter.Result(0, 0, 4), writer.write(tree, out, index));
        assertEquals(before, Files.getLastModifiedTime(index).toMillis());
        assertTrue(before >= indexTime);
      }
    }
  }

  @Test
  void aRebuildOfTheSameTreeReadsNoObjectYetSeesEveryHandChange() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("lib/a.php", "a").file("lib/deep/b.php", "b")
          .executable("cli/run.php", "#!/usr/bin/env php\n").file("version.php", "v"));
      ObjectId tree = git.tree(git.head());
      try (org.eclipse.jgit.lib.ObjectReader reader = git.repository().newObjectReader()) {
        Counting source = new Counting(ObjectSource.of(reader));
        WorkTreeWriter writer = new WorkTreeWriter(source);
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        assertEquals(4, writer.write(tree, out, index).written());
        // At once: the folders' times are too close to the stamps' to be trusted, so they are listed.
        source.opened = 0;
        assertEquals(new WorkTreeWriter.Result(0, 0, 4), writer.write(tree, out, index));
        assertEquals(0, source.opened, "the racy folders were listed, no object read");
        Files.writeString(out.resolve("lib/stray-at-once.php"), "stray");
        Files.setLastModifiedTime(out.resolve("lib"), Files.getLastModifiedTime(out.resolve("cli")));
        assertEquals(1, writer.write(tree, out, index).removed(), "a name added, the folder's time put back: still found");

        settle(index);
        source.opened = 0;
        assertEquals(new WorkTreeWriter.Result(0, 0, 4), writer.write(tree, out, index));
        assertEquals(0, source.opened, "the folder stamps and one lstat per file proved it unchanged");

        Files.writeString(out.resolve("lib/deep/stray.php"), "stray");
        assertEquals(new WorkTreeWriter.Result(0, 1, 4), writer.write(tree, out, index));
        assertFalse(Files.exists(out.resolve("lib/deep/stray.php")));

        settle(index);
        Files.writeString(out.resolve("lib/a.php"), "edited by hand");
        assertEquals(1, writer.write(tree, out, index).written());
        assertEquals("a", Files.readString(out.resolve("lib/a.php")));

        settle(index);
        Files.setPosixFilePermissions(out.resolve("cli/run.php"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(1, writer.write(tree, out, index).written());
        assertTrue(Files.isExecutable(out.resolve("cli/run.php")));

        settle(index);
        Files.delete(out.resolve("lib/deep/b.php"));
        assertEquals(1, writer.write(tree, out, index).written());
        assertEquals("b", Files.readString(out.resolve("lib/deep/b.php")));

        settle(index);
        source.opened = 0;
        assertEquals(new WorkTreeWriter.Result(0, 0, 4), writer.write(tree, out, index));
        assertEquals(0, source.opened);

        // Another tree is written in full, whatever the stamps say.
        git.onBranch("one").commit("two", c -> c.file("lib/a.php", "a2"));
        settle(index);
        assertEquals(1, writer.write(git.tree(git.head()), out, index).written());
        assertEquals("a2", Files.readString(out.resolve("lib/a.php")));
      }
    }
  }

  @Test
  void aNewTreeOverAnIntactFolderIsWrittenFromTheTwoTreesAlone() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("lib/a.php", "a").file("lib/deep/b.php", "b").file("mod/x/version.php", "x")
          .file("mod/y/version.php", "y").file("gone.php", "g").file("becomes/folder", "f"));
      ObjectId one = git.tree(git.head());
      git.onBranch("one").commit("two", c -> c.file("lib/a.php", "a2").delete("gone.php").delete("mod/y")
          .file("mod/z/version.php", "z").delete("becomes/folder").file("becomes/folder/now.php", "n")
          .executable("lib/deep/b.php", "b"));
      ObjectId two = git.tree(git.head());
      try (org.eclipse.jgit.lib.ObjectReader reader = git.repository().newObjectReader()) {
        Counting source = new Counting(ObjectSource.of(reader));
        WorkTreeWriter writer = new WorkTreeWriter(source);
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        writer.write(one, out, index);
        settle(index);
        source.opened = 0;
        WorkTreeWriter.Result r = writer.write(two, out, index);
        assertEquals(4, r.written(), "a.php, b.php's mode, z's version.php, now.php");
        assertEquals(3, r.removed(), "gone.php, mod/y's file, the file that became a folder");
        assertEquals(1, r.unchanged(), "mod/x/version.php, never looked at");
        // trees: root, lib, lib/deep, mod, becomes (old and new of each), mod/z and becomes/folder;
        // blobs: the four written
        assertEquals(16, source.opened, "mod/x, unchanged, was not read");
        ExpectedCodebase.commit(git.directory(), git.head()).assertMatches(out);

        // A hand edit makes the folder not intact: the next tree is compared with the disk, and the edit undone.
        git.onBranch("one").commit("three", c -> c.file("mod/x/version.php", "x3"));
        settle(index);
        Files.writeString(out.resolve("lib/a.php"), "edited by hand");
        assertEquals(2, writer.write(git.tree(git.head()), out, index).written());
        ExpectedCodebase.commit(git.directory(), git.head()).assertMatches(out);
      }
    }
  }

  @Test
  void aFolderTheNewTreeLeavesAloneKeepsItsStampYetAChangeInItIsSeen() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("lib/a.php", "a").file("mod/x/version.php", "x")
          .file("mod/y/version.php", "y").file("blocks/b/version.php", "b"));
      ObjectId one = git.tree(git.head());
      git.onBranch("one").commit("two", c -> c.file("mod/x/version.php", "x2"));
      ObjectId two = git.tree(git.head());
      try (org.eclipse.jgit.lib.ObjectReader reader = git.repository().newObjectReader()) {
        Looks looks = new Looks();
        WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader)).onFileTimes(looks);
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        writer.write(one, out, index);
        settle(index);
        looks.seen.clear();
        assertEquals(1, writer.write(two, out, index).written());
        assertEquals(1, looks.at(out.resolve("blocks/b")), "looked at once, to prove the folder intact; its stamp is kept");
        assertEquals(1, looks.at(out.resolve("lib")));
        assertTrue(looks.at(out.resolve("mod/x")) >= 2, "the folder written in is looked at again");

        // the kept stamp still shows what changed since
        settle(index);
        Files.writeString(out.resolve("blocks/b/stray.php"), "stray");
        Files.writeString(out.resolve("lib/b.php"), "stray");
        WorkTreeWriter.Result again = writer.write(two, out, index);
        assertEquals(2, again.removed(), "both strays");
        ExpectedCodebase.commit(git.directory(), git.head()).assertMatches(out);
      }
    }
  }

  @Test
  void writesFromThePreviousTreeKeepEveryFolderStampedAndNoneRemoved() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("lib/deep/deeper/a.php", "a").file("mod/x/version.php", "x")
          .file("mod/y/db/install.php", "y").file("mod/y/version.php", "y"));
      ObjectId one = git.tree(git.head());
      git.onBranch("one").commit("two", c -> c.file("mod/x/version.php", "x2").delete("mod/y"));
      ObjectId two = git.tree(git.head());
      git.onBranch("one").commit("three", c -> c.file("mod/x/version.php", "x3"));
      ObjectId three = git.tree(git.head());
      try (org.eclipse.jgit.lib.ObjectReader reader = git.repository().newObjectReader()) {
        WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader));
        Path out = tmp.resolve("out");
        Path index = tmp.resolve("index");
        writer.write(one, out, index);
        settle(index);
        // Two writes from the previous tree in a row: lib's folders are never entered, mod/y goes.
        assertEquals(1, writer.write(two, out, index).written());
        String stamps = Files.readString(WorkTreeIndex.at(index).stampsFile());
        assertTrue(stamps.contains("\tlib/deep/deeper\n"), stamps);
        assertFalse(stamps.contains("mod/y"), stamps);
        settle(index);
        assertEquals(1, writer.write(three, out, index).written());
        assertTrue(Files.readString(WorkTreeIndex.at(index).stampsFile()).contains("\tlib/deep/deeper\n"));

        // A file added by hand deep in the folder no write entered is still seen.
        settle(index);
        Files.writeString(out.resolve("lib/deep/deeper/stray.php"), "stray");
        assertEquals(1, writer.write(three, out, index).removed());
        ExpectedCodebase.commit(git.directory(), git.head()).assertMatches(out);
      }
    }
  }

  /** The file system, counting the look-ups of each path. */
  private static final class Looks implements FileTimes {
    final java.util.Map<Path, java.util.concurrent.atomic.AtomicInteger> seen = new java.util.concurrent.ConcurrentHashMap<>();

    int at(Path path) {
      java.util.concurrent.atomic.AtomicInteger n = seen.get(path);
      return n == null ? 0 : n.get();
    }

    @Override
    public java.nio.file.attribute.PosixFileAttributes lstat(Path path) throws java.io.IOException {
      seen.computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
      return FileTimes.SYSTEM.lstat(path);
    }

    @Override
    public long racyNanos(Path folder) throws java.io.IOException {
      return FileTimes.SYSTEM.racyNanos(folder);
    }
  }

  /**
   * Lets time pass for the stamps: a folder changed in the instant its stamp was taken is not
   * trusted, so a test that rebuilds at once would always compare in full.
   */
  private static void settle(Path index) throws Exception {
    Path stamps = WorkTreeIndex.at(index).stampsFile();
    assertTrue(Files.exists(stamps), "a write leaves folder stamps");
    Files.setLastModifiedTime(stamps, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    Thread.sleep(20);
  }

  /** Counts the objects read. */
  private static final class Counting implements ObjectSource {
    private final ObjectSource inner;
    volatile int opened;

    Counting(ObjectSource inner) {
      this.inner = inner;
    }

    @Override
    public org.eclipse.jgit.lib.ObjectLoader open(String path, org.eclipse.jgit.lib.AnyObjectId id) throws java.io.IOException {
      synchronized (this) {
        opened++;
      }
      return inner.open(path, id);
    }

    @Override
    public ObjectSource fork() {
      Counting parent = this;
      ObjectSource forked = inner.fork();
      return new ObjectSource() {
        @Override
        public org.eclipse.jgit.lib.ObjectLoader open(String path, org.eclipse.jgit.lib.AnyObjectId id) throws java.io.IOException {
          synchronized (parent) {
            parent.opened++;
          }
          return forked.open(path, id);
        }

        @Override
        public ObjectSource fork() {
          return forked.fork();
        }

        @Override
        public void close() {
          forked.close();
        }
      };
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
