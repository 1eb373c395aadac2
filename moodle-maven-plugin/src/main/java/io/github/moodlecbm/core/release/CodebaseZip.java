package io.github.moodlecbm.core.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A release's code base as a zip, for sites that also publish to a Maven repository:
 * reproducible (entries in git's order, every time the release's, whatever the time zone), read
 * from git objects. A zip keeps no Unix modes: executable bits are not kept, and a symbolic link
 * is stored as a file holding its target.
 */
public final class CodebaseZip {
  private CodebaseZip() {}

  /** Writes the zip; returns how many files it holds. */
  public static int write(Repository repo, AnyObjectId tree, Instant time, Path zip) throws IOException {
    LocalDateTime stamp = LocalDateTime.ofInstant(time.isBefore(Instant.parse("1980-01-02T00:00:00Z"))
        ? Instant.parse("1980-01-02T00:00:00Z") : time, ZoneOffset.UTC);
    Files.createDirectories(zip.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(zip.toAbsolutePath().getParent(), zip.getFileName().toString(), ".tmp");
    int files = 0;
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk walk = new TreeWalk(repo, reader);
        OutputStream out = Files.newOutputStream(tmp);
        ZipOutputStream zipOut = new ZipOutputStream(out)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.GITLINK) {
          continue;
        }
        ZipEntry entry = new ZipEntry(walk.getPathString() + (mode == FileMode.TREE ? "/" : ""));
        entry.setTimeLocal(stamp);
        zipOut.putNextEntry(entry);
        if (mode == FileMode.TREE) {
          walk.enterSubtree();
        } else {
          reader.open(walk.getObjectId(0)).copyTo(zipOut);
          files++;
        }
        zipOut.closeEntry();
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return files;
  }
}
