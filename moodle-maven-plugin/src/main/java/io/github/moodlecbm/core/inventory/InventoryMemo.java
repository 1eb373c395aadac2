package io.github.moodlecbm.core.inventory;

import com.fasterxml.jackson.core.type.TypeReference;
import io.github.moodlecbm.core.io.Memo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the last inventory in this {@code target/} read of each plugin's files (name, version.php,
 * licence), by the id of the plugin's folder in the code base, and of Moodle's environment.xml, by
 * the file's id: the same id is the same files, so a release where one pin moved reads that plugin
 * alone. Kept in two {@link Memo}s.
 */
public final class InventoryMemo {
  /** What a plugin's own files say (the rest of its entry comes from the lock). */
  record PluginFiles(String name, String release, String version, String maturity, String requires,
      List<Integer> supported, Integer incompatible, SortedMap<String, String> dependencies, String licence) {}

  private final Memo<PluginFiles> plugins;
  private final Memo<Inventory.Environment> environments;

  private InventoryMemo(Memo<PluginFiles> plugins, Memo<Inventory.Environment> environments) {
    this.plugins = plugins;
    this.environments = environments;
  }

  /** Nothing kept: every file is read (and nothing is written). */
  public static InventoryMemo none() {
    return new InventoryMemo(Memo.none(), Memo.none());
  }

  /** The entries kept in {@code folder}, none when its files are missing or unreadable. */
  public static InventoryMemo in(Path folder) {
    return new InventoryMemo(
        Memo.at(folder.resolve("inventory-plugins.json"), new TypeReference<TreeMap<String, PluginFiles>>() {}),
        Memo.at(folder.resolve("inventory-environments.json"), new TypeReference<TreeMap<String, Inventory.Environment>>() {}));
  }

  Optional<PluginFiles> plugin(String key) {
    return plugins.find(key);
  }

  void plugin(String key, PluginFiles read) {
    plugins.put(key, read);
  }

  Optional<Inventory.Environment> environment(String key) {
    return environments.find(key);
  }

  void environment(String key, Inventory.Environment read) {
    environments.put(key, read);
  }

  /** Writes this inventory's entries, when they differ from the last one's. */
  public void write() throws IOException {
    plugins.write();
    environments.write();
  }
}
