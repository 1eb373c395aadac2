package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.Checkout;
import org.eclipse.jgit.dircache.DirCacheCheckout.CheckoutMetadata;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.NameConflictTreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.util.FileUtils;
import org.eclipse.jgit.lib.CoreConfig.EolStreamType;

/**
 * Makes a folder hold exactly a tree's files, writing only what differs. A git index beside the
 * folder remembers what was written (ids, sizes, times), so that an unchanged file is recognised
 * from its metadata alone, as git does; a file edited by hand is written again, and a file that no
 * longer belongs is removed.
 */
public final class WorkTreeWriter {

  /** What a write did. */
  public record Result(int written, int removed, int unchanged) {}

  /** Files are written as git stores them: no end-of-line conversion, no filters. */
  private static final CheckoutMetadata DIRECT = new CheckoutMetadata(EolStreamType.DIRECT, null);

  private final BuildRepository store;

  public WorkTreeWriter(BuildRepository store) {
    this.store = store;
  }

  public Result write(AnyObjectId tree, Path folder, Path indexFile) throws IOException {
    Files.createDirectories(folder);
    try (Repository repo = store.openWithWorkTree(folder, indexFile);
        ObjectReader reader = repo.newObjectReader();
        NameConflictTreeWalk walk = new NameConflictTreeWalk(repo, reader)) {
      DirCache index = repo.lockDirCache();
      try {
        DirCacheBuilder next = index.builder();
        Checkout checkout =
            new Checkout(repo, repo.getConfig().get(WorkingTreeOptions.KEY)).setRecursiveDeletion(true);
        walk.setRecursive(false);
        int target = walk.addTree(new CanonicalTreeParser(null, reader, tree));
        int known = walk.addTree(new DirCacheIterator(index));
        FileTreeIterator files = new FileTreeIterator(repo);
        int disk = walk.addTree(files);
        int written = 0;
        int removed = 0;
        int unchanged = 0;
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
              continue;
            }
          }
          checkout.checkout(entry, DIRECT, reader, null);
          next.add(entry);
          written++;
        }
        next.commit();
        return new Result(written, removed, unchanged);
      } finally {
        index.unlock();
      }
    }
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
