package io.github.moodlecbm.core.release;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.StoredObjectRepresentationNotAvailableException;
import org.eclipse.jgit.internal.storage.pack.CachedPack;
import org.eclipse.jgit.internal.storage.pack.ObjectReuseAsIs;
import org.eclipse.jgit.internal.storage.pack.ObjectToPack;
import org.eclipse.jgit.internal.storage.pack.PackOutputStream;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.BitmapIndex.BitmapBuilder;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.eclipse.jgit.storage.pack.PackStatistics;

/**
 * One pack of a release's new objects, written into the release repository's {@code
 * objects/pack} as git places a pack: under temporary names first, then the pack moved to its
 * final name, then its index, whose presence is what makes a pack visible to git and to JGit. A
 * build killed on the way leaves temporary files (which the next write removes) or, between the
 * two moves, a pack without its index (which readers ignore); never a visible pack without its
 * index, nor part of a file under a final name.
 *
 * <p>Objects are copied as the mirrors' packs store them, compressed, and as deltas where the
 * base goes into the same pack; only the others (a delta whose base stays behind, the trees the
 * assembly wrote) are compressed again. The pack is whole: it needs no other pack nor the build's
 * alternates, since the release repository is pushed and rolled out from elsewhere.
 */
final class ReleasePack {
  /** The temporary files' prefix: git's {@code tmp_} (which git's own prune removes too), then ours. */
  static final String TEMPORARY = "tmp_release_";

  /**
   * A temporary file's name: never ending in {@code .pack} or {@code .idx}, which git would take
   * for a pack (git names its own {@code tmp_pack_*} and {@code tmp_idx_*} alike).
   */
  static String temporary(String unique, String kind) {
    return TEMPORARY + unique + "_" + kind;
  }

  private static final long PROCESS = ProcessHandle.current().pid();
  private static final AtomicLong COUNTER = new AtomicLong();

  private ReleasePack() {}

  /**
   * Writes the objects, in the order given (a tree before what it holds), each copied as the
   * repository {@code route} names for it (a mirror) stores it, or read through {@code all}, which
   * finds every object and which this closes. The caller holds the release repository's lock, so no
   * other write of ours is under way there. Returns what was written.
   */
  static PackStatistics write(Repository repo, ObjectReader all, Map<AnyObjectId, ObjectReader> route,
      List<RevObject> objects) throws IOException {
    Path packDir = repo.getDirectory().toPath().resolve("objects").resolve("pack");
    Files.createDirectories(packDir);
    removeLeftovers(packDir);
    // JGit's internal pack classes, on purpose: PackWriter (and the ObjectReuseAsIs it reads
    // through) is the only JGit code that copies objects as a pack stores them, compressed and
    // as deltas; JGit has no public way to write a pack of given objects into a repository.
    try (Routed reader = new Routed(all, route); PackWriter writer = new PackWriter(config(repo), reader)) {
      writer.setThin(false);
      writer.setUseCachedPacks(false);
      writer.setUseBitmaps(false);
      writer.preparePack(objects.iterator());
      String name = "pack-" + writer.computeName().name();
      Path pack = packDir.resolve(name + ".pack");
      Path index = packDir.resolve(name + ".idx");
      if (Files.exists(index)) {
        // these very objects are in place already (the same names give the same pack's name)
        return writer.getStatistics();
      }
      String unique = Long.toHexString(PROCESS) + "_" + Long.toHexString(COUNTER.incrementAndGet()) + "_"
          + Integer.toHexString(ThreadLocalRandom.current().nextInt());
      Path tmpPack = packDir.resolve(temporary(unique, "pack"));
      Path tmpIndex = packDir.resolve(temporary(unique, "idx"));
      try {
        write(tmpPack, out -> writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out));
        write(tmpIndex, writer::writeIndex);
        Files.move(tmpPack, pack, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpIndex, index, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmpPack);
        Files.deleteIfExists(tmpIndex);
      }
      return writer.getStatistics();
    }
  }

  /**
   * The repository's pack settings (compression level, large files), but for what the pack
   * copies and what it does not: objects and deltas as stored; no search for new deltas (the
   * mirrors' packs are where that was done, and it would cost more than the copy); offsets to
   * delta bases, as git writes its own packs.
   */
  private static PackConfig config(Repository repo) {
    PackConfig config = new PackConfig(repo);
    config.setReuseObjects(true);
    config.setReuseDeltas(true);
    config.setDeltaCompress(false);
    config.setDeltaBaseAsOffset(true);
    config.setIndexVersion(2);
    config.setBuildBitmaps(false);
    return config;
  }

  /**
   * PackWriter's reader: each object's stored forms looked up in the one repository expected to
   * hold it in its packs, not through the build's store, which would search its fifty-odd mirror
   * alternates for every object. What has no usable stored form there (the trees the assembly
   * wrote, a delta on an object left behind) is read through the store and compressed again.
   */
  private static final class Routed extends ObjectReader implements ObjectReuseAsIs {
    private final ObjectReader all;
    private final ObjectReuseAsIs allAsIs;
    private final Map<AnyObjectId, ObjectReader> route;

    Routed(ObjectReader all, Map<AnyObjectId, ObjectReader> route) {
      if (!(all instanceof ObjectReuseAsIs asIs)) {
        throw new IllegalArgumentException("not a reader of a file repository: " + all);
      }
      this.all = all;
      this.allAsIs = asIs;
      this.route = route;
    }

    @Override
    public ObjectToPack newObjectToPack(AnyObjectId objectId, int type) {
      return allAsIs.newObjectToPack(objectId, type);
    }

    @Override
    public void selectObjectRepresentation(PackWriter packer, ProgressMonitor monitor, Iterable<ObjectToPack> objects)
        throws IOException {
      Map<ObjectReader, List<ObjectToPack>> byReader = new IdentityHashMap<>();
      for (ObjectToPack otp : objects) {
        if (route.get(otp) instanceof ObjectReuseAsIs reader) {
          byReader.computeIfAbsent((ObjectReader) reader, r -> new ArrayList<>()).add(otp);
        }
      }
      for (Map.Entry<ObjectReader, List<ObjectToPack>> e : byReader.entrySet()) {
        ((ObjectReuseAsIs) e.getKey()).selectObjectRepresentation(packer, monitor, e.getValue());
      }
    }

    @Override
    public void writeObjects(PackOutputStream out, List<ObjectToPack> list) throws IOException {
      allAsIs.writeObjects(out, list);
    }

    @Override
    public void copyObjectAsIs(PackOutputStream out, ObjectToPack otp, boolean validate)
        throws IOException, StoredObjectRepresentationNotAvailableException {
      allAsIs.copyObjectAsIs(out, otp, validate);
    }

    @Override
    public void copyPackAsIs(PackOutputStream out, CachedPack pack) throws IOException {
      allAsIs.copyPackAsIs(out, pack);
    }

    @Override
    public Collection<CachedPack> getCachedPacksAndUpdate(BitmapBuilder needBitmap) {
      return List.of();
    }

    @Override
    public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
      ObjectReader reader = route.get(objectId);
      if (reader != null && reader != all) {
        try {
          return reader.open(objectId, typeHint);
        } catch (MissingObjectException e) {
          // not where its path said: the store finds it
        }
      }
      return all.open(objectId, typeHint);
    }

    @Override
    public boolean has(AnyObjectId objectId) throws IOException {
      return all.has(objectId);
    }

    @Override
    public ObjectReader newReader() {
      return all.newReader();
    }

    @Override
    public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
      return all.resolve(id);
    }

    @Override
    public Set<ObjectId> getShallowCommits() {
      return Set.of();
    }

    @Override
    public void close() {
      all.close();
    }
  }

  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** A new file of the content, read-only once written, as git leaves its packs. */
  private static void write(Path file, Content content) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW), 1 << 16)) {
      content.writeTo(out);
    }
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      mode.removeAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
      Files.setPosixFilePermissions(file, mode);
    } catch (UnsupportedOperationException e) {
      file.toFile().setReadOnly();
    }
  }

  /** Removes what a killed write left: its temporary files (never a final name). */
  private static void removeLeftovers(Path packDir) throws IOException {
    try (DirectoryStream<Path> left = Files.newDirectoryStream(packDir, TEMPORARY + "*")) {
      for (Path file : left) {
        Files.deleteIfExists(file);
      }
    }
  }
}
