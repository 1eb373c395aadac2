package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.util.FileUtils;

/** The file-level work of a {@link WorkTreeWriter}: comparing a file with an index entry, writing, deleting. */
final class WorkTreeFiles {
  private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

  private WorkTreeFiles() {}

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

  /**
   * Whether the file is as the index recorded it, from its stat alone. An entry whose recorded
   * time was too close to the moment it was recorded is "smudged" (as git does): its size was
   * forgotten, and its time proves the file unchanged only when the index was written well after
   * that time, by more than the file store's racy window; otherwise the caller compares content.
   *
   * @param indexNanos the index file's modification time, 0 when unknown
   * @param racyNanos the file store's racy window ({@link FileTimes#racyNanos})
   */
  static boolean unchanged(DirCacheEntry before, PosixFileAttributes have, long indexNanos, long racyNanos) {
    if (!before.isSmudged()) {
      return sameStat(before, have);
    }
    return before.getLastModifiedInstant().equals(have.lastModifiedTime().toInstant())
        && nanos(have.lastModifiedTime()) + racyNanos < indexNanos;
  }

  /**
   * Forgets the size of an entry whose time is too close to {@code nowNanos} to prove anything
   * later: the next build compares that file by content.
   */
  static void smudgeIfRacy(DirCacheEntry entry, long nowNanos, long racyNanos) {
    Instant time = entry.getLastModifiedInstant();
    long nanos = TimeUnit.SECONDS.toNanos(time.getEpochSecond()) + time.getNano();
    if (nanos + racyNanos >= nowNanos) {
      entry.smudgeRacilyClean();
    }
  }

  static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
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
   * Writes one file as git stores it: no end-of-line conversion, no filters. The folder is the
   * writer's alone and rebuilt from git at will, so files are written in place rather than through
   * a temporary file; parent folders were made when the walk entered them.
   */
  static void writeFile(ObjectLoader blob, DirCacheEntry entry, Path target, boolean existed, FileTimes times) throws IOException {
    FileMode mode = entry.getFileMode();
    if (mode == FileMode.SYMLINK) {
      Files.createSymbolicLink(target, Path.of(new String(blob.getCachedBytes(), StandardCharsets.UTF_8)));
    } else {
      // A file that exists is written over in place, then cut to its new length: truncating it to
      // nothing first frees every block of it and allocates them again, ten times the cost of the
      // write on ext4 (more with online discard) for the files of a point release.
      try (FileChannel channel = existed
          ? FileChannel.open(target, StandardOpenOption.WRITE)
          : FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
        if (blob.isLarge()) {
          blob.copyTo(Channels.newOutputStream(channel));
        } else {
          ByteBuffer bytes = ByteBuffer.wrap(blob.getCachedBytes());
          while (bytes.hasRemaining()) {
            channel.write(bytes);
          }
        }
        if (existed) {
          channel.truncate(blob.getSize());
        }
      }
      boolean executable = mode == FileMode.EXECUTABLE_FILE;
      if (executable || existed) {
        Files.setPosixFilePermissions(target, executable ? EXECUTABLE : REGULAR);
      }
    }
    PosixFileAttributes written = times.lstat(target);
    entry.setLength(written.size());
    entry.setLastModified(written.lastModifiedTime().toInstant());
  }

  /** Deletes a file or a folder with everything in it; returns how many files went. */
  static int delete(Path path) throws IOException {
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
