package io.github.moodlecbm.core.assembly;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.moodlecbm.core.BuildStamp;
import io.github.moodlecbm.core.io.Memo;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
  record Tree(String tree, boolean inStore) {}

  private final Memo<Tree> memo;

  private CheckedTrees(Memo<Tree> memo) {
    this.memo = memo;
  }

  /** Nothing kept: every plugin is read and checked (and nothing is written). */
  static CheckedTrees none() {
    return new CheckedTrees(Memo.none());
  }

  /** The trees {@code file} keeps, none when it is missing or unreadable. */
  static CheckedTrees at(Path file) {
    return new CheckedTrees(Memo.at(file, new TypeReference<TreeMap<String, Tree>>() {}));
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
    return memo.find(key);
  }

  /** Keeps a tree this assembly grafted, checked without a warning. */
  void put(String key, ObjectId tree, boolean inStore) {
    memo.put(key, new Tree(tree.name(), inStore));
  }

  /** Writes this assembly's trees, when they differ from the last one's. */
  void write() throws IOException {
    memo.write();
  }
}
