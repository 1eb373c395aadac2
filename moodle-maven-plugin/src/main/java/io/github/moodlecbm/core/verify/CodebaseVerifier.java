package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.Component;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.layout.InstallPathLayout;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * Proves the assembled code base consistent from its own files, as Moodle's upgrade would find
 * it on the server, but at build time: every plugin's {@code version.php} read as text and
 * checked against core and against the other plugins.
 */
public final class CodebaseVerifier {
  /** How strict to be. {@code php} is the PHP version of the target servers, or null. */
  public record Options(boolean allowUnstable, String php) {}

  /** One line of the summary table. */
  public record Row(String component, String type, String installPath, String release, String version,
      String pin, String commit, String maturity, String status) {}

  /** Everything the checks found. */
  public record Verification(List<Finding> findings, List<Row> rows) {
    public List<Finding> errors() {
      return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    }

    public List<Finding> warnings() {
      return findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).toList();
    }
  }

  private final TreeFiles files;

  public CodebaseVerifier(TreeFiles files) {
    this.files = files;
  }

  public Verification verify(AnyObjectId codebase, Lock lock, Options options) throws CodebaseException, IOException {
    List<Finding> findings = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    String root = lock.moodle().codeRoot().isEmpty() ? "" : lock.moodle().codeRoot() + "/";

    // 8. Core version.php, and the Moodle the pom asked for.
    BigDecimal coreVersion = null;
    int coreBranch = -1;
    String coreRelease = lock.moodle().release();
    try {
      VersionFile core = VersionFile.parse(files.text(codebase, root + "version.php").orElseThrow(
          () -> new VersionFile.UnreadableException(0, "it is missing")));
      coreVersion = core.get("version") instanceof BigDecimal v ? v : null;
      coreBranch = core.get("branch") instanceof String b && b.matches("\\d+") ? Integer.parseInt(b) : -1;
      coreRelease = core.get("release") instanceof String r ? r : coreRelease;
      if (coreVersion == null || coreBranch < 0) {
        findings.add(Finding.error("moodle", "core", "Moodle's " + root + "version.php declares no $version or $branch."
            + " Pin another Moodle commit."));
      } else {
        if (lock.moodle().pin() instanceof Pin.Release asked
            && Integer.parseInt(asked.version().branchNumber()) != coreBranch) {
          findings.add(Finding.error("moodle", "core", "the pom asks for Moodle " + asked.version() + " but the"
              + " code base is Moodle " + coreRelease + " (branch " + coreBranch + "). Fix <moodle> in pom.xml."));
        }
        findings.add(Finding.passed("moodle", "core"));
      }
    } catch (VersionFile.UnreadableException e) {
      findings.add(Finding.error("moodle", "core", "Moodle's " + root + "version.php cannot be read (" + e.getMessage()
          + "). Pin another Moodle commit."));
    }
    rows.add(new Row("moodle", "core", root.isEmpty() ? "." : root, coreRelease,
        coreVersion == null ? "" : coreVersion.toPlainString(), lock.moodle().pin().label(), abbrev(lock.moodle().commit()), "", ""));

    // 9. The PHP version of the servers, when the pom declares it.
    if (options.php() != null && coreBranch > 0) {
      findings.add(new PhpRequirement(files).check(codebase, root, coreBranch, options.php()));
    }

    // Layout of the assembled tree: core types, then subplugin types of the site's plugins, parents first.
    InstallPathLayout layout = InstallPathLayout.of(files, codebase, "moodle");
    List<Map.Entry<String, Lock.Plugin>> plugins = new ArrayList<>(lock.plugins().entrySet());
    plugins.sort(Comparator.comparing(e -> e.getValue().installPath()));

    // 1. Every plugin's version.php, read once.
    Map<String, PluginMetadata> site = new LinkedHashMap<>();
    for (Map.Entry<String, Lock.Plugin> e : plugins) {
      String who = e.getKey();
      Lock.Plugin p = e.getValue();
      Optional<String> text = files.text(codebase, p.installPath() + "/version.php");
      if (text.isEmpty()) {
        findings.add(Finding.error(who, "version.php", who + " (" + p.pin().label() + " @ " + abbrev(p.commit()) + "): no version.php at "
            + p.installPath() + ". Fix <path> or <source> for this plugin in pom.xml."));
        continue;
      }
      try {
        PluginMetadata meta = PluginMetadata.of(VersionFile.parse(text.get()));
        site.put(who, meta);
        Component c = Component.parse(who);
        Optional<String> subplugins = files.text(codebase, p.installPath() + "/db/subplugins.json");
        if (subplugins.isPresent() && layout.knows(c.type())) {
          layout.addSubpluginTypes(subplugins.get(), layout.pluginDir(c), who);
        }
      } catch (VersionFile.UnreadableException ex) {
        findings.add(Finding.error(who, "version.php", who + " (" + p.pin().label() + " @ " + abbrev(p.commit()) + "): "
            + p.installPath() + "/version.php cannot be read: " + ex.getMessage() + ". Only plain values are read;"
            + " pin another version of the plugin."));
      }
    }

    Map<String, PluginMetadata> coreCache = new HashMap<>();
    for (Map.Entry<String, Lock.Plugin> e : plugins) {
      String who = e.getKey();
      Lock.Plugin p = e.getValue();
      PluginMetadata meta = site.get(who);
      String at = who + " (" + p.pin().label() + " @ " + abbrev(p.commit()) + ")";
      String status = "ok";
      if (meta != null) {
        List<Finding> mine = new ArrayList<>();
        // 1. component and version
        if (meta.component() != null && !meta.component().equals(who)) {
          mine.add(Finding.error(who, "component", at + ": version.php declares component " + meta.component()
              + ", not " + who + ". Fix <component> in pom.xml."));
        } else {
          mine.add(Finding.passed(who, "component"));
        }
        if (meta.version() == null) {
          mine.add(Finding.error(who, "version", at + ": version.php declares no $plugin->version. Pin another version of the plugin."));
        }
        // 2. requires
        if (meta.requires() != null && coreVersion != null) {
          if (meta.requires().compareTo(coreVersion) > 0) {
            mine.add(Finding.error(who, "requires", at + ": requires Moodle " + meta.requires().toPlainString() + " or later, but the"
                + " site has Moodle " + coreRelease + " (" + coreVersion.toPlainString() + "). Pin an older version of " + who
                + ", or a newer Moodle."));
          } else {
            mine.add(Finding.passed(who, "requires"));
          }
        }
        // 3. supported and incompatible
        if (coreBranch > 0) {
          if (meta.supported() != null && (coreBranch < meta.supported().get(0) || coreBranch > meta.supported().get(1))) {
            mine.add(Finding.error(who, "supported", at + ": supports Moodle branches " + meta.supported().get(0) + " to "
                + meta.supported().get(1) + ", not " + coreBranch + " (Moodle " + coreRelease + "). Pin the version of " + who
                + " made for branch " + coreBranch + " (often a MOODLE_" + coreBranch + "_STABLE branch)."));
          } else if (meta.incompatible() != null && coreBranch >= meta.incompatible()) {
            mine.add(Finding.error(who, "supported", at + ": is incompatible with Moodle branch " + meta.incompatible()
                + " and later; the site is on " + coreBranch + ". Pin a newer version of " + who + "."));
          } else {
            mine.add(Finding.passed(who, "supported"));
          }
        }
        // 4. dependencies
        for (Map.Entry<String, BigDecimal> dep : meta.dependencies().entrySet()) {
          mine.add(dependency(codebase, layout, lock, site, coreCache, who, at, dep.getKey(), dep.getValue()));
        }
        // 7. maturity
        if (meta.maturity() != null && meta.maturity() < 200) {
          String text = at + ": is " + PluginMetadata.maturityName(meta.maturity()) + " (" + (meta.release() == null ? "" : meta.release() + ", ")
              + "below MATURITY_STABLE). Pin a stable release, or build with -Dmoodle.allowUnstable=true to accept it.";
          mine.add(options.allowUnstable() ? Finding.warning(who, "maturity", text) : Finding.error(who, "maturity", text));
        } else {
          mine.add(Finding.passed(who, "maturity"));
        }
        findings.addAll(mine);
        status = mine.stream().anyMatch(f -> f.severity() == Finding.Severity.ERROR) ? "FAILED"
            : mine.stream().anyMatch(f -> f.severity() == Finding.Severity.WARNING) ? "warning" : "ok";
      } else {
        status = "FAILED";
      }
      String type = who.substring(0, who.indexOf('_'));
      rows.add(new Row(who, type, p.installPath(), meta == null || meta.release() == null ? "" : meta.release(),
          meta == null || meta.version() == null ? "" : meta.version().toPlainString(), p.pin().label(), abbrev(p.commit()),
          meta == null ? "" : PluginMetadata.maturityName(meta.maturity()), status));
    }
    return new Verification(findings, rows);
  }

  /** 4. One declared dependency, satisfied by a site plugin or a core plugin. */
  private Finding dependency(AnyObjectId codebase, InstallPathLayout layout, Lock lock, Map<String, PluginMetadata> site,
      Map<String, PluginMetadata> coreCache, String who, String at, String needed, BigDecimal min) throws IOException, CodebaseException {
    String wanted = min == null ? "any version" : ">= " + min.toPlainString();
    PluginMetadata found = site.get(needed);
    String foundWhere = found == null ? null : "the site has " + needed + " " + version(found);
    if (found == null) {
      Component c;
      try {
        c = Component.parse(needed);
      } catch (CodebaseException e) {
        return Finding.error(who, "dependencies", at + ": requires '" + needed + "', which is not a component name."
            + " Pin another version of " + who + ".");
      }
      if (!layout.knows(c.type())) {
        return Finding.error(who, "dependencies", at + ": requires " + needed + " (" + wanted + "), but plugin type '"
            + c.type() + "' is not known to this Moodle. Add the plugin that declares it to <plugins>, or pin another version of "
            + who + ".");
      }
      found = coreCache.get(needed);
      if (found == null) {
        Optional<String> text = files.text(codebase, layout.installPath(c) + "/version.php");
        if (text.isPresent()) {
          try {
            found = PluginMetadata.of(VersionFile.parse(text.get()));
            coreCache.put(needed, found);
          } catch (VersionFile.UnreadableException e) {
            return Finding.error(who, "dependencies", at + ": requires " + needed + ", whose version.php cannot be read ("
                + e.getMessage() + ").");
          }
        }
      }
      if (found == null) {
        boolean declared = lock.plugins().containsKey(needed);
        return Finding.error(who, "dependencies", at + ": requires " + needed + " (" + wanted + "), which "
            + (declared ? "is declared but could not be read" : "the site does not have: it is neither in Moodle nor in <plugins>")
            + ". Add " + needed + " to <plugins> in pom.xml, or pin a version of " + who + " that does not need it.");
      }
      foundWhere = "Moodle has " + needed + " " + version(found);
    }
    if (min != null && (found.version() == null || found.version().compareTo(min) < 0)) {
      boolean sitePlugin = site.containsKey(needed);
      return Finding.error(who, "dependencies", at + ": requires " + needed + " " + wanted + ", but " + foundWhere + ". "
          + (sitePlugin ? "Pin " + needed + " to a newer tag, or pin " + who + " to an older one."
              : "Pin a newer Moodle, or pin " + who + " to an older version."));
    }
    return Finding.passed(who, "dependencies " + needed);
  }

  private static String version(PluginMetadata m) {
    String v = m.version() == null ? "(no version)" : m.version().toPlainString();
    return m.release() == null ? v : v + " (" + m.release() + ")";
  }

  static String abbrev(String commit) {
    return commit == null ? "" : commit.substring(0, Math.min(7, commit.length()));
  }
}
