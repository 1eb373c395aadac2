package io.github.moodlecbm.core.assembly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's store: the trees an assembly writes lie loose in it, as git writes them, and are
 * read back before any mirror's pack is searched; a plugin's objects are read from its mirror.
 */
class StoreObjectsTest {
  @TempDir Path tmp;

  @Test
  void looseTreesAreWrittenAsGitWritesThemAndOnlyOnce() throws Exception {
    try (Repository store = Git.init().setBare(true).setDirectory(tmp.resolve("store.git").toFile()).call().getRepository()) {
      ObjectDirectory objects = (ObjectDirectory) store.getObjectDatabase();
      byte[] blob = "<?php // version.php\n".getBytes(StandardCharsets.UTF_8);
      TreeFormatter tree = new TreeFormatter();
      ObjectId blobId;
      ObjectId treeId;
      try (ObjectInserter inserter = new LooseInserter(objects)) {
        blobId = inserter.insert(Constants.OBJ_BLOB, blob);
        tree.append("version.php", FileMode.REGULAR_FILE, blobId);
        treeId = inserter.insert(tree);
      }
      try (ObjectInserter.Formatter git = new ObjectInserter.Formatter()) {
        assertEquals(git.idFor(Constants.OBJ_BLOB, blob), blobId);
        assertEquals(git.idFor(tree), treeId);
      }
      assertTrue(Files.isRegularFile(objects.fileFor(treeId).toPath()), "loose, where git looks for it");
      try (ObjectReader reader = store.newObjectReader()) {
        ObjectLoader read = reader.open(blobId);
        assertEquals(Constants.OBJ_BLOB, read.getType());
        assertArrayEquals(blob, read.getCachedBytes());
        assertEquals(Constants.OBJ_TREE, reader.open(treeId).getType());
      }
      Path file = objects.fileFor(treeId).toPath();
      var written = Files.getLastModifiedTime(file);
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(written.toMillis() - 60_000));
      try (ObjectInserter inserter = new LooseInserter(objects)) {
        assertEquals(treeId, inserter.insert(tree));
      }
      assertEquals(written.toMillis() - 60_000, Files.getLastModifiedTime(file).toMillis(), "not written again");
      try (var names = Files.list(objects.getDirectory().toPath())) {
        assertFalse(names.anyMatch(p -> p.getFileName().toString().startsWith("noz")), "no temporary file left");
      }
    }
  }

  @Test
  void aChainReadsTheMirrorsThenTheStoresLooseObjectsThenTheStoreWithItsAlternates() throws Exception {
    Path mirrorDir = tmp.resolve("mirror.git");
    Path otherDir = tmp.resolve("other.git");
    try (Repository mirror = Git.init().setBare(true).setDirectory(mirrorDir.toFile()).call().getRepository();
        Repository other = Git.init().setBare(true).setDirectory(otherDir.toFile()).call().getRepository();
        Repository store = Git.init().setBare(true).setDirectory(tmp.resolve("store.git").toFile()).call().getRepository()) {
      ObjectId inMirror = insert(mirror, "mirror");
      ObjectId inOther = insert(other, "only through the alternates");
      Files.writeString(tmp.resolve("store.git/objects/info/alternates"), otherDir.resolve("objects") + "\n");
      ObjectId written;
      try (ObjectInserter inserter = new LooseInserter((ObjectDirectory) store.getObjectDatabase())) {
        written = inserter.insert(Constants.OBJ_BLOB, "written".getBytes(StandardCharsets.UTF_8));
      }
      Counting counted = new Counting(mirror.newObjectReader());
      try (ChainedReader chain = new ChainedReader(store, List.of(counted))) {
        assertEquals("mirror", text(chain, inMirror));
        assertEquals("written", text(chain, written));
        assertEquals("only through the alternates", text(chain, inOther));
        assertTrue(chain.has(inMirror) && chain.has(written) && chain.has(inOther));
        ObjectId absent = ObjectId.fromString("0123456789012345678901234567890123456789");
        assertFalse(chain.has(absent));
        assertThrows(MissingObjectException.class, () -> chain.open(absent));
        assertEquals(List.of(inMirror), List.copyOf(chain.resolve(AbbreviatedObjectId.fromString(inMirror.name().substring(0, 8)))));
        assertEquals(1, counted.opened, "the mirror answered for its own object alone");
        try (ChainedReader copy = chain.newReader()) {
          assertEquals("written", text(copy, written));
        }
      }
      assertTrue(counted.closed, "the mirror's reader is closed with the chain");
    }
  }

  private static ObjectId insert(Repository repo, String text) throws Exception {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId id = inserter.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
      inserter.flush();
      return id;
    }
  }

  private static String text(ObjectReader reader, AnyObjectId id) throws Exception {
    return new String(reader.open(id).getCachedBytes(), StandardCharsets.UTF_8);
  }

  /** A mirror's reader that counts the objects it opens. */
  private static final class Counting extends ObjectReader {
    private final ObjectReader delegate;
    int opened;
    boolean closed;

    Counting(ObjectReader delegate) {
      this.delegate = delegate;
    }

    @Override
    public ObjectReader newReader() {
      return new Counting(delegate.newReader());
    }

    @Override
    public java.util.Collection<ObjectId> resolve(AbbreviatedObjectId id) throws java.io.IOException {
      return delegate.resolve(id);
    }

    @Override
    public boolean has(AnyObjectId id) throws java.io.IOException {
      return delegate.has(id);
    }

    @Override
    public ObjectLoader open(AnyObjectId id, int typeHint) throws java.io.IOException {
      ObjectLoader loader = delegate.open(id, typeHint);
      opened++;
      return loader;
    }

    @Override
    public java.util.Set<ObjectId> getShallowCommits() {
      return java.util.Set.of();
    }

    @Override
    public void close() {
      closed = true;
      delegate.close();
    }
  }
}
