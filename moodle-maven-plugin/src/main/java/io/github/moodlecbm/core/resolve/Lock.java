package io.github.moodlecbm.core.resolve;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.moodlecbm.core.config.Pin;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The resolved code base: each source's pin and the commit it stands for, where each plugin is
 * installed and the id of the resulting tree. Committed with the pom, it makes a build
 * reproducible.
 *
 * @param tree the code base's git tree id, or null before assembly
 */
@JsonPropertyOrder({"format", "tree", "moodle", "plugins"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lock(int format, String tree, Moodle moodle, SortedMap<String, Plugin> plugins) {
  public static final int FORMAT = 1;

  public Lock {
    plugins = plugins == null ? new TreeMap<>() : new TreeMap<>(plugins);
  }

  public Lock withTree(String treeId) {
    return new Lock(format, treeId, moodle, plugins);
  }

  /** What the lock records for Moodle core. */
  @JsonPropertyOrder({"source", "pin", "commit", "release", "codeRoot"})
  public record Moodle(String source, Pin pin, String commit, String release, String codeRoot) {}

  /**
   * What the lock records for one plugin.
   *
   * @param why for a pin by version.php (automatic, {@code <version>}, {@code <release>}): which
   *     branch or tag was taken and why, e.g. {@code MOODLE_405_STABLE: supported [405, 405]}
   */
  @JsonPropertyOrder({"source", "pin", "path", "commit", "why", "installPath", "submodules"})
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Plugin(
      String source,
      Pin pin,
      String path,
      String commit,
      String why,
      String installPath,
      List<Submodule> submodules) {
    public Plugin {
      path = path == null ? "" : path;
      submodules = submodules == null ? List.of() : List.copyOf(submodules);
    }

    public Plugin(String source, Pin pin, String path, String commit, String installPath, List<Submodule> submodules) {
      this(source, pin, path, commit, null, installPath, submodules);
    }
  }

  /**
   * A submodule of a plugin's repository, flattened into the code base.
   *
   * @param path the submodule's folder from the plugin repository's root
   */
  @JsonPropertyOrder({"path", "source", "commit"})
  public record Submodule(String path, String source, String commit) {}

  static Lock empty() {
    return new Lock(FORMAT, null, null, new TreeMap<>());
  }
}
