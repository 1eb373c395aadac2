package io.github.moodlecbm.core.report;

import io.github.moodlecbm.core.PropertyNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the site report says: its titles, labels and sentences. */
public final class ReportMessages {
  private ReportMessages() {}

  public static String name() {
    return "Moodle code base";
  }

  public static String description() {
    return "What this Moodle site runs: Moodle and each plugin, at which version, from where and why, what they need,"
        + " the releases and what is known of their updates.";
  }

  public static String title(String site) {
    return "Moodle code base of " + site;
  }

  public static String intro() {
    return "Written from the site's lock, its code base and its release repository by moodle-maven-plugin: nothing"
        + " here was asked of a network, and nothing of it is in the code base itself.";
  }

  public static String overview() {
    return "Overview";
  }

  public static String site() {
    return "Site";
  }

  public static String moodle() {
    return "Moodle";
  }

  public static String moodleRelease(String release, String branch, String pin) {
    return release + (branch == null ? "" : ", branch " + branchName(branch)) + " (pin: " + pin + ")";
  }

  public static String php() {
    return "PHP";
  }

  public static String notStated() {
    return "not stated";
  }

  public static String atLeast(String version) {
    return version + " or later";
  }

  public static String extensions(List<String> extensions) {
    return ", with the extensions " + String.join(", ", extensions);
  }

  public static String databases() {
    return "Databases";
  }

  public static String databaseList(Map<String, String> databases) {
    List<String> parts = new ArrayList<>();
    databases.forEach((vendor, version) -> parts.add(vendor + " " + version + " or later"));
    return String.join(", ", parts);
  }

  public static String pluginCount() {
    return "Plugins";
  }

  public static String byType(int total, Map<String, Integer> byType) {
    List<String> parts = new ArrayList<>();
    byType.forEach((type, n) -> parts.add(n + " " + type));
    return total + (byType.isEmpty() ? "" : ": " + String.join(", ", parts));
  }

  public static String release() {
    return "Current release";
  }

  public static String noRelease() {
    return "No release yet: mvn package makes the first.";
  }

  public static String changelogLink() {
    return "(changelog)";
  }

  public static String verification() {
    return "Verification of the release";
  }

  public static String state(String state) {
    return state == null ? "not recorded" : state;
  }

  public static String installTest() {
    return "Install test of the release";
  }

  public static String installTestState(String state) {
    return state == null ? "not run (" + PropertyNames.flag(PropertyNames.INSTALL_TEST) + " runs it)" : state;
  }

  public static String plugins(int n) {
    return "Plugins (" + n + ")";
  }

  public static String noPlugins() {
    return "The site runs Moodle alone.";
  }

  public static List<String> pluginColumns() {
    return List.of("Plugin", "Version", "Pin");
  }

  public static String versionOf(String release, String version) {
    if (release == null && version == null) {
      return notStated();
    }
    return release == null ? version : version == null ? release : release + " (" + version + ")";
  }

  public static String local(List<String> patches, boolean overlay) {
    if (overlay) {
      return "the site's own (src/main/overlay)";
    }
    return patches.isEmpty() ? "none" : patches.size() + " patch" + (patches.size() == 1 ? "" : "es") + ": "
        + String.join(", ", patches.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList());
  }

  public static String type() {
    return "Type";
  }

  public static String installPath() {
    return "Install path";
  }

  public static String version() {
    return "Release ($plugin->version)";
  }

  public static String maturity() {
    return "Maturity";
  }

  public static String maturity(String constant) {
    return constant.replaceFirst("^MATURITY_", "").toLowerCase(java.util.Locale.ROOT);
  }

  public static String pin() {
    return "Pin (why this version)";
  }

  public static String source() {
    return "Source";
  }

  public static String overlaySource() {
    return "the site project's src/main/overlay";
  }

  public static String inFolder(String path) {
    return "(folder " + path + ")";
  }

  public static String requires() {
    return "Runs on";
  }

  public static String requirement(String requires, List<Integer> supported, Integer incompatible) {
    List<String> parts = new ArrayList<>();
    if (supported.size() == 2) {
      parts.add("Moodle " + branchName(String.valueOf(supported.get(0))) + " to " + branchName(String.valueOf(supported.get(1))));
    }
    if (requires != null) {
      parts.add("requires Moodle's $version " + requires + " or later");
    }
    if (incompatible != null) {
      parts.add("not on Moodle " + branchName(String.valueOf(incompatible)) + " and later");
    }
    return parts.isEmpty() ? notStated() : String.join("; ", parts);
  }

  public static String dependencies() {
    return "Needs";
  }

  public static String dependencyList(Map<String, String> dependencies) {
    if (dependencies.isEmpty()) {
      return "no other plugin";
    }
    List<String> parts = new ArrayList<>();
    dependencies.forEach((c, v) -> parts.add(v == null || v.equals("ANY_VERSION") ? c : c + " " + v + " or later"));
    return String.join(", ", parts);
  }

  public static String licence() {
    return "Licence";
  }

  public static String localChanges() {
    return "Local changes";
  }

  public static String dependenciesTitle() {
    return "What the plugins need";
  }

  public static String noDependencies() {
    return "No plugin of the site declares that it needs another ($plugin->dependencies).";
  }

  public static String graphIntro(int edges) {
    return edges + " need" + (edges == 1 ? "" : "s") + " declared in the plugins' $plugin->dependencies: blue, a plugin"
        + " of the site; grey, a plugin of Moodle's own. Plugins that need nothing and that nothing needs are left out.";
  }

  public static String graphAlone() {
    return "The picture alone (SVG)";
  }

  public static String historyTitle() {
    return "Releases";
  }

  public static List<String> historyColumns() {
    return List.of("Tag", "Date", "Moodle", "Changes");
  }

  public static String impactFrom() {
    return "Upgrade impact from ";
  }

  public static String impactCommand(String from, String to) {
    return "(mvn moodle:diff " + PropertyNames.flag(PropertyNames.FROM, from) + " " + PropertyNames.flag(PropertyNames.TO, to)
        + "):";
  }

  public static String image(String reference, String digest) {
    return "Container image: " + reference + ", " + digest;
  }

  public static String advisoriesTitle() {
    return "Published advisories";
  }

  public static String advisoriesAtRelease(String tag, String source, int affecting, int fixed) {
    return "When " + tag + " was released, " + source + " knew " + (affecting == 0 ? "no advisory" : affecting
        + (affecting == 1 ? " advisory" : " advisories")) + " affecting it" + (fixed == 0 ? "." : "; it fixed " + fixed
        + " of the release before.");
  }

  public static String advisoriesNotChecked() {
    return "The current release was made without checking advisories: mvn moodle:audit checks the code base.";
  }

  public static String auditedAt(String when, String source, int count) {
    return "Last check (" + when + ", " + source + "): " + (count == 0 ? "no published advisory affects the code base."
        : count + (count == 1 ? " advisory affects" : " advisories affect") + " the code base. mvn moodle:audit says what fixes each.");
  }

  public static List<String> advisoryColumns() {
    return List.of("Component", "Advisory", "Severity", "Summary", "Fixed in");
  }

  public static String fixedInRelease() {
    return "fixed by this release";
  }

  public static String updatesTitle() {
    return "Updates";
  }

  public static String noOutdated() {
    return "No update check yet: mvn moodle:outdated fetches the sources and lists what can move; the report shows its"
        + " last answer.";
  }

  public static String outdatedAt(String when) {
    return "What could move at the last mvn moodle:outdated (" + when + "):";
  }

  public static List<String> outdatedColumns() {
    return List.of("Component", "Locked", "Newest for this Moodle", "Newest", "It needs");
  }

  public static String upToDate() {
    return "up to date";
  }

  public static String noUpgradeCheck() {
    return "No upgrade check yet: mvn moodle:upgrade-check " + PropertyNames.flag(PropertyNames.TARGET, "5.0")
        + " plans the next Moodle; the report shows its last answer.";
  }

  public static String upgradeAt(String from, String target, String when) {
    return "The last upgrade check, from Moodle " + from + " to " + target + " (" + when + "):";
  }

  public static List<String> upgradeColumns() {
    return List.of("Plugin", "Verdict", "Detail", "Install path on the target");
  }

  public static String verdict(String verdict) {
    return switch (verdict) {
      case "KEEPS_ITS_PIN" -> "keeps its pin";
      case "NEEDS_A_NEW_PIN" -> "needs a new pin";
      case "BLOCKER" -> "blocks the upgrade";
      default -> verdict;
    };
  }

  public static String runWithSite() {
    return "moodle:report is a report of mvn site: wire it in the pom's <reporting> and run mvn package site; the page is"
        + " target/site/moodle-report.html.";
  }

  public static String noLock(String lockFile) {
    return "No " + lockFile + " yet: the site report is written after a build (mvn package site).";
  }

  public static String treeMissing() {
    return "The code base of the lock is neither in this build's target folder nor in the release repository: build"
        + " it first (mvn package site).";
  }

  static String graphNeeds() {
    return "Plugins of the site";
  }

  static String graphNeeded() {
    return "need";
  }

  static String graphCore() {
    return "(Moodle's own)";
  }

  static String graphEdge(String from, String to, String version) {
    return from + " needs " + to + (version == null || version.equals("ANY_VERSION") ? "" : " " + version + " or later");
  }

  /** {@code 405} as Moodle names the branch: {@code 4.5}; {@code 39}: {@code 3.9}. */
  static String branchName(String branch) {
    if (branch == null || !branch.matches("\\d{2,3}")) {
      return branch;
    }
    return branch.length() == 2 ? branch.charAt(0) + "." + branch.charAt(1)
        : branch.charAt(0) + "." + Integer.parseInt(branch.substring(1));
  }
}
