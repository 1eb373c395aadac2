package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.BuildStamp;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The plugin trees the last assembly in this {@code target/} grafted, as the code base holds them
 * (submodules flattened in, only the plugin's {@code <path>}), each one checked by {@link
 * PluginTreeCheck} without a warning. A plugin at the same commit, path and submodules, from
 * mirrors that lost no object since, is grafted from here without being read and checked again: a
 * site where one pin moved reads that plugin alone. A patched plugin, or one whose check warned, is
 * always read again (its warning is said by every build that grafts it).
 */
final class CheckedTrees {
  /** A checked tree, and whether it is one of the build's store (flattened) rather than of a mirror. */
  record Tree(ObjectId tree, boolean inStore) {}

  private final Path file;
  private final Map<String, String> before;
  private final TreeMap<String, String> now = new TreeMap<>();

  private CheckedTrees(Path file, Map<String, String> before) {
    this.file = file;
    this.before = before;
  }

  /** Nothing kept: every plugin is read and checked (and nothing is written). */
  static CheckedTrees none() {
    return new CheckedTrees(null, Map.of());
  }

  /** The trees {@code file} keeps, none when it is missing or unreadable. */
  static CheckedTrees at(Path file) {
    Map<String, String> entries = new TreeMap<>();
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String[] parts = line.split(" ", 2);
          if (parts.length != 2 || !ObjectId.isId(parts[1].substring(0, Math.min(40, parts[1].length())))) {
            entries.clear();
            break;
          }
          entries.put(parts[0], parts[1]);
        }
      } catch (IOException unreadable) {
        entries.clear(); // every plugin read and checked again, and the file written anew
      }
    }
    return new CheckedTrees(file, entries);
  }

  /** What names a plugin's tree as the code base holds it, with the state of the mirrors it is read from. */
  static String key(Lock.Plugin plugin, MirrorCache mirrors) throws IOException {
    List<String> parts = new ArrayList<>(List.of(plugin.source(), plugin.commit(), plugin.path(),
        mirrors.mirror(plugin.source()).objectsFingerprint()));
    for (Lock.Submodule s : plugin.submodules()) {
      parts.addAll(List.of(s.path(), s.source(), s.commit(), mirrors.mirror(s.source()).objectsFingerprint()));
    }
    return BuildStamp.key(parts.toArray(String[]::new));
  }

  /** The checked tree recorded under {@code key}, if the last assembly grafted it. */
  Optional<Tree> find(String key) {
    return Optional.ofNullable(before.get(key))
        .map(v -> new Tree(ObjectId.fromString(v.substring(0, 40)), v.endsWith(STORE)));
  }

  /** Keeps a tree this assembly grafted, checked without a warning. */
  void put(String key, ObjectId tree, boolean inStore) {
    now.put(key, tree.name() + (inStore ? STORE : ""));
  }

  private static final String STORE = " store";

  /** Writes this assembly's trees, when they differ from the last one's. */
  void write() throws IOException {
    if (file == null || now.equals(before)) {
      return;
    }
    StringBuilder out = new StringBuilder();
    now.forEach((key, tree) -> out.append(key).append(' ').append(tree).append('\n'));
    AtomicFile.write(file, out.toString());
  }
}
