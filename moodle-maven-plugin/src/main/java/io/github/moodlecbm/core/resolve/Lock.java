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
@JsonPropertyOrder({"format", "tree", "moodle", "plugins", "overlay"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Lock(int format, String tree, Moodle moodle, SortedMap<String, Plugin> plugins, Overlay overlay) {
  public static final int FORMAT = 1;

  public Lock {
    plugins = plugins == null ? new TreeMap<>() : new TreeMap<>(plugins);
  }

  public Lock(int format, String tree, Moodle moodle, SortedMap<String, Plugin> plugins) {
    this(format, tree, moodle, plugins, null);
  }

  public Lock withTree(String treeId) {
    return new Lock(format, treeId, moodle, plugins, overlay);
  }

  /**
   * The files of the site project's {@code src/main/overlay/}, added to the code base last.
   *
   * @param tree the git tree they make by themselves
   * @param files how many there are
   * @param plugins the site's own plugins among them (a folder with a {@code version.php} at a
   *     plugin type's place, such as {@code local/mysite}), by component, with their install paths
   */
  @JsonPropertyOrder({"tree", "files", "plugins"})
  public record Overlay(String tree, int files,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) SortedMap<String, String> plugins) {
    public Overlay {
      plugins = plugins == null ? new TreeMap<>() : new TreeMap<>(plugins);
    }

    public Overlay(String tree, int files) {
      this(tree, files, null);
    }
  }

  /** The site's own plugins in its overlay, by component, with their install paths; none without an overlay. */
  public SortedMap<String, String> overlayPlugins() {
    return overlay == null ? new TreeMap<>() : overlay.plugins();
  }

  /** The lock as resolution gives it, before assembly: no code base tree, no patched trees. */
  public Lock unassembled() {
    TreeMap<String, Plugin> bare = new TreeMap<>();
    plugins.forEach((who, p) -> bare.put(who, p.patchedTree(null)));
    return new Lock(format, null, moodle == null ? null : moodle.patchedTree(null), bare, overlay);
  }

  /** Whether any component carries patches of the site's own. */
  public boolean patched() {
    return moodle != null && !moodle.patches().isEmpty() || plugins.values().stream().anyMatch(p -> !p.patches().isEmpty());
  }

  /**
   * What the lock records for Moodle core.
   *
   * @param patches the site's patches to Moodle, in the order they apply
   * @param patchedTree Moodle's tree once they applied, or null before assembly or without patches
   */
  @JsonPropertyOrder({"source", "pin", "commit", "release", "codeRoot", "patches", "patchedTree"})
  public record Moodle(String source, Pin pin, String commit, String release, String codeRoot,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Patch> patches,
      @JsonInclude(JsonInclude.Include.NON_NULL) String patchedTree) {
    public Moodle {
      patches = patches == null ? List.of() : List.copyOf(patches);
    }

    public Moodle(String source, Pin pin, String commit, String release, String codeRoot) {
      this(source, pin, commit, release, codeRoot, List.of(), null);
    }

    public Moodle patchedTree(String tree) {
      return new Moodle(source, pin, commit, release, codeRoot, patches, tree);
    }
  }

  /**
   * A patch of the site's own, as the build applied it.
   *
   * @param path the patch file, from the site project's folder
   * @param sha256 the digest of its bytes
   */
  @JsonPropertyOrder({"path", "sha256"})
  public record Patch(String path, String sha256) {}

  /**
   * What the lock records for one plugin.
   *
   * @param why for a pin by version.php (automatic, {@code <version>}, {@code <release>}): which
   *     branch or tag was taken and why, e.g. {@code MOODLE_405_STABLE: supported [405, 405]}
   */
  @JsonPropertyOrder({"source", "pin", "path", "commit", "why", "installPath", "submodules", "patches", "patchedTree"})
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Plugin(
      String source,
      Pin pin,
      String path,
      String commit,
      String why,
      String installPath,
      List<Submodule> submodules,
      List<Patch> patches,
      String patchedTree) {
    public Plugin {
      path = path == null ? "" : path;
      submodules = submodules == null ? List.of() : List.copyOf(submodules);
      patches = patches == null ? List.of() : List.copyOf(patches);
    }

    public Plugin(String source, Pin pin, String path, String commit, String why, String installPath,
        List<Submodule> submodules) {
      this(source, pin, path, commit, why, installPath, submodules, List.of(), null);
    }

    public Plugin(String source, Pin pin, String path, String commit, String installPath, List<Submodule> submodules) {
      this(source, pin, path, commit, null, installPath, submodules);
    }

    public Plugin patchedTree(String tree) {
      return new Plugin(source, pin, path, commit, why, installPath, submodules, patches, tree);
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
