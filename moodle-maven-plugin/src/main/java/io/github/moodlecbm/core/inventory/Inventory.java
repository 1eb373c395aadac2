package io.github.moodlecbm.core.inventory;

import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * What a code base holds, as its files say it, read as text from its git tree (never run): Moodle
 * and each plugin, with what documents them (name, versions, maturity, what they need, licence,
 * where they come from and why that version), and the servers Moodle asks for. The site report
 * and the SBOM are written from it.
 *
 * @param moodle Moodle core
 * @param plugins every plugin of the site (from the pom and the site's overlay), by install path
 * @param environment what Moodle's {@code admin/environment.xml} requires of the servers
 */
public record Inventory(Core moodle, List<Plugin> plugins, Environment environment) {
  public Inventory {
    plugins = List.copyOf(plugins);
  }

  /**
   * The inventory of a code base, from its lock and its assembled tree: Moodle's version.php,
   * licence and environment.xml; for each plugin of the lock and each plugin of the site's own
   * (overlay), its version.php, English name, licence, and what the lock says of its source, pin
   * and patches. A plugin whose version.php cannot be read is still listed, its versions unknown
   * (null). Plugins are in the order of their install paths.
   *
   * @param tree the code base's tree, as assembly made it (patches and overlay applied)
   * @param files reads the tree's files
   */
  public static Inventory read(Lock lock, AnyObjectId tree, TreeFiles files) throws IOException {
    return read(lock, tree, files, InventoryMemo.none());
  }

  /** As {@link #read(Lock, AnyObjectId, TreeFiles)}, taking what {@code memo} kept of the same files and keeping what it reads. */
  public static Inventory read(Lock lock, AnyObjectId tree, TreeFiles files, InventoryMemo memo) throws IOException {
    return new InventoryReader(files, tree, memo).read(lock);
  }

  /**
   * Moodle core.
   *
   * @param source its git URL, as the site declares it
   * @param commit the locked commit
   * @param pin the pin as the lock records it, e.g. {@code version 4.5}
   * @param release {@code $release}, e.g. {@code 4.5.2 (Build: 20241007)}
   * @param version {@code $version}, e.g. {@code 2024100702.00}
   * @param branch {@code $branch}, e.g. {@code 405}
   * @param codeRoot {@code ""}, or {@code public} from Moodle 5.1
   * @param licence an SPDX licence id, or null when the code base does not state one
   * @param patches the site's own patches to Moodle, by path
   */
  public record Core(String source, String commit, String pin, String release, String version, String branch,
      String codeRoot, String licence, List<String> patches) {
    public Core {
      patches = patches == null ? List.of() : List.copyOf(patches);
    }
  }

  /**
   * One plugin.
   *
   * @param component frankenstyle, e.g. {@code mod_attendance}
   * @param type the plugin type, e.g. {@code mod}
   * @param installPath from the code base's root, e.g. {@code mod/attendance} (5.1: {@code public/mod/attendance})
   * @param name the plugin's own {@code $string['pluginname']} in English, or null when not stated
   * @param release {@code $plugin->release}, or null
   * @param version {@code $plugin->version}, e.g. {@code 2024100701}, or null
   * @param maturity {@code MATURITY_STABLE} and the like, or null
   * @param requires {@code $plugin->requires}, or null
   * @param supported {@code $plugin->supported}, e.g. {@code [405, 405]}, or empty
   * @param incompatible {@code $plugin->incompatible}, or null
   * @param dependencies {@code $plugin->dependencies}: component to its minimum version, or {@code ANY_VERSION}
   * @param licence an SPDX licence id, or null when the plugin does not state one
   * @param source its git URL, or null for a plugin of the site's own (overlay)
   * @param commit the locked commit, or null for a plugin of the site's own
   * @param path the folder in its repository ({@code ""} for the root)
   * @param pin the pin as the lock records it, e.g. {@code tag v19.2}; {@code overlay} for the site's own
   * @param why why that version, for pins resolved from version.php; else null
   * @param patches the site's own patches to it, by path
   * @param overlay whether it is a plugin of the site's own ({@code src/main/overlay})
   */
  public record Plugin(String component, String type, String installPath, String name, String release, String version,
      String maturity, String requires, List<Integer> supported, Integer incompatible, SortedMap<String, String> dependencies,
      String licence, String source, String commit, String path, String pin, String why, List<String> patches,
      boolean overlay) {
    public Plugin {
      supported = supported == null ? List.of() : List.copyOf(supported);
      dependencies = dependencies == null ? new TreeMap<>() : new TreeMap<>(dependencies);
      patches = patches == null ? List.of() : List.copyOf(patches);
      path = path == null ? "" : path;
    }
  }

  /**
   * What Moodle's {@code admin/environment.xml} requires for its own version (level required).
   *
   * @param php the lowest PHP version, or null when the file does not say
   * @param databases each database vendor ({@code postgres}, {@code mysql}, {@code mariadb},
   *     {@code mssql}, {@code oracle}, {@code auroramysql}) to its lowest version
   * @param phpExtensions the PHP extensions it requires
   */
  public record Environment(String php, SortedMap<String, String> databases, List<String> phpExtensions) {
    public Environment {
      databases = databases == null ? new TreeMap<>() : new TreeMap<>(databases);
      phpExtensions = phpExtensions == null ? List.of() : List.copyOf(phpExtensions);
    }
  }
}
