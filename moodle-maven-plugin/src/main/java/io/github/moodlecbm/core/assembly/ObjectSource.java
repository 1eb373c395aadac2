package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.layout.TreeFiles;
import java.io.IOException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * Where the objects of a code base are read from, knowing the path each has in the code base: a
 * code base is Moodle's objects and each plugin's, and reading each from its own repository is
 * much faster than searching every mirror for every object. Not thread-safe: each thread takes
 * its own {@link #fork()}.
 */
public interface ObjectSource extends TreeFiles.Objects, AutoCloseable {
  /**
   * Opens an object of the code base.
   *
   * @param path where the object is in the code base, {@code ""} for the root tree
   */
  @Override
  ObjectLoader open(String path, AnyObjectId id) throws IOException;

  /** An independent source over the same repositories, for another thread; the caller closes it. */
  ObjectSource fork();

  /**
   * A new reader that finds every object of the code base without its path, for copying objects
   * as their repositories store them (a pack's compressed data and deltas are reused only through
   * a reader of the repository itself); the caller closes it. A source that cannot give one says so.
   */
  default ObjectReader newReader() {
    throw new UnsupportedOperationException("this object source reads each object from its path only");
  }

  /**
   * The reader of the repository whose packs are expected to hold the object at a path (a
   * mirror), which finds its stored form without searching the others; null for an object the
   * build wrote itself, in no pack. It belongs to this source (not to be closed).
   */
  default ObjectReader packedAt(String path) throws IOException {
    throw new UnsupportedOperationException("this object source reads each object from its path only");
  }

  /**
   * This source for the few objects the build's checks read (a plugin's version.php, its language
   * file, the folders above them), each one kept where the next build reads it without opening its
   * repository. Not for writing a code base's files. This source itself when it keeps nothing.
   */
  default TreeFiles.Objects keepingWhatIsRead() {
    return this;
  }

  @Override
  void close();

  /** Every object from one reader, whatever its path. */
  static ObjectSource of(ObjectReader reader) {
    return new ObjectSource() {
      @Override
      public ObjectLoader open(String path, AnyObjectId id) throws IOException {
        return reader.open(id);
      }

      @Override
      public ObjectReader newReader() {
        return reader.newReader();
      }

      @Override
      public ObjectReader packedAt(String path) {
        return reader;
      }

      @Override
      public ObjectSource fork() {
        ObjectReader own = reader.newReader();
        ObjectSource forked = of(own);
        return new ObjectSource() {
          @Override
          public ObjectLoader open(String path, AnyObjectId id) throws IOException {
            return forked.open(path, id);
          }

          @Override
          public ObjectSource fork() {
            return forked.fork();
          }

          @Override
          public ObjectReader newReader() {
            return own.newReader();
          }

          @Override
          public ObjectReader packedAt(String path) {
            return own;
          }

          @Override
          public void close() {
            own.close();
          }
        };
      }

      @Override
      public void close() {
        // the reader belongs to the caller
      }
    };
  }
}
