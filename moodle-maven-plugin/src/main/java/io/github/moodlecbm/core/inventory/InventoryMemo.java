package io.github.moodlecbm.core.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the last inventory in this {@code target/} read of each plugin's files (name, version.php,
 * licence) and of Moodle's environment.xml, by the id of the plugin's folder in the code base and
 * of the file: the same id is the same files, so a release where one pin moved reads that plugin
 * alone. The file keeps the last inventory's entries alone; an unreadable file is an inventory
 * that reads everything, as without it.
 */
public final class InventoryMemo {
  /** What a plugin's own files say (the rest of its entry comes from the lock). */
  record PluginFiles(String name, String release, String version, String maturity, String requires,
      List<Integer> supported, Integer incompatible, SortedMap<String, String> dependencies, String licence) {}

  /** The entries, by key: a plugin's or the environment's. */
  record Entries(TreeMap<String, PluginFiles> plugins, TreeMap<String, Inventory.Environment> environments) {
    Entries {
      plugins = plugins == null ? new TreeMap<>() : plugins;
      environments = environments == null ? new TreeMap<>() : environments;
    }
  }

  private final Path file;
  private final Entries before;
  private final Entries now = new Entries(null, null);

  private InventoryMemo(Path file, Entries before) {
    this.file = file;
    this.before = before;
  }

  /** Nothing kept: every file is read (and nothing is written). */
  public static InventoryMemo none() {
    return new InventoryMemo(null, new Entries(null, null));
  }

  /** The entries {@code file} keeps, none when it is missing or unreadable. */
  public static InventoryMemo at(Path file) {
    Entries entries = new Entries(null, null);
    if (Files.isRegularFile(file)) {
      try {
        Entries read = Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), new TypeReference<Entries>() {});
        entries = read == null ? entries : read;
      } catch (IOException | RuntimeException unreadable) {
        // read again, and written anew
      }
    }
    return new InventoryMemo(file, entries);
  }

  Optional<PluginFiles> plugin(String key) {
    PluginFiles found = before.plugins().get(key);
    if (found != null) {
      now.plugins().put(key, found);
    }
    return Optional.ofNullable(found);
  }

  void plugin(String key, PluginFiles read) {
    now.plugins().put(key, read);
  }

  Optional<Inventory.Environment> environment(String key) {
    Inventory.Environment found = before.environments().get(key);
    if (found != null) {
      now.environments().put(key, found);
    }
    return Optional.ofNullable(found);
  }

  void environment(String key, Inventory.Environment read) {
    now.environments().put(key, read);
  }

  /** Writes this inventory's entries, when they differ from the last one's. */
  public void write() throws IOException {
    if (file != null && !now.equals(before)) {
      AtomicFile.write(file, Json.render(now));
    }
  }
}
