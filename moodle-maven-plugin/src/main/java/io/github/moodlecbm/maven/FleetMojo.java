package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.config.ConfigElement;
import io.github.moodlecbm.core.config.PluginEntry;
import io.github.moodlecbm.core.fleet.Catalog;
import io.github.moodlecbm.core.fleet.FleetCi;
import io.github.moodlecbm.core.fleet.FleetMessages;
import io.github.moodlecbm.core.fleet.FleetView;
import io.github.moodlecbm.core.fleet.LockedVersion;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.LockFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.project.MavenProject;

/**
 * Shows who runs what in a fleet: {@code mvn moodle:fleet} at the fleet's root. One table, a row
 * per component (Moodle first), a column per site, each cell the version the site's lock holds
 * (release and {@code $version}, read from {@code version.php} in the local mirrors, nothing
 * fetched); a site's deviation from the fleet's catalog is marked {@code *} and then said in
 * words, a version older than another site's {@code ^}. A site not built yet (no lock) is named
 * in a warning. The same view is written as {@code target/moodle-fleet.json} and {@code
 * target/moodle-fleet.md}, with CI jobs that build each site on its own runner: {@code
 * target/moodle-fleet-ci/gitlab-ci.yml} and {@code target/moodle-fleet-ci/Jenkinsfile}. Changes
 * nothing else.
 *
 * <p>Each site's pom, catalog and lock are read as they are; the mirrors are those of {@code
 * cacheDir} and {@code rewrites}. The goal's other parameters are those every goal shares, and do
 * not change what it shows.
 *
 * @since 0.1.0
 */
@Mojo(name = "fleet", aggregator = true, threadSafe = true)
public final class FleetMojo extends AbstractMoodleMojo {
  @Override
  boolean needsSite() {
    return false;
  }

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    List<MavenProject> sites = Fleet.sites(session);
    if (sites.isEmpty()) {
      throw new CodebaseException(FleetMessages.noSites());
    }
    List<FleetView.Site> views = new ArrayList<>();
    for (MavenProject site : sites) {
      views.add(view(site));
    }
    FleetView view = FleetView.of(views, new LockedVersion.Reader(workspace.mirrors()));
    workspace.log().info(FleetMessages.header(sites.size(), view.components().size()));
    view.lines().forEach(workspace.log()::info);
    workspace.log().info(FleetMessages.legend());
    view.deviations().forEach(workspace.log()::info);
    if (!view.unbuilt().isEmpty()) {
      workspace.log().warn(FleetMessages.unbuilt(view.unbuilt()));
    }
    Path target = Path.of(project.getBuild().getDirectory());
    Path json = target.resolve("moodle-fleet.json");
    Path md = target.resolve("moodle-fleet.md");
    AtomicFile.writeIfChanged(json, view.json());
    AtomicFile.writeIfChanged(md, view.markdown(project.getName() == null ? project.getArtifactId() : project.getName()));
    List<String> paths = new ArrayList<>();
    Path root = project.getBasedir().toPath();
    for (MavenProject site : sites) {
      paths.add(root.relativize(site.getBasedir().toPath()).toString().replace('\\', '/'));
    }
    AtomicFile.writeIfChanged(target.resolve("moodle-fleet-ci/gitlab-ci.yml"), FleetCi.gitlab(paths));
    AtomicFile.writeIfChanged(target.resolve("moodle-fleet-ci/Jenkinsfile"), FleetCi.jenkins(paths));
    workspace.log().info(FleetMessages.written(root.relativize(json).toString(), root.relativize(md).toString()));
  }

  /** A site as its pom and lock say: read, never built. */
  private static FleetView.Site view(MavenProject site) throws CodebaseException, IOException {
    Optional<ConfigElement> config = Fleet.configuration(site);
    Path lockPath = config.flatMap(c -> c.childText("lockFile"))
        .map(t -> site.getBasedir().toPath().resolve(t)).orElse(site.getBasedir().toPath().resolve("moodle.lock"));
    Lock lock = new LockFile(lockPath).read().orElse(null);
    Map<String, Catalog.Choice> choices = new LinkedHashMap<>();
    String moodleOverride = null;
    Optional<ConfigElement> catalog = config.flatMap(c -> c.child("catalog"));
    if (catalog.isPresent()) {
      List<PluginEntry> entries = new ArrayList<>();
      String where = site.getFile() == null ? site.getId() : site.getFile().getPath();
      for (ConfigElement e : config.flatMap(c -> c.child("plugins")).map(p -> p.children("plugin")).orElse(List.of())) {
        entries.add(PluginEntry.of(e, where));
      }
      Fleet.catalog(catalog.get(), Fleet.where(site)).take(entries).choices().forEach(c -> choices.put(c.component(), c));
      moodleOverride = Fleet.moodleOverride(site);
    }
    return new FleetView.Site(site.getArtifactId(), lock, choices, moodleOverride);
  }
}
