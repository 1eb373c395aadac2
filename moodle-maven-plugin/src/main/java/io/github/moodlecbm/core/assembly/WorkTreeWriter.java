package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.ExclusiveLock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * Makes a folder hold exactly a tree's files, writing only what differs. A git index beside the
 * folder remembers what was written (ids, sizes, times), so that an unchanged file is recognised
 * from one {@code lstat}, as git does; a file edited by hand is written again, and a file that no
 * longer belongs is removed. A folder that did not exist is written without looking at the disk.
 * What the index and its companions are: {@link WorkTreeIndex}; when a file's time proves
 * nothing: {@link FileTimes}.
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

  private final ObjectSource source;
  private Set<String> kept = Set.of();
  private Path donorFolder;
  private Path donorIndex;
  private FileTimes times = FileTimes.SYSTEM;

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

  /** The file store as the writer sees it: tests give one with coarse times. */
  WorkTreeWriter onFileTimes(FileTimes fileTimes) {
    this.times = fileTimes;
    return this;
  }

  public Result write(AnyObjectId tree, Path folder, Path indexFile) throws IOException {
    WorkTreeIndex index = WorkTreeIndex.at(indexFile);
    try (ExclusiveLock guard = index.lock()) {
      FolderStamps stamps = new FolderStamps(index.stampsFile(), times);
      FolderStamps.Intact held = stamps.intact(folder, index, WorkTreeWalk.THREADS, kept);
      if (held != null && held.tree().equals(tree)) {
        return new Result(0, 0, held.index().getEntryCount());
      }
      stamps.clear();
      DirCache last = held != null ? held.index() : index.read();
      boolean fresh = holdsOnlyKept(folder);
      Files.createDirectories(folder);
      long racyNanos = times.racyNanos(folder);
      long indexNanos = index.exists() ? WorkTreeFiles.nanos(Files.getLastModifiedTime(index.file())) : 0;
      Donor donor = fresh && donorFolder != null ? Donor.read(donorFolder, WorkTreeIndex.at(donorIndex), times) : null;
      WorkTreeWalk walk = new WorkTreeWalk(source, times, kept, last, indexNanos, racyNanos, donor);
      walk.run(tree, folder, fresh, fresh || held == null ? null : held.tree());
      int written = walk.written.get();
      int unchanged = walk.unchanged.get();
      // An index with the same entries need not be written again: a no-op build writes nothing.
      FutureTask<Void> indexWritten = null;
      if (written > 0 || walk.restat || walk.removed.get() > 0 || written + unchanged != last.getEntryCount()) {
        Instant now = Instant.now();
        long nowNanos = TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        walk.entries.forEach(e -> WorkTreeFiles.smudgeIfRacy(e, nowNanos, racyNanos));
        // Written by another thread while this one takes the folders' stamps: on two cores, the
        // two halves of a write's bookkeeping (each walks every file of the code base) overlap.
        indexWritten = new FutureTask<>(() -> {
          index.write(walk.entries);
          return null;
        });
        Thread writer = new Thread(indexWritten, "moodle-worktree-index");
        writer.setDaemon(true);
        writer.start();
      }
      boolean fromPrevious = !fresh && held != null;
      String taken = stamps.take(tree, folder, foldersOf(walk, fromPrevious ? held.folders() : null),
          fromPrevious ? held.trusted() : Map.of(), walk.changed);
      if (indexWritten != null) {
        awaitIndex(indexWritten);
      }
      // The stamps last: they vouch for the index.
      stamps.write(taken);
      return new Result(written, walk.removed.get(), unchanged, walk.linked.get());
    }
  }

  private static void awaitIndex(FutureTask<Void> indexWritten) throws IOException {
    try {
      indexWritten.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while the index was written");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /**
   * Every folder of the tree written. A walk that compared the disk entered every folder. A walk
   * from the previous tree entered the folders that changed and the top of each unchanged one: the
   * folders inside those are the previous write's ({@code before}), but those the walk removed.
   */
  static Set<String> foldersOf(WorkTreeWalk walk, List<String> before) {
    Set<String> folders = new HashSet<>(walk.folders);
    if (before != null) {
      for (String path : before) {
        if (!folders.contains(path) && !within(path, walk.removedFolders)) {
          folders.add(path);
        }
      }
    }
    return folders;
  }

  /** Whether {@code path} is one of {@code folders} or inside one. */
  private static boolean within(String path, Set<String> folders) {
    if (folders.isEmpty()) {
      return false;
    }
    for (String p = path; ; p = p.substring(0, p.lastIndexOf('/'))) {
      if (folders.contains(p)) {
        return true;
      }
      if (p.indexOf('/') < 0) {
        return false;
      }
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
}
