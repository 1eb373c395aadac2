package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.ExclusiveLock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.NameConflictTreeWalk;
import org.eclipse.jgit.util.FileUtils;

/**
 * Makes a folder hold exactly a tree's files, writing only what differs. A git index beside the
 * folder remembers what was written (ids, sizes, times), so that an unchanged file is recognised
 * from its metadata alone, as git does; a file edited by hand is written again, and a file that no
 * longer belongs is removed.
 */
public final class WorkTreeWriter {

  /** What a write did. */
  public record Result(int written, int removed, int unchanged) {}

  private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

  private final BuildRepository store;

  public WorkTreeWriter(BuildRepository store) {
    this.store = store;
  }

  public Result write(AnyObjectId tree, Path folder, Path indexFile) throws IOException {
    Files.createDirectories(folder);
    Files.createDirectories(indexFile.getParent());
    try (ExclusiveLock guard = ExclusiveLock.acquire(indexFile.resolveSibling(indexFile.getFileName() + ".guard"));
        Repository repo = store.openWithWorkTree(folder, indexFile);
        ObjectReader reader = repo.newObjectReader();
        NameConflictTreeWalk walk = new NameConflictTreeWalk(repo, reader)) {
      // Holding the guard, a git index lock can only be left by a build that was killed.
      Files.deleteIfExists(indexFile.resolveSibling(indexFile.getFileName() + ".lock"));
      DirCache index = repo.lockDirCache();
      try {
        DirCacheBuilder next = index.builder();
        walk.setRecursive(false);
        int target = walk.addTree(new CanonicalTreeParser(null, reader, tree));
        int known = walk.addTree(new DirCacheIterator(index));
        FileTreeIterator files = new FileTreeIterator(repo);
        int disk = walk.addTree(files);
        int written = 0;
        int removed = 0;
        int unchanged = 0;
        boolean restat = false;
        while (walk.next()) {
          FileMode want = walk.getFileMode(target);
          FileMode have = walk.getFileMode(disk);
          Path path = folder.resolve(walk.getPathString());
          if (want == FileMode.MISSING) {
            if (have != FileMode.MISSING) {
              removed += delete(path);
            }
            continue;
          }
          if (want == FileMode.TREE) {
            if (have != FileMode.MISSING && have != FileMode.TREE) {
              removed += delete(path);
            }
            if (have != FileMode.TREE) {
              Files.createDirectory(path);
            }
            walk.enterSubtree();
            continue;
          }
          if (want == FileMode.GITLINK) {
            continue;
          }
          DirCacheEntry entry = new DirCacheEntry(walk.getRawPath());
          entry.setFileMode(want);
          entry.setObjectId(walk.getObjectId(target));
          DirCacheIterator knownEntry = walk.getTree(known, DirCacheIterator.class);
          FileTreeIterator onDisk = walk.getTree(disk, FileTreeIterator.class);
          if (have == FileMode.TREE) {
            removed += delete(path);
            have = FileMode.MISSING;
          } else if (have != FileMode.MISSING && onDisk != null) {
            DirCacheEntry before = knownEntry == null ? null : knownEntry.getDirCacheEntry();
            if (before != null
                && before.getFileMode() == want
                && before.getObjectId().equals(entry.getObjectId())
                && !onDisk.isModified(before, false, reader)) {
              next.add(before);
              unchanged++;
              continue;
            }
            if (have == want && onDisk.getEntryObjectId().equals(entry.getObjectId())) {
              entry.setLength(onDisk.getEntryLength());
              entry.setLastModified(onDisk.getEntryLastModifiedInstant());
              next.add(entry);
              unchanged++;
              restat = true;
              continue;
            }
          }
          if (have == FileMode.SYMLINK || (want == FileMode.SYMLINK && have != FileMode.MISSING)) {
            // never write through a link, nor over a file with a link
            Files.delete(path);
            have = FileMode.MISSING;
          }
          writeFile(reader, entry, path, have != FileMode.MISSING);
          next.add(entry);
          written++;
        }
        // An index with the same entries need not be written again: a no-op build writes nothing.
        if (written > 0 || restat || written + unchanged != index.getEntryCount()) {
          next.commit();
        }
        return new Result(written, removed, unchanged);
      } finally {
        index.unlock();
      }
    }
  }

  /**
   * Writes one file as git stores it: no end-of-line conversion, no filters. The folder is ours
   * alone and rebuilt from git at will, so files are written in place rather than through a
   * temporary file; parent folders were made when the walk entered them.
   */
  private static void writeFile(ObjectReader reader, DirCacheEntry entry, Path path, boolean existed)
      throws IOException {
    FileMode mode = entry.getFileMode();
    if (mode == FileMode.SYMLINK) {
      String target = new String(reader.open(entry.getObjectId()).getCachedBytes(), java.nio.charset.StandardCharsets.UTF_8);
      Files.createSymbolicLink(path, Path.of(target));
    } else {
      try (OutputStream out = Files.newOutputStream(path)) {
        reader.open(entry.getObjectId()).copyTo(out);
      }
      boolean executable = mode == FileMode.EXECUTABLE_FILE;
      if (executable || existed) {
        Files.setPosixFilePermissions(path, executable ? EXECUTABLE : REGULAR);
      }
    }
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    entry.setLength(attributes.size());
    entry.setLastModified(attributes.lastModifiedTime().toInstant());
  }

  /** Deletes a file or a folder with everything in it; returns how many files went. */
  private static int delete(Path path) throws IOException {
    int files = 0;
    if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(path)) {
        files = (int) walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).count();
      }
    } else {
      files = 1;
    }
    FileUtils.delete(path.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    return files;
  }
}
