package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.io.AtomicFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.api.ArchiveCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;

/**
 * A release's code base as a zip, for sites that also publish to a Maven repository, written by
 * JGit's {@link ArchiveCommand} from git objects: entries in git's order, a folder before what it
 * holds. Executable files keep their mode (100755) and symbolic links are link entries holding
 * their target, as Unix modes in the zip that {@code unzip} restores. Reproducible: every entry's
 * time is the release's, never the commit's nor now, and the bytes are the same in any time zone.
 */
public final class CodebaseZip {
  private static final String FORMAT = "moodle-codebase-zip";
  private static final String ARCHIVE = "archive";
  /** DOS times start in 1980; an earlier release time is written as this. */
  private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 2, 0, 0);

  static {
    ArchiveCommand.registerFormat(FORMAT, new ZipFormat());
  }

  private CodebaseZip() {}

  /** Writes the zip, atomically; returns how many files it holds. */
  public static int write(Repository repo, AnyObjectId tree, Instant time, Path zip) throws IOException {
    Archive archive = new Archive(time);
    AtomicFile.of(zip).write(out -> {
      try (Git git = Git.wrap(repo)) {
        git.archive().setTree(tree.toObjectId()).setFormat(FORMAT).setFormatOptions(Map.of(ARCHIVE, archive))
            .setOutputStream(out).call();
      } catch (JGitInternalException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw e;
      } catch (GitAPIException e) {
        throw new IOException(e.getMessage(), e);
      }
    });
    return archive.files;
  }

  /** One zip being written: the stream, the entries' time and the files counted. */
  private static final class Archive implements Closeable {
    private final LocalDateTime stamp;
    private ZipArchiveOutputStream out;
    private long millis;
    private int files;

    Archive(Instant time) {
      LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
      this.stamp = utc.isBefore(DOS_EPOCH) ? DOS_EPOCH : utc;
    }

    Archive open(OutputStream s) {
      out = new ZipArchiveOutputStream(s);
      // A zip's DOS time is a wall clock without a zone, and commons-compress converts an entry's
      // time to it in the default zone. The wall clock written is the release time's in UTC, in
      // every zone: the instant given is the one whose wall clock here is that. No extended
      // timestamp field is added (ZipArchiveEntry adds one only for a time DOS cannot hold), so
      // nothing else in the zip depends on the zone. In the hour a daylight-saving change skips
      // in the default zone that wall clock does not exist there, and the entries are stamped an
      // hour later: commons-compress offers no way to write a DOS time but through the zone.
      millis = stamp.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
      return this;
    }

    void put(String path, FileMode mode, ObjectLoader loader) throws IOException {
      ZipArchiveEntry entry = new ZipArchiveEntry(path);
      entry.setTime(millis);
      if (mode == FileMode.TREE) {
        // ArchiveCommand gives a folder as "path/"; a submodule too, an empty folder as git archive makes it.
        out.putArchiveEntry(entry);
        out.closeArchiveEntry();
        return;
      }
      if (mode == FileMode.EXECUTABLE_FILE) {
        entry.setUnixMode(0100755);
      } else if (mode == FileMode.SYMLINK) {
        // As git archive and ln -s make them: a link's permissions are never used.
        entry.setUnixMode(0120777);
      }
      entry.setSize(loader.getSize());
      out.putArchiveEntry(entry);
      loader.copyTo(out);
      out.closeArchiveEntry();
      files++;
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /**
   * PKWARE's zip format for {@link ArchiveCommand}, like JGit's own {@code ZipFormat} but with
   * the archive's time on every entry rather than a commit's, and a count of the files.
   */
  private static final class ZipFormat implements ArchiveCommand.Format<Archive> {
    @Override
    public Archive createArchiveOutputStream(OutputStream s) {
      throw new UnsupportedOperationException("a codebase zip needs its time: see CodebaseZip.write");
    }

    @Override
    public Archive createArchiveOutputStream(OutputStream s, Map<String, Object> o) {
      return ((Archive) o.get(ARCHIVE)).open(s);
    }

    @Override
    public void putEntry(Archive out, ObjectId tree, String path, FileMode mode, ObjectLoader loader) throws IOException {
      out.put(path, mode, loader);
    }

    @Override
    public Iterable<String> suffixes() {
      return List.of();
    }
  }
}
