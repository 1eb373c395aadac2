package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;

/** What the resolution of a site says: every sentence of this package, in one place. */
final class ResolveMessages {
  private ResolveMessages() {}

  static String emptyCache(Path cache) {
    return "The mirror cache " + cache + " is empty: this build fills it, later builds fetch only what changed.";
  }

  static String unchanged(Lock lock, Path lockFile) {
    return "Code base " + lock.tree() + ": Moodle " + lock.moodle().release() + " and " + lock.plugins().size()
        + " plugins as " + lockFile.getFileName() + " records them (the pom and the lock are unchanged since the last build; "
        + PropertyNames.flag(PropertyNames.UPDATE) + " fetches and resolves again).";
  }

  static String securityRelease(String release) {
    return "Moodle " + release + " is out: point releases carry security fixes. Take it with mvn moodle:update, then mvn package.";
  }

  static String upToDate() {
    return "Everything is up to date for this Moodle.";
  }

  static String canMove(long movable, int all) {
    return movable + " of " + all + " can move: mvn moodle:update takes them, then mvn package builds them.";
  }

  static String outdatedFailure(long movable, int all) {
    return movable + " of " + all + " components can move (see the table above). "
        + PropertyNames.flag(PropertyNames.FAIL_IF_OUTDATED) + " fails the build for it.";
  }

  static String repinned(String line) {
    return "Updated " + line + " in pom.xml";
  }

  static String nothingToUpdate(String includes) {
    return "Nothing to update" + (includes == null ? "" : " among " + includes) + ": the lock is unchanged.";
  }

  static String updated(String line) {
    return "Updated " + line;
  }

  static String updateSummary(int moved, String lockFile, int repinned) {
    return moved + " updated in " + lockFile + (repinned == 0 ? "" : ", " + repinned + " pin(s) in pom.xml")
        + ": mvn package builds, verifies and releases them.";
  }

  static String dependencyNotListed(String requiredBy, String component) {
    return requiredBy + " depends on " + component + ", which the plugins directory does not list. Add " + component
        + " first with " + PropertyNames.flag(PropertyNames.COMPONENT, component) + " "
        + PropertyNames.flag(PropertyNames.SOURCE, "<its git URL>") + ".";
  }

  static String alreadyDeclared(String component) {
    return component + " is already declared in pom.xml. To change its version, edit its pin there.";
  }

  static String adding(PluginAdder.Addition a) {
    return "Adding " + a.component() + (a.requiredBy() == null ? "" : " (" + a.requiredBy() + " depends on it)") + ": "
        + a.version();
  }

  static String added(int count, String pom) {
    return "Added " + count + " plugin(s) to " + pom + ". mvn package builds them; the lock records the versions taken.";
  }

  static String upgradeHeading(String from, String target) {
    return "Upgrade from Moodle " + from + " to " + target + ":";
  }

  static String verdict(UpgradeCheck.Row r) {
    return switch (r.verdict()) {
      case KEEPS_ITS_PIN -> "keeps its pin: " + r.detail();
      case NEEDS_A_NEW_PIN -> "needs a new pin: " + r.detail();
      case BLOCKER -> "BLOCKS THE UPGRADE: " + r.detail();
    };
  }

  static String codeRootMoves(UpgradeCheck.Report report) {
    return "Moodle " + report.target() + " keeps its code under " + report.codeRoot() + "/: plugins move there"
        + " (for example " + report.rows().stream().findFirst().map(r -> r.installPath() + " -> " + r.targetInstallPath())
            .orElse("mod/x -> public/mod/x") + "), and the web server must serve " + report.codeRoot() + "/.";
  }

  static String upgradeSummary(int blockers, long newPins, long keep) {
    return blockers + " blocker(s), " + newPins + " plugin(s) need a new pin, " + keep + " keep theirs. Nothing was changed.";
  }

  static String upgradeClear(String summary, String target) {
    return summary + " Set <version>" + target + "</version> in <moodle> to upgrade.";
  }

  static String upgradeBlocked(String summary) {
    return summary + " Remove or replace the blocking plugins before upgrading.";
  }

  static String upgradeBlockedFailure(UpgradeCheck.Report report) {
    return "The upgrade to Moodle " + report.target() + " is blocked by "
        + String.join(", ", report.blockers().stream().map(UpgradeCheck.Row::component).toList())
        + " (" + PropertyNames.flag(PropertyNames.FAIL_ON_BLOCKERS) + ").";
  }
}
