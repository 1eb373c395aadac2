package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.transport.PackParser;

/**
 * Writes the trees of an assembly as loose objects of the build's store, as git writes them (a
 * zlib stream of the object's header and content, moved into place under its id). Git's own
 * inserter first asks whether the object exists anywhere, every mirror's packs included, which
 * loads the pack index of every mirror for a handful of new trees; the trees an assembly writes
 * are new, and one found loose in the store is not written again.
 */
final class LooseInserter extends ObjectInserter {
  private final ObjectDirectory objects;

  LooseInserter(ObjectDirectory objects) {
    this.objects = objects;
  }

  @Override
  public ObjectId insert(int type, byte[] data, int off, int len) throws IOException {
    ObjectId id = idFor(type, data, off, len);
    Path target = objects.fileFor(id).toPath();
    if (Files.isRegularFile(target)) {
      return id;
    }
    Path dir = objects.getDirectory().toPath();
    Path temp = Files.createTempFile(dir, "noz", null);
    try {
      Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
      try (OutputStream out = new DeflaterOutputStream(Files.newOutputStream(temp), deflater)) {
        out.write(Constants.encodedTypeString(type));
        out.write((" " + len + "\0").getBytes(StandardCharsets.US_ASCII));
        out.write(data, off, len);
      } finally {
        deflater.end();
      }
      Files.createDirectories(target.getParent());
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        // written meanwhile by another build: the same bytes
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    return id;
  }

  @Override
  public ObjectId insert(int type, long len, InputStream in) throws IOException {
    byte[] data = in.readNBytes((int) len);
    return insert(type, data, 0, data.length);
  }

  @Override
  public PackParser newPackParser(InputStream in) {
    throw new UnsupportedOperationException("the build's store receives no packs");
  }

  @Override
  public ObjectReader newReader() {
    return objects.newReader();
  }

  @Override
  public void flush() {
    // every object is in place once written
  }

  @Override
  public void close() {
    // nothing held
  }
}
