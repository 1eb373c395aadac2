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

  /** The pin column of a plugin of the site's own overlay. */
  static final String OVERLAY = "overlay";

  /** A plugin as the checks see it: where it is, and its pin and commit for the messages (none for the overlay's). */
  private record Checked(String installPath, String pin, String commit) {}

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
        findings.add(Finding.error("moodle", "core", VerifyMessages.coreWithoutVersion(root)));
      } else {
        if (lock.moodle().pin() instanceof Pin.Release asked
            && Integer.parseInt(asked.version().branchNumber()) != coreBranch) {
          findings.add(Finding.error("moodle", "core",
              VerifyMessages.coreIsAnotherMoodle(asked.version(), coreRelease, coreBranch)));
        }
        findings.add(Finding.passed("moodle", "core"));
      }
    } catch (VersionFile.UnreadableException e) {
      findings.add(Finding.error("moodle", "core", VerifyMessages.coreUnreadable(root, e.getMessage())));
    }
    rows.add(new Row("moodle", "core", root.isEmpty() ? "." : root, coreRelease,
        coreVersion == null ? "" : coreVersion.toPlainString(), lock.moodle().pin().label(), abbrev(lock.moodle().commit()), "", ""));

    // 9. The PHP version of the servers, when the pom declares it.
    if (options.php() != null && coreBranch > 0) {
      findings.add(new PhpRequirement(files).check(codebase, root, coreBranch, options.php()));
    }

    // Layout of the assembled tree: core types, then subplugin types of the site's plugins, parents first.
    InstallPathLayout layout = InstallPathLayout.of(files, codebase, "moodle");
    List<Map.Entry<String, Checked>> plugins = new ArrayList<>();
    lock.plugins().forEach((who, p) -> plugins.add(Map.entry(who, new Checked(p.installPath(), p.pin().label(), p.commit()))));
    lock.overlayPlugins().forEach((who, path) -> plugins.add(Map.entry(who, new Checked(path, OVERLAY, null))));
    plugins.sort(Comparator.comparing(e -> e.getValue().installPath()));

    // 1. Every plugin's version.php, read once.
    Map<String, PluginMetadata> site = new LinkedHashMap<>();
    for (Map.Entry<String, Checked> e : plugins) {
      String who = e.getKey();
      Checked p = e.getValue();
      String at = VerifyMessages.at(who, p.pin(), abbrev(p.commit()));
      Optional<String> text = files.text(codebase, p.installPath() + "/version.php");
      if (text.isEmpty()) {
        findings.add(Finding.error(who, "version.php", VerifyMessages.noVersionFile(at, p.installPath())));
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
        findings.add(Finding.error(who, "version.php",
            VerifyMessages.versionFileUnreadable(at, p.installPath(), ex.getMessage())));
      }
    }

    Map<String, PluginMetadata> coreCache = new HashMap<>();
    for (Map.Entry<String, Checked> e : plugins) {
      String who = e.getKey();
      Checked p = e.getValue();
      PluginMetadata meta = site.get(who);
      String at = VerifyMessages.at(who, p.pin(), abbrev(p.commit()));
      String status = "ok";
      if (meta != null) {
        List<Finding> mine = new ArrayList<>();
        // 1. component and version
        if (meta.component() != null && !meta.component().equals(who)) {
          mine.add(Finding.error(who, "component", VerifyMessages.otherComponent(at, meta.component(), who)));
        } else {
          mine.add(Finding.passed(who, "component"));
        }
        if (meta.version() == null) {
          mine.add(Finding.error(who, "version", VerifyMessages.noPluginVersion(at)));
        }
        // 2. requires
        if (meta.requires() != null && coreVersion != null) {
          if (meta.requires().compareTo(coreVersion) > 0) {
            mine.add(Finding.error(who, "requires",
                VerifyMessages.requiresNewerMoodle(at, meta.requires(), coreRelease, coreVersion, who)));
          } else {
            mine.add(Finding.passed(who, "requires"));
          }
        }
        // 3. supported and incompatible
        if (coreBranch > 0) {
          if (meta.supported() != null && (coreBranch < meta.supported().get(0) || coreBranch > meta.supported().get(1))) {
            mine.add(Finding.error(who, "supported", VerifyMessages.unsupportedBranch(at, meta.supported().get(0),
                meta.supported().get(1), coreBranch, coreRelease, who)));
          } else if (meta.incompatible() != null && coreBranch >= meta.incompatible()) {
            mine.add(Finding.error(who, "supported",
                VerifyMessages.incompatibleBranch(at, meta.incompatible(), coreBranch, who)));
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
          String text = VerifyMessages.unstable(at, PluginMetadata.maturityName(meta.maturity()), meta.release());
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
          meta == null || meta.version() == null ? "" : meta.version().toPlainString(), p.pin(), abbrev(p.commit()),
          meta == null ? "" : PluginMetadata.maturityName(meta.maturity()), status));
    }
    return new Verification(findings, rows);
  }

  /** 4. One declared dependency, satisfied by a site plugin or a core plugin. */
  private Finding dependency(AnyObjectId codebase, InstallPathLayout layout, Lock lock, Map<String, PluginMetadata> site,
      Map<String, PluginMetadata> coreCache, String who, String at, String needed, BigDecimal min) throws IOException, CodebaseException {
    String wanted = VerifyMessages.wanted(min);
    PluginMetadata found = site.get(needed);
    String foundWhere = found == null ? null : VerifyMessages.siteHas(needed, found);
    if (found == null) {
      Component c;
      try {
        c = Component.parse(needed);
      } catch (CodebaseException e) {
        return Finding.error(who, "dependencies", VerifyMessages.dependencyNotAComponent(at, needed, who));
      }
      if (!layout.knows(c.type())) {
        return Finding.error(who, "dependencies", VerifyMessages.dependencyOfUnknownType(at, needed, wanted, c.type(), who));
      }
      found = coreCache.get(needed);
      if (found == null) {
        Optional<String> text = files.text(codebase, layout.installPath(c) + "/version.php");
        if (text.isPresent()) {
          try {
            found = PluginMetadata.of(VersionFile.parse(text.get()));
            coreCache.put(needed, found);
          } catch (VersionFile.UnreadableException e) {
            return Finding.error(who, "dependencies", VerifyMessages.dependencyUnreadable(at, needed, e.getMessage()));
          }
        }
      }
      if (found == null) {
        boolean declared = lock.plugins().containsKey(needed) || lock.overlayPlugins().containsKey(needed);
        return Finding.error(who, "dependencies", VerifyMessages.dependencyMissing(at, needed, wanted, declared, who));
      }
      foundWhere = VerifyMessages.moodleHas(needed, found);
    }
    if (min != null && (found.version() == null || found.version().compareTo(min) < 0)) {
      boolean sitePlugin = site.containsKey(needed);
      return Finding.error(who, "dependencies", VerifyMessages.dependencyTooOld(at, needed, wanted, foundWhere, sitePlugin, who));
    }
    return Finding.passed(who, "dependencies " + needed);
  }

  static String abbrev(String commit) {
    return commit == null ? "" : commit.substring(0, Math.min(7, commit.length()));
  }
}
