package io.github.moodlecbm.core.patch;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.FS;

/**
 * {@code moodle:patch}: the changes made by hand in {@code target/moodle} under a component's
 * folder (for Moodle, outside every plugin's folder), against the code base the build assembled,
 * written as the component's next numbered patch file, paths relative to its folder. The next
 * build applies it: edit, try, capture, commit the patch.
 */
public final class PatchCapture {
  private static final Pattern NUMBERED = Pattern.compile("(\\d{4})-.*");

  private final Workspace workspace;

  public PatchCapture(Workspace workspace) {
    this.workspace = workspace;
  }

  /**
   * Writes the patch and says where; writes nothing when nothing changed.
   *
   * @param lock the assembled code base's lock (with its tree)
   * @param component {@code moodle} or one of the site's plugins
   * @param name what the patch does, for its file name; null for a plain name
   * @return the patch file written, if any
   */
  public java.util.Optional<Path> capture(Lock lock, String component, String name) throws CodebaseException, IOException {
    String folder;
    TreeFilter filter;
    if (component.equals("moodle")) {
      folder = "";
      filter = new Outside(lock.plugins().values().stream().map(Lock.Plugin::installPath).toList());
    } else {
      Lock.Plugin plugin = lock.plugins().get(component);
      if (plugin == null) {
        throw new CodebaseException(PatchMessages.captureNotInSite(component, lock.plugins().keySet()));
      }
      folder = plugin.installPath();
      filter = TreeFilter.ALL;
    }
    Path outputDir = workspace.settings().outputDir();
    Path dir = folder.isEmpty() ? outputDir : outputDir.resolve(folder);
    if (!Files.isDirectory(dir)) {
      throw new CodebaseException(PatchMessages.nothingToCapture(workspace.settings().projectDir().relativize(dir.toAbsolutePath())));
    }
    byte[] diff;
    List<String> binary = new ArrayList<>();
    int files;
    try (Repository repo = workspace.store().open();
        ObjectReader reader = repo.newObjectReader()) {
      ObjectId codebase = ObjectId.fromString(lock.tree());
      ObjectId tree = folder.isEmpty() ? codebase : new TreeFiles(reader).folder(codebase, folder).orElseThrow();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DiffFormatter formatter = new DiffFormatter(out)) {
        formatter.setRepository(repo);
        formatter.setPathFilter(filter);
        List<DiffEntry> entries = formatter.scan(new CanonicalTreeParser(null, reader, tree),
            new FileTreeIterator(dir.toFile(), FS.DETECTED, repo.getConfig().get(WorkingTreeOptions.KEY)));
        for (DiffEntry entry : entries) {
          int before = out.size();
          formatter.format(entry);
          formatter.flush();
          if (new String(out.toByteArray(), before, out.size() - before, java.nio.charset.StandardCharsets.UTF_8)
              .contains("\nBinary files ")) {
            binary.add(entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath());
          }
        }
        files = entries.size();
      }
      diff = out.toByteArray();
    }
    if (!binary.isEmpty()) {
      throw new CodebaseException(PatchMessages.binaryNotCaptured(component, binary));
    }
    String where = folder.isEmpty() ? "target/moodle" : "target/moodle/" + folder;
    if (files == 0) {
      workspace.log().info(PatchMessages.noChanges(component, where));
      return java.util.Optional.empty();
    }
    Path patches = workspace.settings().projectDir().resolve(PatchFiles.FOLDER).resolve(component);
    Path file = patches.resolve(String.format(Locale.ROOT, "%04d-%s.patch", next(patches), slug(name)));
    Files.createDirectories(patches);
    AtomicFile.write(file, diff);
    workspace.log().info(PatchMessages.captured(component, PatchFiles.FOLDER + "/" + component + "/" + file.getFileName(),
        files, where));
    return java.util.Optional.of(file);
  }

  /** The number after the highest of the folder's numbered patches. */
  private static int next(Path folder) throws IOException {
    int highest = 0;
    if (Files.isDirectory(folder)) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.toList()) {
          Matcher m = NUMBERED.matcher(f.getFileName().toString());
          if (m.matches()) {
            highest = Math.max(highest, Integer.parseInt(m.group(1)));
          }
        }
      }
    }
    return highest + 1;
  }

  /** A name fit for a file: lower-case letters, digits and dashes. */
  static String slug(String name) {
    String s = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "local-changes" : s;
  }

  /** Everything outside the plugins' folders, and not the code base's config.php. */
  private static final class Outside extends TreeFilter {
    private final List<String> folders;

    Outside(List<String> folders) {
      this.folders = folders;
    }

    @Override
    public boolean include(TreeWalk walker) {
      String path = walker.getPathString();
      if (path.equals("config.php")) {
        return false;
      }
      for (String f : folders) {
        if (path.equals(f) || path.startsWith(f + "/")) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean shouldBeRecursive() {
      return true;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }
}
