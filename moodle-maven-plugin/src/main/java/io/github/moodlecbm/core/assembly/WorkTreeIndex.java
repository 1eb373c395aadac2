package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.ExclusiveLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FileUtils;

/**
 * The files a {@link WorkTreeWriter} keeps beside the folder it writes, named after its index
 * file: the index (a git index of what was written), the folders' stamps, the lock that keeps two
 * writers of the folder apart, and the scratch folder where a new index is made. They are the
 * writer's alone: other code asks this class, never names them.
 *
 * <p>A new index is made under a name no other write uses, then moved over the old one in one
 * step: a build killed at any moment leaves the old index or the new one, and at worst a scratch
 * file that the next write, holding the lock, clears. No lock of JGit's is ever removed by hand.
 */
public final class WorkTreeIndex {
  private static final long PROCESS = ProcessHandle.current().pid();
  private static final AtomicLong COUNTER = new AtomicLong();

  private final Path file;

  private WorkTreeIndex(Path file) {
    this.file = file;
  }

  /** The index at {@code indexFile}, with what is kept beside it. */
  public static WorkTreeIndex at(Path indexFile) {
    return new WorkTreeIndex(indexFile);
  }

  /** Whether a write left an index there. */
  public boolean exists() {
    return Files.isRegularFile(file);
  }

  /**
   * Whether a writer is at work on the folder of this index now (in this JVM or another
   * process): its lock is held. For whoever watches a build from outside.
   */
  public boolean busy() throws IOException {
    if (!Files.exists(guard())) {
      return false;
    }
    Optional<ExclusiveLock> free = ExclusiveLock.tryAcquire(guard());
    if (free.isEmpty()) {
      return true;
    }
    free.get().close();
    return false;
  }

  /** Keeps other writers of the folder out until closed. */
  public ExclusiveLock lock() throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return ExclusiveLock.acquire(guard());
  }

  /**
   * The other way to take the lock: whoever holds it keeps every writer of the folder waiting (a
   * test that must stop a build before it writes anything).
   */
  public Path lockFile() {
    return guard();
  }

  /** Forgets the index and all that is kept beside it (the folder itself is the caller's). */
  public void forget() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(stampsFile());
    FileUtils.delete(scratch().toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    Files.deleteIfExists(guard());
  }

  /** The index file itself. */
  public Path file() {
    return file;
  }

  Path stampsFile() {
    return sibling(".folders");
  }

  private Path guard() {
    return sibling(".guard");
  }

  Path scratch() {
    return sibling(".new");
  }

  private Path sibling(String suffix) {
    return file.resolveSibling(file.getFileName() + suffix);
  }

  /** The index as it is, empty when there is none. */
  DirCache read() throws IOException {
    return DirCache.read(file.toFile(), FS.DETECTED);
  }

  /**
   * Makes the entries the new index. Holding the lock: what the scratch folder holds was left by
   * a killed write and is removed first.
   */
  void write(Collection<DirCacheEntry> entries) throws IOException {
    Path scratch = scratch();
    FileUtils.delete(scratch.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    Files.createDirectories(scratch);
    Path fresh = scratch.resolve("index-" + Long.toHexString(PROCESS) + "-" + Long.toHexString(COUNTER.incrementAndGet()));
    DirCache index = DirCache.lock(fresh.toFile(), FS.DETECTED);
    try {
      DirCacheBuilder builder = index.builder();
      entries.forEach(builder::add);
      if (!builder.commit()) {
        throw new IOException("could not write " + fresh);
      }
    } finally {
      index.unlock();
    }
    Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    FileUtils.delete(scratch.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
  }
}
