package io.github.moodlecbm.core;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one resource (a mirror, a site's work tree), for threads of this JVM and for
 * other processes alike. The operating system releases the file lock when its process dies, even
 * by SIGKILL, so a lock is never left behind. A file lock alone is not enough: the JVM refuses a
 * second lock on the same file from another thread ({@code OverlappingFileLockException}), so
 * threads queue on an in-JVM lock first.
 */
public final class ExclusiveLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private ExclusiveLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  public static ExclusiveLock acquire(Path lockFile) throws IOException {
    ReentrantLock threadLock =
        IN_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
    threadLock.lock();
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new ExclusiveLock(threadLock, channel, lock(channel));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threadLock.unlock();
      throw e;
    }
  }

  /**
   * Waits for the file lock. The kernel's deadlock detection for these locks sees processes, not
   * threads: when threads of this JVM hold and wait for locks that threads of another process also
   * hold and wait for (two builds fetching mirrors side by side in one cache), it may refuse a
   * wait that is no deadlock (EDEADLK, "Resource deadlock avoided"). The lock is then polled for;
   * a real failure of the file system fails the poll too.
   */
  private static FileLock lock(FileChannel channel) throws IOException {
    try {
      return channel.lock();
    } catch (ClosedChannelException | FileLockInterruptionException e) {
      throw e;
    } catch (IOException refused) {
      for (FileLock lock = channel.tryLock(); ; lock = channel.tryLock()) {
        if (lock != null) {
          return lock;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FileLockInterruptionException();
        }
      }
    }
  }

  /** The lock if nobody holds it, in this JVM or another process; empty at once otherwise. */
  public static java.util.Optional<ExclusiveLock> tryAcquire(Path lockFile) throws IOException {
    ReentrantLock threadLock =
        IN_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
    if (!threadLock.tryLock()) {
      return java.util.Optional.empty();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        threadLock.unlock();
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new ExclusiveLock(threadLock, channel, lock));
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threadLock.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
      channel.close();
    } finally {
      threadLock.unlock();
    }
  }
}
