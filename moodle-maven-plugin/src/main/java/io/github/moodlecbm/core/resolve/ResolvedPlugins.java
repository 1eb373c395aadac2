package io.github.moodlecbm.core.resolve;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * may have moved it). The file keeps the entries of the last resolution alone; an unreadable file
 * is a resolution that reads every mirror, as without it.
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

  private static final TypeReference<TreeMap<String, Entry>> TYPE = new TypeReference<>() {};

  private final Path file;
  private final Map<String, Entry> before;
  private final TreeMap<String, Entry> now = new TreeMap<>();

  private ResolvedPlugins(Path file, Map<String, Entry> before) {
    this.file = file;
    this.before = before;
  }

  /** Nothing kept: every plugin is read from its mirror (and nothing is written). */
  static ResolvedPlugins none() {
    return new ResolvedPlugins(null, Map.of());
  }

  /** The entries {@code file} keeps, none when it is missing or unreadable. */
  static ResolvedPlugins at(Path file) {
    Map<String, Entry> entries = Map.of();
    if (Files.isRegularFile(file)) {
      try {
        TreeMap<String, Entry> read = Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), TYPE);
        entries = read == null ? Map.of() : read;
      } catch (IOException | RuntimeException unreadable) {
        entries = Map.of(); // resolved again from the mirrors, and written anew
      }
    }
    return new ResolvedPlugins(file, entries);
  }

  private static String key(String source, String commit, String path) {
    return source + " " + commit + " " + path;
  }

  /** What the last resolution read of this commit's folder, if it did. */
  Optional<Entry> find(String source, String commit, String path) {
    return Optional.ofNullable(before.get(key(source, commit, path)));
  }

  /** Keeps what this resolution read (or took from here) of a plugin. */
  void put(String source, String commit, String path, Entry entry) {
    now.put(key(source, commit, path), entry);
  }

  /** Writes this resolution's entries, when they differ from the last one's. */
  void write() throws IOException {
    if (file != null && !now.equals(before)) {
      AtomicFile.write(file, Json.render(now));
    }
  }
}
