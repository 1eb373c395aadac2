package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The files a folder written earlier verifiably holds, by path, as its index recorded them: a
 * new folder links to them instead of writing the same bytes again.
 */
final class Donor {
  private final Path folder;
  private final Map<String, DirCacheEntry> entries;
  private final long indexNanos;
  private final long racyNanos;
  private final FileTimes times;
  private volatile boolean linking = true;

  private Donor(Path folder, Map<String, DirCacheEntry> entries, long indexNanos, long racyNanos, FileTimes times) {
    this.folder = folder;
    this.entries = entries;
    this.indexNanos = indexNanos;
    this.racyNanos = racyNanos;
    this.times = times;
  }

  /** The donor folder with its index, or null when either is missing. */
  static Donor read(Path folder, WorkTreeIndex index, FileTimes times) throws IOException {
    if (!index.exists() || !Files.isDirectory(folder)) {
      return null;
    }
    DirCache cache = index.read();
    Map<String, DirCacheEntry> entries = new HashMap<>(cache.getEntryCount() * 2);
    for (int i = 0; i < cache.getEntryCount(); i++) {
      entries.put(cache.getEntry(i).getPathString(), cache.getEntry(i));
    }
    return new Donor(folder, entries, WorkTreeFiles.nanos(Files.getLastModifiedTime(index.file())), times.racyNanos(folder),
        times);
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
    PosixFileAttributes have = times.lstat(file);
    if (have == null || !WorkTreeFiles.sameKind(mode, have)) {
      return false;
    }
    if (!WorkTreeFiles.unchanged(had, have, indexNanos, racyNanos)) {
      // Recorded too close to its index's time: its time proves nothing, its content does.
      if (!had.isSmudged() || !WorkTreeFiles.contentId(file, have).equals(id)) {
        return false;
      }
    }
    try {
      Files.createLink(target, file);
    } catch (UnsupportedOperationException | FileSystemException e) {
      if (e instanceof FileAlreadyExistsException exists) {
        throw exists;
      }
      linking = false; // another file system, or no hard links here: every file is written
      return false;
    }
    entry.setLength(have.size());
    entry.setLastModified(have.lastModifiedTime().toInstant());
    return true;
  }
}
