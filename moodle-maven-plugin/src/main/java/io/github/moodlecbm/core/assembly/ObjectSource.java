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
