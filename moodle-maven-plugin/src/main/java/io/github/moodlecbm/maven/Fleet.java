package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.config.SourceUrls;
import io.github.moodlecbm.core.release.ReleaseTarget;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import io.github.moodlecbm.core.config.ConfigElement;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginEntry;
import io.github.moodlecbm.core.fleet.Catalog;
import io.github.moodlecbm.core.fleet.FleetMessages;
import io.github.moodlecbm.core.mirror.FetchLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.eclipse.aether.SessionData;

/**
 * A fleet as Maven sees it: the parent pom that declares moodle-maven-plugin with a
 * {@code <catalog>} in its {@code <pluginManagement>}, the site modules that inherit it, and what
 * one reactor build of them shares. The core's {@link Catalog} does the work; this reads the poms.
 */
final class Fleet {
  static final String PLUGIN_KEY = "io.github.moodlecbm:moodle-maven-plugin";
  static final String PACKAGING = "moodle-codebase";
  private static final Object LEDGER_KEY = FetchLedger.class.getName();

  private Fleet() {}

  /** The mirrors' fetch ledger of this reactor build: every goal of every site shares it. */
  static FetchLedger ledger(MavenSession session) {
    SessionData data = session.getRepositorySession().getData();
    synchronized (Fleet.class) {
      Object known = data.get(LEDGER_KEY);
      if (known instanceof FetchLedger l) {
        return l;
      }
      FetchLedger fresh = new FetchLedger();
      data.set(LEDGER_KEY, fresh);
      return fresh;
    }
  }

  /** The plugin's configuration in the project's effective model: its build plugins', else its pluginManagement's. */
  static Optional<ConfigElement> configuration(MavenProject project) {
    return configuration(project.getModel());
  }

  /** The plugin's configuration as the project's own pom.xml writes it, inheriting nothing. */
  static Optional<ConfigElement> ownConfiguration(MavenProject project) {
    return configuration(project.getOriginalModel());
  }

  private static Optional<ConfigElement> configuration(Model model) {
    Build build = model == null ? null : model.getBuild();
    if (build == null) {
      return Optional.empty();
    }
    List<Plugin> candidates = new ArrayList<>(build.getPlugins());
    if (build.getPluginManagement() != null) {
      candidates.addAll(build.getPluginManagement().getPlugins());
    }
    return candidates.stream()
        .filter(p -> "moodle-maven-plugin".equals(p.getArtifactId())
            && (p.getGroupId() == null || "io.github.moodlecbm".equals(p.getGroupId())))
        .map(Plugin::getConfiguration)
        .filter(c -> c != null)
        .map(c -> ConfigElement.parse(c.toString()))
        .findFirst();
  }

  /** The project, or the nearest of its parents, whose own pom declares the catalog. */
  static Optional<MavenProject> catalogOwner(MavenProject project) {
    for (MavenProject p = project; p != null; p = p.getParent()) {
      if (ownConfiguration(p).flatMap(c -> c.child("catalog")).isPresent()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Where a project's catalog is declared, for messages: its pom file. */
  static String where(MavenProject project) {
    return catalogOwner(project).map(p -> p.getFile() == null ? p.getId() : p.getFile().getPath()).orElse(project.getId());
  }

  /** The catalog a site inherits, checked. */
  static Catalog catalog(PlexusConfiguration catalog, MavenProject project) throws CodebaseException {
    return catalog(element(catalog), where(project));
  }

  static Catalog catalog(ConfigElement catalog, String where) throws CodebaseException {
    List<PluginEntry> entries = new ArrayList<>();
    for (ConfigElement child : catalog.children()) {
      if (!child.name().equals("plugin")) {
        throw new CodebaseException(FleetMessages.notAPlugin(child.name(), where));
      }
      entries.add(PluginEntry.of(child, FleetMessages.catalogOf(where)));
    }
    return Catalog.of(entries, where);
  }

  /**
   * A fleet site's Moodle when its own pom declares {@code <moodle>}: the elements the site writes,
   * none of the fleet's (Maven merges the two element by element, so the fleet's {@code <version>}
   * would otherwise sit beside the site's {@code <tag>}).
   */
  static Optional<MoodleSpec> ownMoodle(MavenProject project) throws CodebaseException {
    Optional<ConfigElement> own = ownConfiguration(project).flatMap(c -> c.child("moodle"));
    Optional<ConfigElement> merged = configuration(project).flatMap(c -> c.child("moodle"));
    if (own.isEmpty() || merged.isEmpty()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (ConfigElement e : own.get().children()) {
      names.add(e.name());
    }
    ConfigElement m = merged.get();
    return Optional.of(MoodleSpec.declare(value(m, "version", names), value(m, "branch", names), value(m, "tag", names),
        value(m, "commit", names), value(m, "source", names)).withServerId(value(m, "serverId", names)));
  }

  /** How a site's own {@code <moodle>} departs from the fleet's, or null when it takes the fleet's. */
  static String moodleOverride(MavenProject site) throws CodebaseException {
    Optional<MoodleSpec> own = ownMoodle(site);
    Optional<MoodleSpec> fleet = fleetMoodle(site);
    return own.isPresent() && fleet.isPresent() && !own.get().equals(fleet.get())
        ? FleetMessages.moodleOverride(own.get().pin().describe(), fleet.get().pin().describe()) : null;
  }

  /** The fleet's own {@code <moodle>}, as the pom that declares the catalog writes it. */
  static Optional<MoodleSpec> fleetMoodle(MavenProject project) throws CodebaseException {
    Optional<MavenProject> owner = catalogOwner(project);
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    Optional<ConfigElement> m = configuration(owner.get()).flatMap(c -> c.child("moodle"));
    if (m.isEmpty()) {
      return Optional.empty();
    }
    List<String> all = List.of("version", "branch", "tag", "commit", "source", "serverId");
    return Optional.of(MoodleSpec.declare(value(m.get(), "version", all), value(m.get(), "branch", all),
        value(m.get(), "tag", all), value(m.get(), "commit", all), value(m.get(), "source", all)));
  }

  private static String value(ConfigElement parent, String name, List<String> allowed) {
    if (!allowed.contains(name)) {
      return null;
    }
    return parent.childText(name).orElse(null);
  }

  static ConfigElement element(PlexusConfiguration config) {
    List<ConfigElement> children = new ArrayList<>();
    for (PlexusConfiguration c : config.getChildren()) {
      children.add(element(c));
    }
    String value;
    try {
      value = config.getValue(null);
    } catch (RuntimeException e) {
      value = null;
    }
    return new ConfigElement(config.getName(), value, children);
  }

  /** The site projects of this reactor build, in its order. */
  static List<MavenProject> sites(MavenSession session) {
    return session.getProjects().stream().filter(p -> PACKAGING.equals(p.getPackaging())).toList();
  }

  /**
   * Where a site of this reactor build releases, as its release goals would compute it: its
   * configuration, else the user's, the system's and the project's properties, else the defaults.
   */
  static ReleaseTarget releaseTarget(MavenProject site, MavenSession session) {
    Optional<ConfigElement> config = configuration(site);
    String repository = setting(config, site, session, "releaseRepository", PropertyNames.RELEASE_REPOSITORY);
    String remote = setting(config, site, session, "releaseRemote", PropertyNames.RELEASE_REMOTE);
    String branch = setting(config, site, session, "releaseBranch", PropertyNames.RELEASE_BRANCH);
    Path path = repository == null
        ? ReleaseTarget.defaultRepository(System.getenv(), Path.of(System.getProperty("user.home")), site.getGroupId(),
            site.getArtifactId())
        : site.getBasedir().toPath().resolve(repository);
    return new ReleaseTarget(path.toAbsolutePath().normalize(), remote, null, branch == null ? "main" : branch);
  }

  private static String setting(Optional<ConfigElement> config, MavenProject site, MavenSession session, String element,
      String property) {
    Optional<String> configured = config.flatMap(c -> c.childText(element));
    if (configured.isPresent()) {
      return configured.get();
    }
    for (java.util.Properties p : List.of(session.getUserProperties(), session.getSystemProperties(), site.getProperties())) {
      String value = p.getProperty(property);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  /**
   * Refuses to release when two sites of this reactor build would release into the same release
   * repository's branch or publish to the same remote's branch: each would take the other's
   * releases for its own.
   */
  static void checkReleaseTargets(MavenSession session) throws CodebaseException {
    List<MavenProject> sites = sites(session);
    if (sites.size() < 2) {
      return; // one site cannot share its release repository with another: nothing to read
    }
    Map<String, MavenProject> repositories = new HashMap<>();
    Map<String, MavenProject> remotes = new HashMap<>();
    for (MavenProject site : sites) {
      ReleaseTarget t = releaseTarget(site, session);
      String repository = t.repository() + "#" + t.branch();
      MavenProject other = repositories.putIfAbsent(repository, site);
      if (other != null) {
        throw new CodebaseException(FleetMessages.sameReleaseRepository(other.getArtifactId(), site.getArtifactId(),
            t.repository().toString(), t.branch()));
      }
      if (t.remote() != null) {
        String remote = SourceUrls.normalise(t.remote()) + "#" + t.branch();
        other = remotes.putIfAbsent(remote, site);
        if (other != null) {
          throw new CodebaseException(FleetMessages.sameReleaseRemote(other.getArtifactId(), site.getArtifactId(),
              SourceUrls.redact(t.remote()), t.branch()));
        }
      }
    }
  }

  /** The sites of this reactor build that take the same catalog as {@code site}, in the build's order. */
  static List<MavenProject> fleetSites(MavenSession session, MavenProject site) {
    Optional<String> owner = catalogOwner(site).map(MavenProject::getId);
    if (owner.isEmpty()) {
      return List.of(site);
    }
    return sites(session).stream().filter(p -> catalogOwner(p).map(MavenProject::getId).equals(owner)).toList();
  }

  /** Whether this goal runs for several sites of one fleet in this build: it then answers for the fleet. */
  static boolean inFleetBuild(MavenSession session, MavenProject site) {
    return fleetSites(session, site).size() > 1;
  }

  /**
   * Hands one site's result of a goal to the fleet's answer. The site that completes the fleet
   * gets every site's result, in the build's order, and gives the answer; the others get nothing.
   */
  @SuppressWarnings("unchecked")
  static <T> Optional<List<T>> deposit(MavenSession session, MavenProject site, String goal, T result) {
    List<MavenProject> fleet = fleetSites(session, site);
    String key = "io.github.moodlecbm.fleet." + goal + "." + catalogOwner(site).map(MavenProject::getId).orElse("");
    SessionData data = session.getRepositorySession().getData();
    synchronized (Fleet.class) {
      Map<String, Object> results = (Map<String, Object>) data.get(key);
      if (results == null) {
        results = new HashMap<>();
        data.set(key, results);
      }
      results.put(site.getId(), result);
      if (results.size() < fleet.size()) {
        return Optional.empty();
      }
      List<T> all = new ArrayList<>();
      for (MavenProject p : fleet) {
        all.add((T) results.get(p.getId()));
      }
      data.set(key, null);
      return Optional.of(all);
    }
  }
}
