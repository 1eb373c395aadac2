package io.github.moodlecbm.core.fleet;

import io.github.moodlecbm.core.Messages;
import java.util.ArrayList;
import java.util.List;

/** What the build says about a fleet of sites and its catalog: the sentences of this package. */
public final class FleetMessages {
  private FleetMessages() {}

  static String inCatalog(String where, String problem) {
    return "In the fleet's <catalog> (" + where + "): " + problem;
  }

  static String duplicateInCatalog(String component, String where) {
    return component + " is declared twice in the fleet's <catalog> (" + where + "). Keep one <plugin> element for it.";
  }

  static String notInCatalog() {
    return "not in the catalog";
  }

  static String overrides(String pin, String catalogPin, String source, String catalogSource, String path) {
    List<String> parts = new ArrayList<>();
    if (pin != null) {
      parts.add(pin + " instead of the catalog's " + catalogPin);
    }
    if (source != null) {
      parts.add("from " + Messages.redact(source) + " instead of "
          + (catalogSource == null ? "the plugins directory's source" : Messages.redact(catalogSource)));
    }
    if (pin == null && source == null && path != null) {
      parts.add("<path>" + path + "</path>");
    }
    return String.join(", ", parts);
  }

  /** The build's line on how the site takes the catalog: how many as they are, then each deviation. */
  public static String takes(Catalog.Taken taken, String moodleOverride) {
    List<String> deviations = new ArrayList<>();
    if (moodleOverride != null) {
      deviations.add("moodle: " + moodleOverride);
    }
    taken.deviations().forEach(c -> deviations.add(c.component() + ": " + c.detail()));
    long same = taken.choices().stream().filter(c -> !c.deviates()).count();
    return "Fleet catalog: " + same + " plugin" + (same == 1 ? "" : "s") + " as the catalog pins "
        + (same == 1 ? "it" : "them")
        + (deviations.isEmpty() ? ", no deviation" : "; deviations: " + String.join("; ", deviations));
  }

  /** How a site's own {@code <moodle>} differs from the fleet's. */
  public static String moodleOverride(String pin, String fleetPin) {
    return pin + " instead of the fleet's " + fleetPin;
  }

  public static String notAPlugin(String element, String where) {
    return "The fleet's <catalog> (" + where + ") holds <" + element + ">; it holds <plugin> elements only, each like a"
        + " site's <plugin>.";
  }

  public static String catalogOf(String where) {
    return "the fleet's <catalog> (" + where + ")";
  }

  public static String sameReleaseRepository(String site, String other, String repository, String branch) {
    return "Sites " + site + " and " + other + " would release into the same repository " + repository + " (branch "
        + branch + "): each would take the other's releases for its own. Nothing is released. Leave <releaseRepository>"
        + " unset in the fleet's sites (each gets its own, by groupId and artifactId) or give each site its own,"
        + " and do not set " + io.github.moodlecbm.core.PropertyNames.flag(io.github.moodlecbm.core.PropertyNames.RELEASE_REPOSITORY)
        + " for a build of several sites.";
  }

  public static String sameReleaseRemote(String site, String other, String remote, String branch) {
    return "Sites " + site + " and " + other + " would publish to the same release remote " + remote + " (branch "
        + branch + "). Nothing is released. Give each site its own <releaseRemote>, such as"
        + " https://git.example.org/moodle/${project.artifactId}-releases.git in the fleet's parent pom.";
  }

  public static String legend() {
    return "Each cell: the release and $version the site's lock holds. " + FleetView.DEVIATION
        + " the site departs from the fleet's catalog; " + FleetView.OLDER
        + " another site of the fleet runs a newer version; - the site does not have it.";
  }

  static String deviationsTitle() {
    return "Deviations from the catalog";
  }

  public static String unbuilt(List<String> sites) {
    return "Not built yet (no moodle.lock): " + String.join(", ", sites) + ". Run mvn package at the fleet's root.";
  }

  public static String header(int sites, int components) {
    return "Fleet: " + sites + " site" + (sites == 1 ? "" : "s") + ", " + components + " component"
        + (components == 1 ? "" : "s");
  }

  public static String written(String json, String markdown) {
    return "Written: " + json + ", " + markdown;
  }

  public static String noSites() {
    return "No site of this build has packaging moodle-codebase: run moodle:fleet at the root of a fleet, whose modules"
        + " are its sites.";
  }

  static String inCatalog() {
    return "catalog";
  }

  static String inSitePom() {
    return "site's pom";
  }

  static String upToDate() {
    return "up to date";
  }

  static String outdatedHeading(int sites) {
    return "What can move in the fleet's " + sites + " sites (sites with the same answer named together):";
  }

  static String securityRelease(List<String> sites) {
    return "A newer Moodle point release of their branch exists for " + String.join(", ", sites)
        + ": it carries security fixes.";
  }

  static String canMove(int movable, int components) {
    return movable == 0 ? "Every site of the fleet is up to date."
        : movable + " of " + components + " components can move in some site. mvn moodle:update at the fleet's root"
            + " moves the catalog's pins (when every site that takes one agrees) and each site's own.";
  }

  static String outdatedFailure(int movable, int components) {
    return movable + " of " + components + " components of the fleet can move (failing because "
        + io.github.moodlecbm.core.PropertyNames.flag(io.github.moodlecbm.core.PropertyNames.FAIL_IF_OUTDATED) + " is set).";
  }

  static String disagree(String component, java.util.Map<String, String> offers) {
    List<String> parts = new ArrayList<>();
    offers.forEach((site, value) -> parts.add(site + ": " + (value == null ? "nothing newer that runs on its Moodle" : value)));
    return component + ": the catalog keeps its pin, the sites that take it do not agree on a newer one ("
        + String.join("; ", parts) + "). Pin it in a site's own pom to move that site alone.";
  }

  public static String catalogMoved(String component, String element, String value, List<String> sites, String pom) {
    return "catalog: " + component + " <" + element + "> -> " + value + " in " + pom + " (for " + String.join(", ", sites) + ")";
  }

  static String upgradeHeading(int sites, String target) {
    return "Upgrade of the fleet's " + sites + " sites to Moodle " + target + " (sites with the same answer named together):";
  }

  static String verdict(io.github.moodlecbm.core.resolve.UpgradeCheck.Row r) {
    return switch (r.verdict()) {
      case KEEPS_ITS_PIN -> "keeps its pin: " + r.detail();
      case NEEDS_A_NEW_PIN -> "needs a new pin: " + r.detail();
      case BLOCKER -> "BLOCKS THE UPGRADE: " + r.detail();
    };
  }

  static String upgradeClear(int sites, String target) {
    return "No plugin blocks the upgrade of the fleet's " + sites + " sites to " + target + ". Nothing was changed.";
  }

  static String upgradeBlocked(List<String> blocked, int sites) {
    return blocked.size() + " of " + sites + " sites have a plugin that blocks the upgrade (" + String.join(", ", blocked)
        + "). Remove or replace the blocking plugins before upgrading. Nothing was changed.";
  }

  static String upgradeBlockedFailure(List<String> blocked, String target) {
    return "The upgrade to " + target + " is blocked in " + String.join(", ", blocked) + " (failing because "
        + io.github.moodlecbm.core.PropertyNames.flag(io.github.moodlecbm.core.PropertyNames.FAIL_ON_BLOCKERS) + " is set).";
  }

  public static String skipsPom(String goal, String project) {
    return "moodle:" + goal + " works on each site of the fleet; nothing to do for " + project + ", a pom.";
  }

  public static String catalogPinNotMoved(String component, String value) {
    return component + " can move to " + value + ", but its pin is the fleet's catalog's: run mvn moodle:update at the"
        + " fleet's root to move it for every site that takes it, or pin it in this site's pom to move this site alone.";
  }

  public static String catalogUnchanged() {
    return "The fleet's catalog is up to date: no pin of it moved.";
  }
}
