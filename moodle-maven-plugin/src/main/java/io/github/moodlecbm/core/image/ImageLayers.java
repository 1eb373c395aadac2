package io.github.moodlecbm.core.image;

import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * How a release's files are split into image layers, read from its git tree: Moodle's own files in
 * the first layer, then each plugin's folder in a layer of its own (a subplugin's folder is its own
 * layer, not its parent's), in the order of their components, then the site's overlay files (its
 * own plugins among them) last.
 * A plugin update changes its layer alone; the layers before it stay the same blobs.
 */
public final class ImageLayers {
  /** A file of the code base: its path in the tree and whether it is executable; {@code link} for a symbolic link. */
  public record File(String path, boolean executable, boolean link) {}

  /** One layer: its name ({@code moodle}, a component, {@code overlay}) and its files. */
  public record Layer(String name, List<File> files) {}

  private ImageLayers() {}

  /**
   * The layers of a release: {@code tree} is its code base, {@code lock} says where each plugin
   * is and which files the overlay added.
   */
  public static List<Layer> of(Lock lock, AnyObjectId tree, ObjectReader reader) throws IOException {
    // the deepest plugin folder a path is under names its layer: longest install paths first
    List<Map.Entry<String, String>> folders = new ArrayList<>();
    lock.plugins().forEach((c, p) -> folders.add(Map.entry(p.installPath() + "/", c)));
    folders.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    Set<String> overlay = lock.overlay() == null ? Set.of() : files(lock.overlay().tree(), reader);
    Map<String, List<File>> byLayer = new TreeMap<>();
    List<File> moodle = new ArrayList<>();
    List<File> overlayFiles = new ArrayList<>();
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(tree);
      walk.setRecursive(true);
      while (walk.next()) {
        String path = walk.getPathString();
        FileMode mode = walk.getFileMode(0);
        File file = new File(path, mode == FileMode.EXECUTABLE_FILE, mode == FileMode.SYMLINK);
        if (overlay.contains(path)) {
          overlayFiles.add(file);
          continue;
        }
        String owner = null;
        for (Map.Entry<String, String> f : folders) {
          if (path.startsWith(f.getKey())) {
            owner = f.getValue();
            break;
          }
        }
        (owner == null ? moodle : byLayer.computeIfAbsent(owner, c -> new ArrayList<>())).add(file);
      }
    }
    List<Layer> layers = new ArrayList<>();
    layers.add(new Layer("moodle", moodle));
    byLayer.forEach((c, files) -> layers.add(new Layer(c, files)));
    if (!overlayFiles.isEmpty()) {
      layers.add(new Layer("overlay", overlayFiles));
    }
    return layers;
  }

  /** The paths of the files of a tree (the overlay's). */
  private static Set<String> files(String treeId, ObjectReader reader) throws IOException {
    Set<String> paths = new HashSet<>();
    if (treeId == null) {
      return paths;
    }
    try (TreeWalk walk = new TreeWalk(reader)) {
      walk.addTree(org.eclipse.jgit.lib.ObjectId.fromString(treeId));
      walk.setRecursive(true);
      while (walk.next()) {
        paths.add(walk.getPathString());
      }
    }
    return paths;
  }

  /** The layers' sizes by name, for the log. */
  static Map<String, Integer> counts(List<Layer> layers) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    layers.forEach(l -> counts.put(l.name(), l.files().size()));
    return counts;
  }

  /** Where a file of the code base is on disk, once written to {@code folder}. */
  static Path source(Path folder, File file) {
    return folder.resolve(file.path());
  }
}
