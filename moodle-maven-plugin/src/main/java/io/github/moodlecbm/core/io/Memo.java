package io.github.moodlecbm.core.io;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.moodlecbm.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a stage read last time, kept under {@code target/} by a key that names what it was read
 * from (a commit, a tree's id, a blob's id): the same key, the same answer, so the next build takes
 * it instead of reading again. The file keeps the entries this build found or put alone, written
 * when they differ from the last build's; a missing or unreadable file is a build that reads
 * everything again, as without it.
 *
 * @param <V> what is kept for a key (a record Jackson reads and writes)
 */
public final class Memo<V> {
  private final Path file;
  private final Map<String, V> before;
  private final TreeMap<String, V> now = new TreeMap<>();

  private Memo(Path file, Map<String, V> before) {
    this.file = file;
    this.before = before;
  }

  /** Nothing kept: every answer is read again (and nothing is written). */
  public static <V> Memo<V> none() {
    return new Memo<>(null, Map.of());
  }

  /** The entries {@code file} keeps, none when it is missing or unreadable. */
  public static <V> Memo<V> at(Path file, TypeReference<TreeMap<String, V>> type) {
    Map<String, V> entries = Map.of();
    if (Files.isRegularFile(file)) {
      try {
        TreeMap<String, V> read = Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), type);
        entries = read == null ? Map.of() : read;
      } catch (IOException | RuntimeException unreadable) {
        entries = Map.of(); // read again, and written anew
      }
    }
    return new Memo<>(file, entries);
  }

  /** What the last build kept for {@code key}, kept again by this one. */
  public Optional<V> find(String key) {
    V found = before.get(key);
    if (found != null) {
      now.put(key, found);
    }
    return Optional.ofNullable(found);
  }

  /** Keeps what this build read for {@code key}. */
  public void put(String key, V value) {
    now.put(key, value);
  }

  /** Writes this build's entries, when they differ from the last build's. */
  public void write() throws IOException {
    if (file != null && !now.equals(before)) {
      AtomicFile.write(file, Json.render(now));
    }
  }
}
