package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.verify.CodebaseVerifier.Verification;
import java.math.BigDecimal;
import java.util.List;

/** What the verification says: every sentence of this package, in one place. */
final class VerifyMessages {
  private VerifyMessages() {}

  static List<String> skipped() {
    String rule = "**********************************************************************";
    return List.of(rule, "VERIFICATION SKIPPED (" + PropertyNames.VERIFY_SKIP + "): this code base was not checked.", rule);
  }

  static String verified(Verification v, long millis) {
    return "Verified: " + (v.rows().size() - 1) + " plugins and Moodle, " + v.findings().size() + " checks passed"
        + (v.warnings().isEmpty() ? "" : ", " + v.warnings().size() + " with warnings") + " (" + millis + " ms).";
  }

  /** The first line of a failed verification, before its problems grouped by component. */
  static String failed(int problems, int components) {
    return "The code base failed verification: " + problems + (problems == 1 ? " problem" : " problems") + " in " + components
        + (components == 1 ? " component" : " components") + ".";
  }

  /** A plugin as the findings name it: {@code block_xp (tag v1.0 @ 1a2b3c4)}. */
  static String at(String component, String pin, String commit) {
    return component + " (" + pin + (commit.isEmpty() ? "" : " @ " + commit) + ")";
  }

  static String coreWithoutVersion(String root) {
    return "Moodle's " + root + "version.php declares no $version or $branch. Pin another Moodle commit.";
  }

  static String coreIsAnotherMoodle(MoodleVersion asked, String release, int branch) {
    return "the pom asks for Moodle " + asked + " but the code base is Moodle " + release + " (branch " + branch
        + "). Fix <moodle> in pom.xml.";
  }

  static String coreUnreadable(String root, String reason) {
    return "Moodle's " + root + "version.php cannot be read (" + reason + "). Pin another Moodle commit.";
  }

  static String noVersionFile(String at, String installPath) {
    return at + ": no version.php at " + installPath + ". Fix <path> or <source> for this plugin in pom.xml.";
  }

  static String versionFileUnreadable(String at, String installPath, String reason) {
    return at + ": " + installPath + "/version.php cannot be read: " + reason + ". Only plain values are read;"
        + " pin another version of the plugin.";
  }

  static String otherComponent(String at, String declared, String component) {
    return at + ": version.php declares component " + declared + ", not " + component + ". Fix <component> in pom.xml.";
  }

  static String noPluginVersion(String at) {
    return at + ": version.php declares no $plugin->version. Pin another version of the plugin.";
  }

  static String requiresNewerMoodle(String at, BigDecimal requires, String release, BigDecimal version, String component) {
    return at + ": requires Moodle " + requires.toPlainString() + " or later, but the site has Moodle " + release + " ("
        + version.toPlainString() + "). Pin an older version of " + component + ", or a newer Moodle.";
  }

  static String unsupportedBranch(String at, int from, int to, int branch, String release, String component) {
    return at + ": supports Moodle branches " + from + " to " + to + ", not " + branch + " (Moodle " + release
        + "). Pin the version of " + component + " made for branch " + branch + " (often a MOODLE_" + branch
        + "_STABLE branch).";
  }

  static String incompatibleBranch(String at, int incompatible, int branch, String component) {
    return at + ": is incompatible with Moodle branch " + incompatible + " and later; the site is on " + branch
        + ". Pin a newer version of " + component + ".";
  }

  static String unstable(String at, String maturity, String release) {
    return at + ": is " + maturity + " (" + (release == null ? "" : release + ", ") + "below MATURITY_STABLE). Pin a"
        + " stable release, or build with " + PropertyNames.flag(PropertyNames.ALLOW_UNSTABLE, "true") + " to accept it.";
  }

  /** The version a dependency asks for: {@code >= 2024100700}, or any. */
  static String wanted(BigDecimal min) {
    return min == null ? "any version" : ">= " + min.toPlainString();
  }

  /** A plugin's version in a sentence: {@code 2024100700 (4.5.1)}. */
  static String version(PluginMetadata m) {
    String v = m.version() == null ? "(no version)" : m.version().toPlainString();
    return m.release() == null ? v : v + " (" + m.release() + ")";
  }

  static String siteHas(String component, PluginMetadata found) {
    return "the site has " + component + " " + version(found);
  }

  static String moodleHas(String component, PluginMetadata found) {
    return "Moodle has " + component + " " + version(found);
  }

  static String dependencyNotAComponent(String at, String needed, String component) {
    return at + ": requires '" + needed + "', which is not a component name. Pin another version of " + component + ".";
  }

  static String dependencyOfUnknownType(String at, String needed, String wanted, String type, String component) {
    return at + ": requires " + needed + " (" + wanted + "), but plugin type '" + type + "' is not known to this Moodle."
        + " Add the plugin that declares it to <plugins>, or pin another version of " + component + ".";
  }

  static String dependencyUnreadable(String at, String needed, String reason) {
    return at + ": requires " + needed + ", whose version.php cannot be read (" + reason + ").";
  }

  static String dependencyMissing(String at, String needed, String wanted, boolean declared, String component) {
    return at + ": requires " + needed + " (" + wanted + "), which "
        + (declared ? "is declared but could not be read" : "the site does not have: it is neither in Moodle nor in <plugins>")
        + ". Add " + needed + " to <plugins> in pom.xml, or pin a version of " + component + " that does not need it.";
  }

  static String dependencyTooOld(String at, String needed, String wanted, String found, boolean sitePlugin, String component) {
    return at + ": requires " + needed + " " + wanted + ", but " + found + ". "
        + (sitePlugin ? "Pin " + needed + " to a newer tag, or pin " + component + " to an older one."
            : "Pin a newer Moodle, or pin " + component + " to an older version.");
  }

  static String noEnvironmentXml(String root, String php) {
    return "Moodle has no " + root + "admin/environment.xml to check <php>" + php + "</php> against. Remove <php> from"
        + " pom.xml or pin another Moodle commit.";
  }

  static String phpTooOld(String moodle, String required, String php) {
    return "Moodle " + moodle + " requires PHP " + required + " or later, but <php> in pom.xml says the servers run PHP "
        + php + ". Upgrade PHP on the servers (then <php>), or pin an older Moodle.";
  }

  static String noPhpRequirements(String moodle) {
    return "Moodle's environment.xml has no requirements for Moodle " + moodle + ". Remove <php> from pom.xml or pin"
        + " another Moodle commit.";
  }

  static String environmentXmlUnreadable(String root, String reason) {
    return "Moodle's " + root + "admin/environment.xml cannot be read: " + reason;
  }
}
