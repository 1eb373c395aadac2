package io.github.moodlecbm.core.inventory;

import io.github.moodlecbm.core.config.SourceUrls;
import io.github.moodlecbm.core.layout.CoreRelease;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.PluginMetadata;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Builds the {@link Inventory} of a code base from its lock (where each part comes from, its pin
 * and why) and its assembled git tree (what each part's files say, read as text: Moodle's
 * version.php and environment.xml, each plugin's version.php, English language file, licence file
 * and PHP headers). Nothing is run.
 */
final class InventoryReader {
  /** The pin of a plugin of the site's own, kept in the site project's overlay. */
  static final String OVERLAY_PIN = "overlay";

  /** The names of the maturity constants, by the level PHP gives them. */
  private static final Map<Integer, String> MATURITIES = Map.of(
      50, "MATURITY_ALPHA", 100, "MATURITY_BETA", 150, "MATURITY_RC", 200, "MATURITY_STABLE");

  private final TreeFiles files;
  private final AnyObjectId tree;
  private final InventoryMemo memo;

  InventoryReader(TreeFiles files, AnyObjectId tree, InventoryMemo memo) {
    this.files = files;
    this.tree = tree;
    this.memo = memo;
  }

  Inventory read(Lock lock) throws IOException {
    Lock.Moodle m = lock.moodle();
    String codeRoot = m == null || m.codeRoot() == null ? "" : m.codeRoot();
    String prefix = codeRoot.isEmpty() ? "" : codeRoot + "/";
    Optional<CoreRelease> release = files.text(tree, prefix + "version.php").flatMap(CoreRelease::parse);
    Inventory.Core core = new Inventory.Core(
        m == null ? null : redact(m.source()),
        m == null ? null : m.commit(),
        m == null || m.pin() == null ? null : m.pin().describe(),
        release.map(CoreRelease::release).orElse(m == null ? null : m.release()),
        release.map(CoreRelease::version).orElse(null),
        release.map(CoreRelease::branch).orElse(null),
        codeRoot,
        Licences.ofMoodle(files, tree, codeRoot).orElse(null),
        m == null ? List.of() : m.patches().stream().map(Lock.Patch::path).toList());

    List<Inventory.Plugin> plugins = new ArrayList<>();
    for (Map.Entry<String, Lock.Plugin> e : lock.plugins().entrySet()) {
      Lock.Plugin p = e.getValue();
      plugins.add(plugin(e.getKey(), p.installPath(), redact(p.source()), p.commit(), p.path(),
          p.pin() == null ? null : p.pin().describe(), p.why(), p.patches().stream().map(Lock.Patch::path).toList(), false));
    }
    for (Map.Entry<String, String> e : lock.overlayPlugins().entrySet()) {
      plugins.add(plugin(e.getKey(), e.getValue(), null, null, "", OVERLAY_PIN, null, List.of(), true));
    }
    plugins.sort(Comparator.comparing(Inventory.Plugin::installPath).thenComparing(Inventory.Plugin::component));

    Inventory.Environment environment = core.branch() == null ? EnvironmentXml.none()
        : EnvironmentXml.read(files, tree, codeRoot, core.branch(), memo);
    return new Inventory(core, plugins, environment);
  }

  private Inventory.Plugin plugin(String component, String installPath, String source, String commit, String path, String pin,
      String why, List<String> patches, boolean overlay) throws IOException {
    // Its folder's id names every file read: the same folder, the same answers.
    Optional<ObjectId> folder = files.folder(tree, installPath);
    String key = folder.map(id -> component + " " + installPath + " " + id.name()).orElse(null);
    Optional<InventoryMemo.PluginFiles> known = key == null ? Optional.empty() : memo.plugin(key);
    InventoryMemo.PluginFiles read = known.isPresent() ? known.get() : pluginFiles(component, installPath);
    if (key != null && known.isEmpty()) {
      memo.plugin(key, read);
    }
    return new Inventory.Plugin(
        component,
        type(component),
        installPath,
        read.name(),
        read.release(),
        read.version(),
        read.maturity(),
        read.requires(),
        read.supported(),
        read.incompatible(),
        read.dependencies(),
        read.licence(),
        source,
        commit,
        path,
        pin,
        why,
        patches,
        overlay);
  }

  /** What a plugin's own files say: its name, its version.php, its licence. */
  private InventoryMemo.PluginFiles pluginFiles(String component, String installPath) throws IOException {
    Optional<PluginMetadata> meta = files.text(tree, installPath + "/version.php").flatMap(PluginMetadata::read);
    TreeMap<String, String> dependencies = new TreeMap<>();
    meta.ifPresent(v -> v.dependencies().forEach((who, min) -> dependencies.put(who, min == null ? "ANY_VERSION" : min.toPlainString())));
    return new InventoryMemo.PluginFiles(
        LanguageStrings.pluginName(files, tree, installPath, component).orElse(null),
        meta.map(PluginMetadata::release).orElse(null),
        meta.map(PluginMetadata::version).map(BigDecimal::toPlainString).orElse(null),
        meta.map(PluginMetadata::maturity).map(InventoryReader::maturity).orElse(null),
        meta.map(PluginMetadata::requires).map(BigDecimal::toPlainString).orElse(null),
        meta.map(PluginMetadata::supported).orElse(null),
        meta.map(PluginMetadata::incompatible).orElse(null),
        dependencies,
        Licences.of(files, tree, installPath, component).orElse(null));
  }

  /** The plugin type of a component: its part before the first underscore ({@code mod} of {@code mod_attendance}). */
  static String type(String component) {
    int underscore = component.indexOf('_');
    return underscore < 0 ? component : component.substring(0, underscore);
  }

  /** The name of the maturity constant of a level ({@code MATURITY_STABLE} for 200); another number as it is. */
  static String maturity(Integer level) {
    return MATURITIES.getOrDefault(level, String.valueOf(level));
  }

  private static String redact(String url) {
    return url == null ? null : SourceUrls.redact(url);
  }
}
