package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.FS;

/**
 * What a file store tells of its files' times. A file's size and modification time prove it
 * unchanged only when any later change would have given it another time: a change made within the
 * store's timestamp resolution of the moment its time was recorded may keep that time (a
 * file system with 1- or 2-second times, NFS, some container overlays). That window is measured for
 * each file store, by JGit ({@link FS.FileStoreAttributes}: the timestamp resolution plus the
 * smallest interval the store needs to tell two changes apart), never assumed to be finer than
 * the kernel's coarse clock: Linux stamps a change with the clock tick (1 to 10 ms) unless the
 * file's time was read since its last change, so a measurement, which reads the times it
 * makes, can see a finer resolution than changes nobody watched get.
 */
interface FileTimes {
  /** The coarsest clock tick a kernel gives a change nobody watched (10 ms), with a margin. */
  long COARSE_CLOCK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The file's attributes, not following a link; null when nothing is there. */
  PosixFileAttributes lstat(Path path) throws IOException;

  /**
   * How close to a moment a modification time must be, in nanoseconds, to prove nothing of what
   * happened after it, for the file store holding {@code folder} (which exists).
   */
  long racyNanos(Path folder) throws IOException;

  /** The file system as it is, with JGit's measurement of each file store. */
  FileTimes SYSTEM = new FileTimes() {
    @Override
    public PosixFileAttributes lstat(Path path) throws IOException {
      try {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return null;
      }
    }

    @Override
    public long racyNanos(Path folder) {
      FS.FileStoreAttributes store = FS.FileStoreAttributes.get(folder);
      return Math.max(COARSE_CLOCK_NANOS, store.getFsTimestampResolution().plus(store.getMinimalRacyInterval()).toNanos());
    }
  };
}
