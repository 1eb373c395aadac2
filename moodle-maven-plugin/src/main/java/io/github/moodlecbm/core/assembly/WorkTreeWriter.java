package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.ExclusiveLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * Makes a folder hold exactly a tree's files, writing only what differs. A git index beside the
 * folder remembers what was written (ids, sizes, times), so that an unchanged file is recognised
 * from one {@code lstat}, as git does; a file edited by hand is written again, and a file that no
 * longer belongs is removed. A folder that did not exist is written without looking at the disk.
 */
public final class WorkTreeWriter {

  /**
   * What a write did.
   *
   * @param linked of the files written, how many are hard links to an identical file of the donor
   *     folder (see {@link #linkingFrom})
   */
  public record Result(int written, int removed, int unchanged, int linked) {
    public Result(int written, int removed, int unchanged) {
      this(written, removed, unchanged, 0);
    }
  }

  private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

  /** Threads writing at once: the disk is the limit, more than the processors. */
  private static final int THREADS = 4;

  private final ObjectSource source;
  private Set<String> kept = Set.of();
  private Path donorFolder;
  private Path donorIndex;

  public WorkTreeWriter(ObjectSource source) {
    this.source = source;
  }

  /**
   * Names at the folder's root that the tree does not have and that belong to the caller (a
   * release's config.php): never removed, and a folder holding only those is written as new.
   */
  public WorkTreeWriter keeping(Set<String> rootNames) {
    this.kept = Set.copyOf(rootNames);
    return this;
  }

  /**
   * A folder that an earlier write filled, with its index: a file of a new folder that the donor
   * holds with the same id and mode, intact as its index recorded it, is made a hard link to the
   * donor's instead of being written. Files are then shared, so they must never be edited in
   * place (a later write of either folder replaces a file rather than rewriting it).
   */
  public WorkTreeWriter linkingFrom(Path folder, Path indexFile) {
    this.donorFolder = folder;
    this.donorIndex = indexFile;
    return this;
  }

  public Result write(AnyObjectId tree, Path folder, Path indexFile) throws IOException {
    Files.createDirectories(indexFile.getParent());
    try (ExclusiveLock guard = ExclusiveLock.acquire(indexFile.resolveSibling(indexFile.getFileName() + ".guard"))) {
      // Holding the guard, a git index lock can only be left by a build that was killed.
      Files.deleteIfExists(indexFile.resolveSibling(indexFile.getFileName() + ".lock"));
      FolderStamps stamps = new FolderStamps(indexFile.resolveSibling(indexFile.getFileName() + ".folders"));
      FolderStamps.Intact held = stamps.intact(folder, indexFile, THREADS, kept);
      if (held != null && held.tree().equals(tree)) {
        return new Result(0, 0, held.files());
      }
      stamps.clear();
      DirCache index = DirCache.lock(indexFile.toFile(), FS.DETECTED);
      Walk walk;
      try {
        Map<String, DirCacheEntry> known = new HashMap<>(index.getEntryCount() * 2);
        for (int i = 0; i < index.getEntryCount(); i++) {
          DirCacheEntry e = index.getEntry(i);
          known.put(e.getPathString(), e);
        }
        boolean fresh = holdsOnlyKept(folder);
        Files.createDirectories(folder);
        walk = new Walk(known, index, Files.isRegularFile(indexFile)
            ? Files.getLastModifiedTime(indexFile).to(java.util.concurrent.TimeUnit.NANOSECONDS) : 0,
            fresh && donorFolder != null ? Donor.read(donorFolder, donorIndex) : null);
        walk.run(tree, folder, fresh, fresh || held == null ? null : held.tree());
        DirCacheBuilder next = index.builder();
        walk.entries.forEach(next::add);
        int written = walk.written.get();
        int unchanged = walk.unchanged.get();
        // An index with the same entries need not be written again: a no-op build writes nothing.
        if (written > 0 || walk.restat || walk.removed.get() > 0 || written + unchanged != index.getEntryCount()) {
          next.commit();
        }
      } finally {
        index.unlock();
      }
      Set<String> folders = new HashSet<>(walk.folders);
      for (DirCacheEntry e : walk.entries) {
        String path = e.getPathString();
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
          if (!folders.add(path.substring(0, slash))) {
            break;
          }
        }
      }
      stamps.record(tree, folder, folders);
      return new Result(walk.written.get(), walk.removed.get(), walk.unchanged.get(), walk.linked.get());
    }
  }

  /** The folder does not exist, or holds nothing but the caller's own root names. */
  private boolean holdsOnlyKept(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    if (kept.isEmpty() || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
      for (Path child : children) {
        if (!kept.contains(child.getFileName().toString())) {
          return false;
        }
      }
    }
    return true;
  }

  /** The files a donor folder verifiably holds, by path, as its index recorded them. */
  private static final class Donor {
    final Path folder;
    final Map<String, DirCacheEntry> entries;
    final long indexNanos;
    volatile boolean linking = true;

    private Donor(Path folder, Map<String, DirCacheEntry> entries, long indexNanos) {
      this.folder = folder;
      this.entries = entries;
      this.indexNanos = indexNanos;
    }

    static Donor read(Path folder, Path indexFile) throws IOException {
      if (!Files.isRegularFile(indexFile) || !Files.isDirectory(folder)) {
        return null;
      }
      DirCache index = DirCache.read(indexFile.toFile(), FS.DETECTED);
      Map<String, DirCacheEntry> entries = new HashMap<>(index.getEntryCount() * 2);
      for (int i = 0; i < index.getEntryCount(); i++) {
        entries.put(index.getEntry(i).getPathString(), index.getEntry(i));
      }
      return new Donor(folder, entries, Files.getLastModifiedTime(indexFile).to(java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    /**
     * Links {@code target} to the donor's file when it holds that blob, unedited since its index
     * was written; records the file's stat in {@code entry}. False: the caller writes the file.
     */
    boolean link(String path, FileMode mode, ObjectId id, Path target, DirCacheEntry entry) throws IOException {
      DirCacheEntry had = entries.get(path);
      if (!linking || mode == FileMode.SYMLINK || had == null || had.getFileMode() != mode || !had.getObjectId().equals(id)) {
        return false;
      }
      Path file = folder.resolve(path);
      PosixFileAttributes have = lstat(file);
      if (have == null || !sameKind(mode, have)) {
        return false;
      }
      if (!sameStat(had, have) && !unchanged(had, have, indexNanos)) {
        // Written in its index's last instant: its time proves nothing, its content does.
        if (!had.isSmudged() || !had.getLastModifiedInstant().equals(have.lastModifiedTime().toInstant())
            || !contentId(file, have).equals(id)) {
          return false;
        }
      }
      try {
        Files.createLink(target, file);
      } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
          throw (java.nio.file.FileAlreadyExistsException) e;
        }
        linking = false; // another file system, or no hard links here: every file is written
        return false;
      }
      entry.setLength(have.size());
      entry.setLastModified(have.lastModifiedTime().toInstant());
      return true;
    }
  }

  /**
   * One write: folders are written by a few threads at once, each with its own readers (the
   * work is waiting for the disk, more than computing); the new index's entries are gathered
   * and sorted at the end.
   */
  private final class Walk {
    final Map<String, DirCacheEntry> known;
    final DirCache index;
    final long indexNanos;
    final Queue<DirCacheEntry> entries = new ConcurrentLinkedQueue<>();
    final AtomicInteger written = new AtomicInteger();
    final AtomicInteger removed = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger linked = new AtomicInteger();
    final Donor donor;
    final Queue<String> folders = new ConcurrentLinkedQueue<>();
    volatile boolean restat;
    private final List<ObjectSource> forks = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<ObjectSource> sources = ThreadLocal.withInitial(() -> {
      ObjectSource own = source.fork();
      forks.add(own);
      return own;
    });

    Walk(Map<String, DirCacheEntry> known, DirCache index, long indexNanos, Donor donor) {
      this.known = known;
      this.index = index;
      this.indexNanos = indexNanos;
      this.donor = donor;
    }

    /** @param previous the tree the folder verifiably holds, or null when the disk must be compared */
    void run(AnyObjectId tree, Path folder, boolean fresh, ObjectId previous) throws IOException {
      ForkJoinPool pool = new ForkJoinPool(THREADS);
      try {
        pool.invoke(new FolderTask("", tree.copy(), folder, fresh, previous));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      } finally {
        pool.shutdown();
        forks.forEach(ObjectSource::close);
      }
    }

    final class FolderTask extends RecursiveAction {
      private final String prefix;
      private final ObjectId treeId;
      private final Path dir;
      private final boolean fresh;
      private final ObjectId previous;

      FolderTask(String prefix, ObjectId treeId, Path dir, boolean fresh, ObjectId previous) {
        this.prefix = prefix;
        this.treeId = treeId;
        this.dir = dir;
        this.fresh = fresh;
        this.previous = previous;
      }

      @Override
      protected void compute() {
        folders.add(prefix);
        try {
          invokeAll(previous != null ? fromPrevious(prefix, treeId, dir, previous) : folder(prefix, treeId, dir, fresh));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }

    /**
     * Writes the files of one folder of the tree and makes its sub-folders; returns the tasks that
     * write those. {@code fresh}: the folder was just made, there is nothing to compare.
     */
    List<FolderTask> folder(String prefix, ObjectId treeId, Path dir, boolean fresh) throws IOException {
      ObjectSource objects = sources.get();
      CanonicalTreeParser tree = new CanonicalTreeParser();
      tree.reset(objects.open(prefix, treeId).getCachedBytes());
      if (!fresh) {
        removeStrays(tree, dir, prefix.isEmpty() ? kept : Set.of());
        tree.reset();
      }
      List<FolderTask> folders = new ArrayList<>();
      for (; !tree.eof(); tree.next()) {
        String name = tree.getEntryPathString();
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        FileMode mode = tree.getEntryFileMode();
        ObjectId id = tree.getEntryObjectId();
        Path target = dir.resolve(name);
        if (mode == FileMode.GITLINK) {
          continue;
        }
        PosixFileAttributes have = fresh ? null : lstat(target);
        if (mode == FileMode.TREE) {
          boolean childFresh = fresh || have == null || !have.isDirectory();
          if (have != null && !have.isDirectory()) {
            removed.addAndGet(delete(target));
          }
          if (childFresh) {
            Files.createDirectory(target);
          }
          folders.add(new FolderTask(path, id, target, childFresh, null));
          continue;
        }
        DirCacheEntry entry = new DirCacheEntry(path);
        entry.setFileMode(mode);
        entry.setObjectId(id);
        if (fresh && donor != null && donor.link(path, mode, id, target, entry)) {
          entries.add(entry);
          written.incrementAndGet();
          linked.incrementAndGet();
          continue;
        }
        boolean existed = false;
        if (have != null) {
          DirCacheEntry before = known.get(path);
          if (before != null && before.getFileMode() == mode && before.getObjectId().equals(id) && unchanged(before, have, indexNanos)
              && sameKind(mode, have)) {
            entries.add(before);
            unchanged.incrementAndGet();
            continue;
          }
          if (sameKind(mode, have) && contentId(target, have).equals(id)) {
            entry.setLength(have.size());
            entry.setLastModified(have.lastModifiedTime().toInstant());
            entries.add(entry);
            unchanged.incrementAndGet();
            restat = true;
            continue;
          }
          if (have.isDirectory()) {
            removed.addAndGet(delete(target));
          } else if (have.isSymbolicLink() || mode == FileMode.SYMLINK || sharesItsFile(target)) {
            // never write through a link, nor over a file with a link, nor into a file another folder shares
            Files.delete(target);
          } else {
            existed = true;
          }
        }
        writeFile(objects.open(path, id), entry, target, existed);
        entries.add(entry);
        written.incrementAndGet();
      }
      return folders;
    }

    /**
     * Writes one folder that verifiably holds {@code previous} (the stamps proved it): the two
     * trees are compared, and only what differs is touched, without looking at the disk. A
     * sub-folder whose tree did not change is not even read.
     */
    List<FolderTask> fromPrevious(String prefix, ObjectId treeId, Path dir, ObjectId previous) throws IOException {
      if (previous.equals(treeId)) {
        for (DirCacheEntry e : prefix.isEmpty() ? index.getEntriesWithin("") : index.getEntriesWithin(prefix)) {
          entries.add(e);
          unchanged.incrementAndGet();
        }
        return List.of();
      }
      ObjectSource objects = sources.get();
      Map<String, Object[]> before = new HashMap<>();
      CanonicalTreeParser old = new CanonicalTreeParser();
      old.reset(objects.open(prefix, previous).getCachedBytes());
      for (; !old.eof(); old.next()) {
        before.put(old.getEntryPathString(), new Object[] {old.getEntryFileMode(), old.getEntryObjectId()});
      }
      CanonicalTreeParser tree = new CanonicalTreeParser();
      tree.reset(objects.open(prefix, treeId).getCachedBytes());
      List<FolderTask> folders = new ArrayList<>();
      for (; !tree.eof(); tree.next()) {
        String name = tree.getEntryPathString();
        String path = prefix.isEmpty() ? name : prefix + "/" + name;
        FileMode mode = tree.getEntryFileMode();
        ObjectId id = tree.getEntryObjectId();
        Path target = dir.resolve(name);
        Object[] was = before.remove(name);
        FileMode oldMode = was == null ? null : (FileMode) was[0];
        if (mode == FileMode.GITLINK) {
          if (oldMode != null && oldMode != FileMode.GITLINK) {
            removed.addAndGet(delete(target));
          }
          continue;
        }
        if (mode == FileMode.TREE) {
          if (oldMode == FileMode.TREE) {
            folders.add(new FolderTask(path, id, target, false, (ObjectId) was[1]));
            continue;
          }
          if (oldMode != null && oldMode != FileMode.GITLINK) {
            removed.addAndGet(delete(target));
          }
          Files.createDirectory(target);
          folders.add(new FolderTask(path, id, target, true, null));
          continue;
        }
        DirCacheEntry known = this.known.get(path);
        if (oldMode == mode && was[1].equals(id) && known != null) {
          entries.add(known);
          unchanged.incrementAndGet();
          continue;
        }
        boolean existed = false;
        if (oldMode == FileMode.TREE) {
          removed.addAndGet(delete(target));
        } else if (oldMode == FileMode.SYMLINK || oldMode != null && mode == FileMode.SYMLINK) {
          Files.delete(target);
        } else if (oldMode != null && oldMode != FileMode.GITLINK) {
          if (sharesItsFile(target)) {
            Files.delete(target);
          } else {
            existed = true;
          }
        }
        DirCacheEntry entry = new DirCacheEntry(path);
        entry.setFileMode(mode);
        entry.setObjectId(id);
        writeFile(objects.open(path, id), entry, target, existed);
        entries.add(entry);
        written.incrementAndGet();
      }
      for (Map.Entry<String, Object[]> gone : before.entrySet()) {
        if (gone.getValue()[0] != FileMode.GITLINK) {
          removed.addAndGet(delete(dir.resolve(gone.getKey())));
        }
      }
      return folders;
    }

    /** Removes what a folder holds that the tree does not name, but the caller's own names. */
    private void removeStrays(CanonicalTreeParser tree, Path dir, Set<String> keep) throws IOException {
      Set<String> names = new HashSet<>(keep);
      for (; !tree.eof(); tree.next()) {
        if (tree.getEntryFileMode() != FileMode.GITLINK) {
          names.add(tree.getEntryPathString());
        }
      }
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
        for (Path child : children) {
          if (!names.contains(child.getFileName().toString())) {
            removed.addAndGet(delete(child));
          }
        }
      }
    }
  }

  static PosixFileAttributes lstat(Path path) throws IOException {
    try {
      return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Whether a file has other names (hard links): it must be replaced, never rewritten in place. */
  static boolean sharesItsFile(Path file) throws IOException {
    try {
      return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue() > 1;
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The file is of the kind the tree wants: a link, an executable file or a plain file. */
  static boolean sameKind(FileMode mode, PosixFileAttributes have) {
    if (mode == FileMode.SYMLINK) {
      return have.isSymbolicLink();
    }
    return have.isRegularFile()
        && (mode == FileMode.EXECUTABLE_FILE) == have.permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }

  static boolean sameStat(DirCacheEntry before, PosixFileAttributes have) {
    return before.getLength() == have.size()
        && before.getLastModifiedInstant().equals(have.lastModifiedTime().toInstant());
  }

  /** Times this close to the index's own time could hide a change made in the same clock tick. */
  static final long RACY_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * Whether the file is as the index recorded it. JGit "smudges" (zeroes the size of) every entry
   * not older than the index it replaced, which after a write is nearly all of them; as git does,
   * a file whose time is the recorded one and older than the index file itself is taken as
   * unchanged, and only one written in the index's last instant must be compared by content.
   *
   * @param indexNanos the index file's modification time, 0 when unknown
   */
  static boolean unchanged(DirCacheEntry before, PosixFileAttributes have, long indexNanos) {
    if (sameStat(before, have)) {
      return true;
    }
    long nanos = have.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
    return before.isSmudged() && before.getLastModifiedInstant().equals(have.lastModifiedTime().toInstant())
        && nanos + RACY_NANOS < indexNanos;
  }

  /** The blob id of what is on disk: the file's bytes, or the link's target. */
  static ObjectId contentId(Path path, PosixFileAttributes have) throws IOException {
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      if (have.isSymbolicLink()) {
        return hasher.idFor(Constants.OBJ_BLOB, Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8));
      }
      try (InputStream in = Files.newInputStream(path)) {
        return hasher.idFor(Constants.OBJ_BLOB, have.size(), in);
      }
    }
  }

  /**
   * Writes one file as git stores it: no end-of-line conversion, no filters. The folder is ours
   * alone and rebuilt from git at will, so files are written in place rather than through a
   * temporary file; parent folders were made when the walk entered them.
   */
  private static void writeFile(ObjectLoader blob, DirCacheEntry entry, Path target, boolean existed) throws IOException {
    FileMode mode = entry.getFileMode();
    if (mode == FileMode.SYMLINK) {
      Files.createSymbolicLink(target, Path.of(new String(blob.getCachedBytes(), StandardCharsets.UTF_8)));
    } else {
      try (OutputStream out = existed
          ? Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
          : Files.newOutputStream(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
        if (blob.isLarge()) {
          blob.copyTo(out);
        } else {
          out.write(blob.getCachedBytes());
        }
      }
      boolean executable = mode == FileMode.EXECUTABLE_FILE;
      if (executable || existed) {
        Files.setPosixFilePermissions(target, executable ? EXECUTABLE : REGULAR);
      }
    }
    PosixFileAttributes written = Files.readAttributes(target, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    entry.setLength(written.size());
    entry.setLastModified(written.lastModifiedTime().toInstant());
  }

  /** Deletes a file or a folder with everything in it; returns how many files went. */
  private static int delete(Path path) throws IOException {
    int files = 0;
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(path)) {
        files = (int) walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).count();
      }
    } else {
      files = 1;
    }
    FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    return files;
  }
}
