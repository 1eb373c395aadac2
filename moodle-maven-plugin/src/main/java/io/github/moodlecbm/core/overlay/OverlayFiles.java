package io.github.moodlecbm.core.overlay;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.layout.TreeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Reads {@code src/main/overlay/}: every file (executable bit kept) and symbolic link, as the git
 * tree they make. What may not reach a code base is refused, naming the file: a {@code config.php}
 * at the code base's root or under {@code public/} (environments carry it), a {@code .git} entry, a
 * link that leads out of the code base.
 */
public final class OverlayFiles {
  /** The folder of the overlay, from the site project's folder. */
  public static final String FOLDER = "src/main/overlay";

  private OverlayFiles() {}

  /** The project's overlay, or empty when it has none (no folder, or a folder without files). */
  public static Optional<Overlay> read(Path projectDir) throws CodebaseException, IOException {
    Path root = projectDir.resolve(FOLDER);
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    List<Overlay.Entry> entries = new ArrayList<>();
    walk(root, root, entries);
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    entries.sort(java.util.Comparator.comparing(Overlay.Entry::path));
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      return Optional.of(new Overlay(treeOf(entries, hasher::idFor).name(), entries));
    }
  }

  private static void walk(Path root, Path dir, List<Overlay.Entry> into) throws CodebaseException, IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String path = root.relativize(child).toString().replace('\\', '/');
      String name = child.getFileName().toString();
      if (name.equalsIgnoreCase(".git")) {
        throw new CodebaseException(OverlayMessages.gitEntry(FOLDER + "/" + path));
      }
      if (Files.isSymbolicLink(child)) {
        String target = Files.readSymbolicLink(child).toString().replace('\\', '/');
        if (TreeFiles.linkLeaves(path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "", target)) {
          throw new CodebaseException(OverlayMessages.linkLeaves(FOLDER + "/" + path, target));
        }
        into.add(new Overlay.Entry(path, false, target, child));
      } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        walk(root, child, into);
      } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.equals("config.php") || lower.equals("public/config.php")) {
          throw new CodebaseException(OverlayMessages.configPhp(FOLDER + "/" + path));
        }
        into.add(new Overlay.Entry(path, Files.isExecutable(child), null, child));
      }
    }
  }



  /** The id an object of a type and content has. */
  private interface Ids {
    ObjectId of(int type, byte[] data);
  }

  /** The id of the tree the overlay's files make, as git names it. */
  private static ObjectId treeOf(List<Overlay.Entry> entries, Ids ids) throws IOException {
    // path of a folder -> its entries (name -> mode, id), the root as ""
    TreeMap<String, TreeMap<String, Object[]>> folders = new TreeMap<>();
    folders.put("", new TreeMap<>());
    for (Overlay.Entry e : entries) {
      ObjectId blob = ids.of(Constants.OBJ_BLOB, bytes(e));
      String parent = e.path().contains("/") ? e.path().substring(0, e.path().lastIndexOf('/')) : "";
      for (String p = parent; !folders.containsKey(p); p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "") {
        folders.put(p, new TreeMap<>());
      }
      folders.get(parent).put(e.path().substring(parent.isEmpty() ? 0 : parent.length() + 1), new Object[] {mode(e), blob});
    }
    // Deepest folders first, each added to its parent once written.
    for (String folder : folders.descendingKeySet()) {
      TreeFormatter tree = new TreeFormatter();
      TreeMap<String, Object[]> children = folders.get(folder);
      // git sorts a folder's entries by name, a sub-folder as if its name ended with '/'
      List<String> names = new ArrayList<>(children.keySet());
      names.sort((a, b) -> sortKey(a, children.get(a)).compareTo(sortKey(b, children.get(b))));
      for (String name : names) {
        Object[] entry = children.get(name);
        tree.append(name, (FileMode) entry[0], (ObjectId) entry[1]);
      }
      ObjectId id = ids.of(Constants.OBJ_TREE, tree.toByteArray());
      if (folder.isEmpty()) {
        return id;
      }
      String parent = folder.contains("/") ? folder.substring(0, folder.lastIndexOf('/')) : "";
      folders.get(parent).put(folder.substring(parent.isEmpty() ? 0 : parent.length() + 1), new Object[] {FileMode.TREE, id});
    }
    throw new IllegalStateException("no root");
  }

  private static String sortKey(String name, Object[] entry) {
    return entry[0] == FileMode.TREE ? name + "/" : name;
  }

  public static FileMode mode(Overlay.Entry e) {
    return e.link() != null ? FileMode.SYMLINK : e.executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
  }

  public static byte[] bytes(Overlay.Entry e) throws IOException {
    return e.link() != null ? e.link().getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(e.file());
  }
}
