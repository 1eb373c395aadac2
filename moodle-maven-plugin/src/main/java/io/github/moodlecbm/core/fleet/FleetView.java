package io.github.moodlecbm.core.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.Table;
import io.github.moodlecbm.core.resolve.Lock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who runs what in a fleet: a row per component (Moodle first), a column per site, each cell the
 * version the site's lock holds; a site's deviation from the catalog and a version older than
 * another site's are marked.
 *
 * @param sites the sites, in the reactor's order
 * @param unbuilt the sites without a lock yet
 */
@JsonPropertyOrder({"sites", "unbuilt", "rows"})
public record FleetView(List<String> sites, List<String> unbuilt, List<Row> rows) {
  /** The mark of a cell that deviates from the catalog. */
  public static final String DEVIATION = "*";
  /** The mark of a cell older than the same component elsewhere in the fleet. */
  public static final String OLDER = "^";

  /**
   * One site's version of a component.
   *
   * @param deviation how the site departs from the catalog, or null when it takes the catalog's pin
   * @param newerElsewhere whether another site runs a higher {@code $version} of the component
   */
  @JsonPropertyOrder({"release", "version", "pin", "commit", "deviation", "newerElsewhere"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cell(String release, BigDecimal version, String pin, String commit, String deviation,
      boolean newerElsewhere) {
    /** The cell as the table shows it: release, {@code $version}, marks. */
    public String text() {
      return release + (version == null ? "" : " (" + version.toPlainString() + ")")
          + (deviation == null ? "" : " " + DEVIATION) + (newerElsewhere ? " " + OLDER : "");
    }
  }

  /** A component and each site's cell (a site without the component has none). */
  @JsonPropertyOrder({"component", "cells"})
  public record Row(String component, Map<String, Cell> cells) {}

  /** One site as the view reads it: its lock (null before its first build) and how it takes the catalog. */
  public record Site(String name, Lock lock, Map<String, Catalog.Choice> choices, String moodleOverride) {}

  /** The view of these sites, each version read by {@code reader}. */
  public static FleetView of(List<Site> sites, LockedVersion.Source reader) {
    List<String> names = sites.stream().map(Site::name).toList();
    List<String> unbuilt = new ArrayList<>();
    Map<String, Map<String, Cell>> byComponent = new LinkedHashMap<>();
    byComponent.put("moodle", new LinkedHashMap<>());
    Map<String, Map<String, Cell>> plugins = new TreeMap<>();
    for (Site s : sites) {
      if (s.lock() == null || s.lock().moodle() == null) {
        unbuilt.add(s.name());
        continue;
      }
      Lock.Moodle m = s.lock().moodle();
      LockedVersion core = reader.moodle(m);
      byComponent.get("moodle").put(s.name(),
          new Cell(core.release(), core.version(), m.pin().describe(), m.commit(), s.moodleOverride(), false));
      for (Map.Entry<String, Lock.Plugin> e : s.lock().plugins().entrySet()) {
        Lock.Plugin p = e.getValue();
        LockedVersion v = reader.plugin(p);
        Catalog.Choice choice = s.choices().get(e.getKey());
        String deviation = choice == null || !choice.deviates() ? null : choice.detail();
        plugins.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
            .put(s.name(), new Cell(v.release(), v.version(), p.pin().describe(), p.commit(), deviation, false));
      }
    }
    byComponent.putAll(plugins);
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Cell>> e : byComponent.entrySet()) {
      BigDecimal newest = e.getValue().values().stream().map(Cell::version).filter(v -> v != null)
          .max(BigDecimal::compareTo).orElse(null);
      Map<String, Cell> cells = new LinkedHashMap<>();
      for (String name : names) {
        Cell c = e.getValue().get(name);
        if (c != null) {
          boolean older = newest != null && c.version() != null && c.version().compareTo(newest) < 0;
          cells.put(name, new Cell(c.release(), c.version(), c.pin(), c.commit(), c.deviation(), older));
        }
      }
      rows.add(new Row(e.getKey(), cells));
    }
    return new FleetView(names, unbuilt, rows);
  }

  /** The table as the build prints it. */
  public List<String> lines() {
    Table table = new Table();
    List<String> header = new ArrayList<>(List.of("component"));
    header.addAll(sites);
    table.row(header.toArray(String[]::new));
    for (Row r : rows) {
      List<String> line = new ArrayList<>(List.of(r.component()));
      for (String s : sites) {
        Cell c = r.cells().get(s);
        line.add(c == null ? "-" : c.text());
      }
      table.row(line.toArray(String[]::new));
    }
    return table.lines();
  }

  /** The deviations from the catalog, one line each: {@code arts: block_xp: tag v2 instead of ...}. */
  public List<String> deviations() {
    List<String> out = new ArrayList<>();
    for (String s : sites) {
      for (Row r : rows) {
        Cell c = r.cells().get(s);
        if (c != null && c.deviation() != null) {
          out.add(s + ": " + r.component() + ": " + c.deviation());
        }
      }
    }
    return out;
  }

  /** The same view as Markdown: a table, its legend and the deviations. */
  public String markdown(String title) {
    StringBuilder md = new StringBuilder("# " + title + "\n\n");
    md.append("| component | ").append(String.join(" | ", sites)).append(" |\n");
    md.append("|---|").append("---|".repeat(sites.size())).append('\n');
    for (Row r : rows) {
      md.append("| ").append(r.component());
      for (String s : sites) {
        Cell c = r.cells().get(s);
        md.append(" | ").append(c == null ? "-" : c.text().replace("*", "\\*").replace("|", "\\|"));
      }
      md.append(" |\n");
    }
    md.append('\n').append(FleetMessages.legend()).append('\n');
    List<String> deviations = deviations();
    if (!deviations.isEmpty()) {
      md.append("\n## ").append(FleetMessages.deviationsTitle()).append("\n\n");
      deviations.forEach(d -> md.append("- ").append(d).append('\n'));
    }
    if (!unbuilt.isEmpty()) {
      md.append('\n').append(FleetMessages.unbuilt(unbuilt)).append('\n');
    }
    return md.toString();
  }

  public String json() {
    return Json.render(this);
  }

  /** The components of the fleet, Moodle first. */
  public List<String> components() {
    return rows.stream().map(Row::component).toList();
  }

  /** Every component some site has. */
  public TreeSet<String> plugins() {
    TreeSet<String> out = new TreeSet<>(components());
    out.remove("moodle");
    return out;
  }
}
