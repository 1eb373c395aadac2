package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A file store whose modification times are whole multiples of a coarse resolution (FAT's 2
 * seconds, NFS or an overlay that keeps seconds), simulated over the real one: every time the
 * writer reads is cut down to the resolution, and the resolution is what the store reports.
 */
final class CoarseFileTimes implements FileTimes {
  private final long resolutionNanos;

  CoarseFileTimes(long seconds) {
    this.resolutionNanos = TimeUnit.SECONDS.toNanos(seconds);
  }

  /** The time such a store gives a file changed at {@code time}. */
  FileTime cut(FileTime time) {
    long nanos = time.to(TimeUnit.NANOSECONDS);
    return FileTime.from(nanos - Math.floorMod(nanos, resolutionNanos), TimeUnit.NANOSECONDS);
  }

  @Override
  public long racyNanos(Path folder) {
    return resolutionNanos;
  }

  @Override
  public PosixFileAttributes lstat(Path path) throws IOException {
    PosixFileAttributes real = FileTimes.SYSTEM.lstat(path);
    if (real == null) {
      return null;
    }
    FileTime modified = cut(real.lastModifiedTime());
    return new PosixFileAttributes() {
      @Override
      public FileTime lastModifiedTime() {
        return modified;
      }

      @Override
      public FileTime lastAccessTime() {
        return cut(real.lastAccessTime());
      }

      @Override
      public FileTime creationTime() {
        return cut(real.creationTime());
      }

      @Override
      public boolean isRegularFile() {
        return real.isRegularFile();
      }

      @Override
      public boolean isDirectory() {
        return real.isDirectory();
      }

      @Override
      public boolean isSymbolicLink() {
        return real.isSymbolicLink();
      }

      @Override
      public boolean isOther() {
        return real.isOther();
      }

      @Override
      public long size() {
        return real.size();
      }

      @Override
      public Object fileKey() {
        return real.fileKey();
      }

      @Override
      public UserPrincipal owner() {
        return real.owner();
      }

      @Override
      public GroupPrincipal group() {
        return real.group();
      }

      @Override
      public Set<PosixFilePermission> permissions() {
        return real.permissions();
      }
    };
  }
}
