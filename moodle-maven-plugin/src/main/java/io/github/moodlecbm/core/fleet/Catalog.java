package io.github.moodlecbm.core.fleet;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.PluginEntry;
import io.github.moodlecbm.core.config.PluginSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fleet's catalog: the plugins its sites may take, each with the source and pin every site that
 * names the component alone gets. A site may pin a component otherwise, or add one the catalog
 * lacks; both are its deviations from the catalog, said with every build and shown by
 * {@code moodle:fleet}.
 */
public final class Catalog {
  /** How a site's plugin relates to the catalog. */
  public enum Origin {
    /** The catalog's entry, as it is. */
    CATALOG,
    /** The catalog's component, with the site's own pin or source. */
    OVERRIDE,
    /** A component the catalog lacks. */
    OWN
  }

  /**
   * One plugin of a site and where it comes from; {@code detail} says how it differs from the
   * catalog.
   */
  public record Choice(String component, Origin origin, String detail, boolean pinFromCatalog) {
    public boolean deviates() {
      return origin != Origin.CATALOG;
    }
  }

  /** A site's plugins once the catalog has filled in what the site leaves out. */
  public record Taken(List<PluginSpec> plugins, List<Choice> choices) {
    public Taken {
      plugins = List.copyOf(plugins);
      choices = List.copyOf(choices);
    }

    public List<Choice> deviations() {
      return choices.stream().filter(Choice::deviates).toList();
    }
  }

  private record Entry(PluginEntry declared, PluginSpec spec) {}

  private final Map<String, Entry> entries;

  private Catalog(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(entries);
  }

  public static Catalog none() {
    return new Catalog(new LinkedHashMap<>());
  }

  /**
   * The catalog its entries make, each checked as a site's plugin would be.
   *
   * @param where the pom that declares it, for messages
   */
  public static Catalog of(List<PluginEntry> declared, String where) throws CodebaseException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (PluginEntry e : declared) {
      PluginSpec spec;
      try {
        spec = e.toSpec();
      } catch (CodebaseException problem) {
        throw new CodebaseException(FleetMessages.inCatalog(where, problem.getMessage()), problem);
      }
      String component = spec.component().toString();
      if (entries.put(component, new Entry(e, spec)) != null) {
        throw new CodebaseException(FleetMessages.duplicateInCatalog(component, where));
      }
    }
    return new Catalog(entries);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The components of the catalog, in its order. */
  public List<String> components() {
    return List.copyOf(entries.keySet());
  }

  /** The catalog's entry for a component, checked. */
  public Optional<PluginSpec> spec(String component) {
    return Optional.ofNullable(entries.get(component)).map(Entry::spec);
  }

  /**
   * A site's plugins: a component named alone takes the catalog's entry; a source, a path or a pin
   * the site gives replaces the catalog's, the rest of the entry still applies; a component the
   * catalog lacks is the site's own, as in a site outside a fleet.
   */
  public Taken take(List<PluginEntry> site) throws CodebaseException {
    List<PluginSpec> plugins = new ArrayList<>();
    List<Choice> choices = new ArrayList<>();
    for (PluginEntry mine : site) {
      Entry listed = mine.component() == null ? null : entries.get(mine.component());
      if (listed == null) {
        PluginSpec spec = mine.toSpec();
        plugins.add(spec);
        choices.add(new Choice(spec.component().toString(), Origin.OWN, FleetMessages.notInCatalog(), false));
        continue;
      }
      if (mine.componentAlone()) {
        plugins.add(listed.spec());
        choices.add(new Choice(mine.component(), Origin.CATALOG, "", true));
        continue;
      }
      PluginEntry base = listed.declared();
      boolean ownSource = mine.source() != null;
      PluginEntry merged = new PluginEntry(mine.component(),
          ownSource ? mine.source() : base.source(),
          mine.hasPin() ? mine.branch() : base.branch(),
          mine.hasPin() ? mine.tag() : base.tag(),
          mine.hasPin() ? mine.commit() : base.commit(),
          mine.hasPin() ? mine.version() : base.version(),
          mine.hasPin() ? mine.release() : base.release(),
          ownSource || mine.path() != null ? mine.path() : base.path(),
          mine.serverId() != null ? mine.serverId() : base.serverId());
      PluginSpec spec = merged.toSpec();
      plugins.add(spec);
      PluginSpec catalog = listed.spec();
      if (spec.equals(catalog)) {
        choices.add(new Choice(mine.component(), Origin.CATALOG, "", true));
      } else {
        choices.add(new Choice(mine.component(), Origin.OVERRIDE, FleetMessages.overrides(
            spec.pin().equals(catalog.pin()) ? null : spec.pin().describe(), catalog.pin().describe(),
            java.util.Objects.equals(spec.source(), catalog.source()) ? null : spec.source(), catalog.source(),
            spec.path().equals(catalog.path()) ? null : spec.path()), !mine.hasPin()));
      }
    }
    return new Taken(plugins, choices);
  }
}
