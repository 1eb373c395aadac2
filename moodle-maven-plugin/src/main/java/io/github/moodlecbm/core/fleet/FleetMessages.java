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
}
