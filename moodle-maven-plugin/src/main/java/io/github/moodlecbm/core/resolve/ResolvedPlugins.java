package io.github.moodlecbm.core.resolve;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.moodlecbm.core.io.Memo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last resolution in this {@code target/} read of each plugin's locked commit: the tree
 * of the plugin's folder, its {@code version.php} and {@code db/subplugins.json}, its submodules,
 * and the state of its mirror's tags and objects then. A commit's files never change, so a plugin
 * whose source, path and locked commit are the same again, in a mirror that lost no object since
 * (not cloned again, repacked or collected), is taken from here without opening the mirror: a
 * site where one pin moved reads that plugin's mirror alone. A tag pin is taken from
 * here only while its mirror's tags are as they were (a fetch for another site sharing the cache
 * may have moved it). Kept in a {@link Memo}.
 */
final class ResolvedPlugins {
  /**
   * @param tree the plugin's folder in its commit (its {@code <path>})
   * @param versionPhp its {@code version.php}, null when it has none
   * @param subplugins its {@code db/subplugins.json}, null when it has none
   * @param tags its mirror's tags when it was read ({@link io.github.moodlecbm.core.mirror.Mirror#tagsFingerprint})
   * @param objects its mirror's object store when it was read ({@link io.github.moodlecbm.core.mirror.Mirror#objectsFingerprint})
   */
  record Entry(String tree, String versionPhp, String subplugins, List<Lock.Submodule> submodules, String tags,
      String objects) {
    Entry {
      submodules = submodules == null ? List.of() : List.copyOf(submodules);
    }
  }

  private final Memo<Entry> memo;

  private ResolvedPlugins(Memo<Entry> memo) {
    this.memo = memo;
  }

  /** Nothing kept: every plugin is read from its mirror (and nothing is written). */
  static ResolvedPlugins none() {
    return new ResolvedPlugins(Memo.none());
  }

  /** The entries {@code file} keeps, none when it is missing or unreadable. */
  static ResolvedPlugins at(Path file) {
    return new ResolvedPlugins(Memo.at(file, new TypeReference<TreeMap<String, Entry>>() {}));
  }

  private static String key(String source, String commit, String path) {
    return source + " " + commit + " " + path;
  }

  /** What the last resolution read of this commit's folder, if it did. */
  Optional<Entry> find(String source, String commit, String path) {
    return memo.find(key(source, commit, path));
  }

  /** Keeps what this resolution read of a plugin. */
  void put(String source, String commit, String path, Entry entry) {
    memo.put(key(source, commit, path), entry);
  }

  /** Writes this resolution's entries, when they differ from the last one's. */
  void write() throws IOException {
    memo.write();
  }
}
