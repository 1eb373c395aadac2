package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * One write: folders are written by a few threads at once, each with its own readers (the
 * work is waiting for the disk, more than computing); the new index's entries are gathered
 * and sorted at the end.
 */
final class WorkTreeWalk {
  /** Threads writing at once: the disk is the limit, more than the processors. */
  static final int THREADS = 4;

  private final ObjectSource source;
  private final FileTimes times;
  private final Set<String> kept;
  final DirCache index;
  final long indexNanos;
  final long racyNanos;
  final Queue<DirCacheEntry> entries = new ConcurrentLinkedQueue<>();
  final AtomicInteger written = new AtomicInteger();
  final AtomicInteger removed = new AtomicInteger();
  final AtomicInteger unchanged = new AtomicInteger();
  final AtomicInteger linked = new AtomicInteger();
  final Donor donor;
  final Queue<String> folders = new ConcurrentLinkedQueue<>();
  /** The folders of the previous tree that this walk removed (with everything in them). */
  final Set<String> removedFolders = ConcurrentHashMap.newKeySet();
  /** The folders this walk may have changed: compared with the disk, or whose tree is not the previous one. */
  final Set<String> changed = ConcurrentHashMap.newKeySet();
  volatile boolean restat;
  private final List<ObjectSource> forks = Collections.synchronizedList(new ArrayList<>());
  private final ThreadLocal<ObjectSource> sources;

  /**
   * @param index the index of the last write
   * @param indexNanos the index file's modification time, 0 when there is none
   * @param racyNanos the racy window of the folder's file store
   * @param donor a folder to link unchanged files from, or null
   * @param kept the caller's own names at the folder's root
   */
  WorkTreeWalk(ObjectSource source, FileTimes times, Set<String> kept, DirCache index,
      long indexNanos, long racyNanos, Donor donor) {
    this.source = source;
    this.times = times;
    this.kept = kept;
    this.index = index;
    this.indexNanos = indexNanos;
    this.racyNanos = racyNanos;
    this.donor = donor;
    this.sources = ThreadLocal.withInitial(() -> {
      ObjectSource own = source.fork();
      forks.add(own);
      return own;
    });
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
      if (previous == null || !previous.equals(treeId)) {
        changed.add(prefix);
      }
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
      PosixFileAttributes have = fresh ? null : times.lstat(target);
      if (mode == FileMode.TREE) {
        boolean childFresh = fresh || have == null || !have.isDirectory();
        if (have != null && !have.isDirectory()) {
          removed.addAndGet(WorkTreeFiles.delete(target));
        }
        if (childFresh) {
          Files.createDirectory(target);
        }
        folders.add(new FolderTask(path, id, target, childFresh, null));
        continue;
      }
      DirCacheEntry entry = entry(path, mode, id);
      if (fresh && donor != null && donor.link(path, mode, id, target, entry)) {
        entries.add(entry);
        written.incrementAndGet();
        linked.incrementAndGet();
        continue;
      }
      boolean existed = false;
      if (have != null) {
        DirCacheEntry before = known(path);
        if (before != null && before.getFileMode() == mode && before.getObjectId().equals(id)
            && WorkTreeFiles.unchanged(before, have, indexNanos, racyNanos) && WorkTreeFiles.sameKind(mode, have)) {
          entries.add(before);
          unchanged.incrementAndGet();
          continue;
        }
        if (WorkTreeFiles.sameKind(mode, have) && WorkTreeFiles.contentId(target, have).equals(id)) {
          entry.setLength(have.size());
          entry.setLastModified(have.lastModifiedTime().toInstant());
          entries.add(entry);
          unchanged.incrementAndGet();
          restat = true;
          continue;
        }
        if (have.isDirectory()) {
          removed.addAndGet(WorkTreeFiles.delete(target));
        } else if (have.isSymbolicLink() || mode == FileMode.SYMLINK || WorkTreeFiles.sharesItsFile(target)) {
          // never write through a link, nor over a file with a link, nor into a file another folder shares
          Files.delete(target);
        } else {
          existed = true;
        }
      }
      write(objects, path, entry, target, existed);
    }
    return folders;
  }

  /** The last write's index entry for a path, or null. */
  private DirCacheEntry known(String path) {
    int i = index.findEntry(path);
    return i < 0 ? null : index.getEntry(i);
  }

  private static DirCacheEntry entry(String path, FileMode mode, ObjectId id) {
    DirCacheEntry entry = new DirCacheEntry(path);
    entry.setFileMode(mode);
    entry.setObjectId(id);
    return entry;
  }

  /** Writes the blob of {@code entry} (at {@code path} in the tree) to {@code target} and records it. */
  private void write(ObjectSource objects, String path, DirCacheEntry entry, Path target, boolean existed) throws IOException {
    WorkTreeFiles.writeFile(objects.open(path, entry.getObjectId()), entry, target, existed, times);
    entries.add(entry);
    written.incrementAndGet();
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
          removed.addAndGet(WorkTreeFiles.delete(target));
          if (oldMode == FileMode.TREE) {
            removedFolders.add(path);
          }
        }
        continue;
      }
      if (mode == FileMode.TREE) {
        if (oldMode == FileMode.TREE) {
          folders.add(new FolderTask(path, id, target, false, (ObjectId) was[1]));
          continue;
        }
        if (oldMode != null && oldMode != FileMode.GITLINK) {
          removed.addAndGet(WorkTreeFiles.delete(target));
        }
        Files.createDirectory(target);
        folders.add(new FolderTask(path, id, target, true, null));
        continue;
      }
      DirCacheEntry known = known(path);
      if (oldMode == mode && was[1].equals(id) && known != null) {
        entries.add(known);
        unchanged.incrementAndGet();
        continue;
      }
      boolean existed = false;
      if (oldMode == FileMode.TREE) {
        removed.addAndGet(WorkTreeFiles.delete(target));
        removedFolders.add(path);
      } else if (oldMode == FileMode.SYMLINK || oldMode != null && mode == FileMode.SYMLINK) {
        Files.delete(target);
      } else if (oldMode != null && oldMode != FileMode.GITLINK) {
        if (WorkTreeFiles.sharesItsFile(target)) {
          Files.delete(target);
        } else {
          existed = true;
        }
      }
      write(objects, path, entry(path, mode, id), target, existed);
    }
    for (Map.Entry<String, Object[]> gone : before.entrySet()) {
      if (gone.getValue()[0] != FileMode.GITLINK) {
        removed.addAndGet(WorkTreeFiles.delete(dir.resolve(gone.getKey())));
        if (gone.getValue()[0] == FileMode.TREE) {
          removedFolders.add(prefix.isEmpty() ? gone.getKey() : prefix + "/" + gone.getKey());
        }
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
          removed.addAndGet(WorkTreeFiles.delete(child));
        }
      }
    }
  }
}
