package io.github.moodlecbm.core.fleet;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Table;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.resolve.UpdateReport;
import io.github.moodlecbm.core.resolve.UpgradeCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What {@code moodle:outdated}, {@code moodle:update} and {@code moodle:upgrade-check} say of a
 * whole fleet: one answer per component across its sites, the sites that share an answer named
 * together, and where each pin lives (the fleet's catalog or the site's pom).
 */
public final class FleetAnswers {
  private FleetAnswers() {}

  /**
   * One site's update check and which of its pins the fleet's catalog holds ({@code moodle}: the
   * fleet's {@code <moodle>}).
   */
  public record SiteUpdates(String site, UpdateCheck.Report report, Map<String, Boolean> catalogPins) {
    boolean catalogPin(String component) {
      return catalogPins.getOrDefault(component, false);
    }
  }

  /** One site's upgrade plan. */
  public record SiteUpgrade(String site, UpgradeCheck.Report report) {}

  /** A catalog pin that moves: the same new value for every site that takes it. */
  public record CatalogChange(String component, String element, String value, List<String> sites) {}

  /**
   * What an update does to the catalog: the pins that move, and those left alone because the sites
   * that take them do not agree on one version.
   */
  public record CatalogUpdate(List<CatalogChange> changes, List<String> disagreements) {}

  private record Key(String locked, String target, String newest, String needs, boolean catalog) {}

  /** The fleet's table of what can move: a line per component and answer, the sites that share it. */
  public static List<String> outdated(List<SiteUpdates> sites) {
    Table table = new Table().row("component", "sites", "locked", "newest for their Moodle", "newest", "pin in");
    for (Map.Entry<String, Map<Key, List<String>>> c : groups(sites).entrySet()) {
      boolean first = true;
      for (Map.Entry<Key, List<String>> g : c.getValue().entrySet()) {
        Key k = g.getKey();
        table.row(first ? c.getKey() : "", String.join(", ", g.getValue()), k.locked(), k.target(), k.newest(),
            k.catalog() ? FleetMessages.inCatalog() : FleetMessages.inSitePom());
        first = false;
      }
    }
    return table.lines();
  }

  /** How many components can move in some site, of how many. */
  public static int[] movable(List<SiteUpdates> sites) {
    Map<String, Map<Key, List<String>>> groups = groups(sites);
    int movable = 0;
    for (Map.Entry<String, Map<Key, List<String>>> c : groups.entrySet()) {
      if (c.getValue().keySet().stream().anyMatch(k -> !k.target().equals(FleetMessages.upToDate()))) {
        movable++;
      }
    }
    return new int[] {movable, groups.size()};
  }

  /** Prints the fleet's table; with {@code failIfOutdated}, anything that can move fails after it is shown. */
  public static void printOutdated(List<SiteUpdates> sites, BuildLog log, boolean failIfOutdated) throws CodebaseException {
    log.info(FleetMessages.outdatedHeading(sites.size()));
    outdated(sites).forEach(log::info);
    if (sites.stream().anyMatch(s -> s.report().security())) {
      log.warn(FleetMessages.securityRelease(sites.stream().filter(s -> s.report().security()).map(SiteUpdates::site).toList()));
    }
    int[] m = movable(sites);
    log.info(FleetMessages.canMove(m[0], m[1]));
    if (failIfOutdated && m[0] > 0) {
      throw new CodebaseException(FleetMessages.outdatedFailure(m[0], m[1]));
    }
  }

  private static Map<String, Map<Key, List<String>>> groups(List<SiteUpdates> sites) {
    Map<String, Map<Key, List<String>>> byComponent = new LinkedHashMap<>();
    byComponent.put("moodle", new LinkedHashMap<>());
    Map<String, Map<Key, List<String>>> plugins = new TreeMap<>();
    for (SiteUpdates s : sites) {
      for (UpdateCheck.Row r : UpdateReport.rows(s.report())) {
        Key k = new Key(r.locked(), r.canMove() ? r.sameLine() : FleetMessages.upToDate(), r.newest(),
            Objects.toString(r.needs(), ""), s.catalogPin(r.component()));
        Map<String, Map<Key, List<String>>> into = r.component().equals("moodle") ? byComponent : plugins;
        into.computeIfAbsent(r.component(), c -> new LinkedHashMap<>()).computeIfAbsent(k, x -> new ArrayList<>()).add(s.site());
      }
    }
    byComponent.putAll(plugins);
    byComponent.values().removeIf(Map::isEmpty);
    return byComponent;
  }

  /**
   * The catalog's exact pins that move: for each component {@code which} accepts, the new pin every
   * site taking the catalog's offers. When those sites offer different versions, or one of them
   * none, the catalog keeps its pin: moving it would give some site a version that does not run
   * on its Moodle.
   */
  public static CatalogUpdate catalogUpdate(List<SiteUpdates> sites, Predicate<String> which) {
    Map<String, Map<String, String>> offers = new LinkedHashMap<>();
    Map<String, String> elements = new LinkedHashMap<>();
    for (SiteUpdates s : sites) {
      for (UpdateCheck.Row r : UpdateReport.rows(s.report())) {
        if (!s.catalogPin(r.component()) || !which.test(r.component())) {
          continue;
        }
        offers.computeIfAbsent(r.component(), c -> new LinkedHashMap<>())
            .put(s.site(), r.pomElement() == null ? null : r.pomValue());
        if (r.pomElement() != null) {
          elements.put(r.component(), r.pomElement());
        }
      }
    }
    List<CatalogChange> changes = new ArrayList<>();
    List<String> disagreements = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : offers.entrySet()) {
      List<String> values = e.getValue().values().stream().distinct().toList();
      if (!elements.containsKey(e.getKey())) {
        continue; // a floating pin: each site's lock moves, the catalog stays
      }
      if (values.size() == 1 && values.get(0) != null) {
        changes.add(new CatalogChange(e.getKey(), elements.get(e.getKey()), values.get(0), List.copyOf(e.getValue().keySet())));
      } else {
        disagreements.add(FleetMessages.disagree(e.getKey(), e.getValue()));
      }
    }
    return new CatalogUpdate(changes, disagreements);
  }

  /** The fleet's upgrade plan: a line per component and verdict, the sites that share it. */
  public static void printUpgrade(List<SiteUpgrade> sites, String target, BuildLog log, boolean failOnBlockers)
      throws CodebaseException {
    log.info(FleetMessages.upgradeHeading(sites.size(), target));
    Map<String, Map<String, List<String>>> byComponent = new TreeMap<>();
    Map<String, Boolean> blocker = new LinkedHashMap<>();
    for (SiteUpgrade s : sites) {
      for (UpgradeCheck.Row r : s.report().rows()) {
        String verdict = FleetMessages.verdict(r);
        byComponent.computeIfAbsent(r.component(), c -> new LinkedHashMap<>()).computeIfAbsent(verdict, v -> new ArrayList<>())
            .add(s.site());
        if (r.verdict() == UpgradeCheck.Verdict.BLOCKER) {
          blocker.put(r.component() + "\n" + verdict, true);
        }
      }
    }
    Table table = new Table().row("component", "sites", "on " + target);
    List<Boolean> warn = new ArrayList<>(List.of(false));
    for (Map.Entry<String, Map<String, List<String>>> c : byComponent.entrySet()) {
      boolean first = true;
      for (Map.Entry<String, List<String>> v : c.getValue().entrySet()) {
        table.row(first ? c.getKey() : "", String.join(", ", v.getValue()), v.getKey());
        warn.add(blocker.containsKey(c.getKey() + "\n" + v.getKey()));
        first = false;
      }
    }
    List<String> lines = table.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (warn.get(i)) {
        log.warn(lines.get(i));
      } else {
        log.info(lines.get(i));
      }
    }
    List<String> blocked = sites.stream().filter(s -> !s.report().blockers().isEmpty()).map(SiteUpgrade::site).toList();
    if (blocked.isEmpty()) {
      log.info(FleetMessages.upgradeClear(sites.size(), target));
      return;
    }
    log.warn(FleetMessages.upgradeBlocked(blocked, sites.size()));
    if (failOnBlockers) {
      throw new CodebaseException(FleetMessages.upgradeBlockedFailure(blocked, target));
    }
  }
}
