package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What a folder looked like when a tree was last written into it: the tree's id and the
 * modification time of every folder. Adding, removing or renaming anything in a folder changes
 * that folder's time, so when no folder's time moved, the folder holds the names it held, and one
 * {@code lstat} per file against the index tells whether any file was edited (git's untracked
 * cache works the same way). The folder then verifiably holds that tree: a rebuild of the same
 * tree reads no git object and lists no folder, and a new tree is written by comparing the two
 * trees alone.
 * A folder whose time is too close to the moment the stamps were taken is not trusted (a change
 * within the file store's timestamp resolution would not show, see {@link FileTimes}): it is
 * listed, and must hold the names expected.
 */
final class FolderStamps {
  private final Path file;
  private final FileTimes times;

  FolderStamps(Path file, FileTimes times) {
    this.file = file;
    this.times = times;
  }

  /**
   * The tree a folder verifiably holds, as last written, with the index that proved it (its
   * files), and the recorded time of each folder whose time was trusted (not racy): a
   * write that leaves such a folder alone keeps its stamp without looking at it again.
   */
  record Intact(ObjectId tree, DirCache index, Map<String, Long> trusted, List<String> folders) {}

  /**
   * The tree the folder holds exactly as it was written, when the stamps prove it (no folder
   * changed, every file has the time and size the index recorded); null when a full comparison
   * is needed.
   */
  Intact intact(Path folder, WorkTreeIndex indexFile, int threads, Set<String> kept) throws IOException {
    if (!Files.isRegularFile(file) || !indexFile.exists() || !Files.isDirectory(folder)) {
      return null;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !ObjectId.isId(lines.get(0))) {
      return null;
    }
    long taken = nanos(Files.getLastModifiedTime(file));
    DirCache index = indexFile.read();
    long racyNanos = times.racyNanos(folder);
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      Set<String> racy = ConcurrentHashMap.newKeySet();
      long indexNanos = nanos(Files.getLastModifiedTime(indexFile.file()));
      boolean same = pool.submit(() -> foldersUnchanged(lines, folder, taken, racyNanos, racy)
          && filesUnchanged(index, folder, indexNanos, racyNanos)
          && namesUnchanged(racy, lines, index, folder, kept)).get();
      if (!same) {
        return null;
      }
      List<String> folders = new ArrayList<>(lines.size());
      return new Intact(ObjectId.fromString(lines.get(0)), index, trusted(lines, racy, folders), folders);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IOException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  /** The recorded time of each folder but the racy ones; every folder's path into {@code folders}. */
  private static Map<String, Long> trusted(List<String> lines, Set<String> racy, List<String> folders) {
    Map<String, Long> trusted = new HashMap<>(lines.size() * 2);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int tab = line.indexOf('\t');
      String path = line.substring(tab + 1);
      folders.add(path);
      if (!racy.contains(path)) {
        trusted.put(path, Long.parseLong(line.substring(0, tab)));
      }
    }
    return trusted;
  }

  private boolean foldersUnchanged(List<String> lines, Path folder, long taken, long racyNanos, Set<String> racy) {
    return IntStream.range(1, lines.size()).parallel().allMatch(i -> {
      String line = lines.get(i);
      int tab = line.indexOf('\t');
      if (tab < 0) {
        return false;
      }
      long recorded = Long.parseLong(line.substring(0, tab));
      String path = line.substring(tab + 1);
      if (recorded + racyNanos >= taken) {
        racy.add(path);
      }
      PosixFileAttributes have = stat(path.isEmpty() ? folder : folder.resolve(path));
      return have != null && have.isDirectory() && nanos(have.lastModifiedTime()) == recorded;
    });
  }

  private boolean filesUnchanged(DirCache index, Path folder, long indexNanos, long racyNanos) {
    return IntStream.range(0, index.getEntryCount()).parallel().allMatch(i -> {
      DirCacheEntry entry = index.getEntry(i);
      Path file = folder.resolve(entry.getPathString());
      PosixFileAttributes have = stat(file);
      if (have == null || !WorkTreeFiles.sameKind(entry.getFileMode(), have)) {
        return false;
      }
      if (WorkTreeFiles.unchanged(entry, have, indexNanos, racyNanos)) {
        return true;
      }
      // Written too close to the index's time: its time proves nothing, its content does. There
      // are only a few such files.
      return entry.isSmudged() && contentIs(file, have, entry);
    });
  }

  private static boolean contentIs(Path file, PosixFileAttributes have, DirCacheEntry entry) {
    try {
      return WorkTreeFiles.contentId(file, have).equals(entry.getObjectId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The folders whose time cannot be trusted hold exactly the names the index and the stamps
   * expect: they are listed, the few of them (those changed last before the stamps were taken).
   */
  private static boolean namesUnchanged(Set<String> racy, List<String> lines, DirCache index, Path folder, Set<String> kept) {
    if (racy.isEmpty()) {
      return true;
    }
    Map<String, Set<String>> expected = new HashMap<>();
    racy.forEach(f -> expected.put(f, new HashSet<>()));
    for (int i = 0; i < index.getEntryCount(); i++) {
      addToParent(index.getEntry(i).getPathString(), expected);
    }
    for (int i = 1; i < lines.size(); i++) {
      String path = lines.get(i).substring(lines.get(i).indexOf('\t') + 1);
      if (!path.isEmpty()) {
        addToParent(path, expected);
      }
    }
    for (Map.Entry<String, Set<String>> e : expected.entrySet()) {
      Set<String> names = new HashSet<>();
      try (DirectoryStream<Path> children = Files.newDirectoryStream(e.getKey().isEmpty() ? folder : folder.resolve(e.getKey()))) {
        children.forEach(c -> names.add(c.getFileName().toString()));
        if (e.getKey().isEmpty()) {
          names.removeAll(kept); // the caller's own names at the root
        }
      } catch (IOException x) {
        return false;
      }
      if (!names.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static void addToParent(String path, Map<String, Set<String>> expected) {
    int slash = path.lastIndexOf('/');
    Set<String> names = expected.get(slash < 0 ? "" : path.substring(0, slash));
    if (names != null) {
      names.add(path.substring(slash + 1));
    }
  }

  private PosixFileAttributes stat(Path path) {
    try {
      return times.lstat(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Takes the stamps of the folders of {@code tree}, just written into {@code folder}: those the
   * write may have changed are looked at; the others keep the time {@code trusted} gives them
   * (the stamps that proved the folder intact before the write), which a change made since would
   * no longer match.
   */
  void record(AnyObjectId tree, Path folder, Collection<String> folders, Map<String, Long> trusted,
      Set<String> changed) throws IOException {
    write(take(tree, folder, folders, trusted, changed));
  }

  /**
   * The stamps {@link #record} writes, taken but not written (the caller writes them once what
   * they vouch for is written too); null when a folder changed under our feet: no stamps, the
   * next build compares everything.
   */
  String take(AnyObjectId tree, Path folder, Collection<String> folders, Map<String, Long> trusted,
      Set<String> changed) throws IOException {
    // In no particular order: nothing reads them in order, and sorting the folders of a code base
    // costs more than taking their stamps.
    StringBuilder out = new StringBuilder(ObjectId.toString(tree.toObjectId())).append('\n');
    for (String path : folders) {
      Long kept = changed.contains(path) ? null : trusted.get(path);
      if (kept == null) {
        PosixFileAttributes have = times.lstat(path.isEmpty() ? folder : folder.resolve(path));
        if (have == null || !have.isDirectory()) {
          return null;
        }
        kept = nanos(have.lastModifiedTime());
      }
      out.append(kept).append('\t').append(path).append('\n');
    }
    return out.toString();
  }

  /** Writes stamps {@link #take} took; nothing for none. */
  void write(String stamps) throws IOException {
    if (stamps != null) {
      AtomicFile.write(file, stamps);
    }
  }

  /** Forgets the stamps before a write: a write that does not finish leaves none. */
  void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  private static long nanos(FileTime time) {
    return time.to(TimeUnit.NANOSECONDS);
  }
}
