package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.inventory.Inventory;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.report.DependencyGraph;
import io.github.moodlecbm.core.report.ReportMessages;
import io.github.moodlecbm.core.report.SiteReport;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.doxia.sink.Sink;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.MavenReport;
import org.apache.maven.reporting.MavenReportException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * The site report of {@code mvn site}, {@code target/site/moodle-report.html}: what the site runs
 * (Moodle and each plugin: name, version, maturity, pin and why, source and commit, what it needs,
 * licence, the site's own patches and overlay), what Moodle asks of the servers, a picture of what
 * the plugins need ({@code target/site/moodle-report-dependencies.svg} too), the releases with
 * their changelogs and upgrade impact, and the last answers of {@code moodle:outdated} and {@code
 * moodle:upgrade-check} (which keep them in {@code target/moodle-outdated.json} and {@code
 * target/moodle-upgrade-check.json}). Written from the lock, the code base's tree, the release
 * repository and the mirrors on this machine: the report never fetches. A site has no report page
 * before its first build (no lock yet).
 *
 * <p>The site and fleet archetypes wire it. Another site adds it to its pom, with
 * maven-site-plugin 3.21.0 (Doxia 2) in {@code <build><pluginManagement>}:
 *
 * <pre>
 * &lt;reporting&gt;
 *   &lt;plugins&gt;
 *     &lt;plugin&gt;
 *       &lt;groupId&gt;io.github.moodlecbm&lt;/groupId&gt;
 *       &lt;artifactId&gt;moodle-maven-plugin&lt;/artifactId&gt;
 *       &lt;version&gt;0.1.0-SNAPSHOT&lt;/version&gt;
 *       &lt;reportSets&gt;
 *         &lt;reportSet&gt;
 *           &lt;reports&gt;
 *             &lt;report&gt;report&lt;/report&gt;
 *           &lt;/reports&gt;
 *         &lt;/reportSet&gt;
 *       &lt;/reportSets&gt;
 *     &lt;/plugin&gt;
 *   &lt;/plugins&gt;
 * &lt;/reporting&gt;
 * </pre>
 *
 * <p>Then {@code mvn package site} writes the page. Run alone, {@code mvn moodle:report} only says
 * so.
 *
 * <p>Of the parameters every goal shares, the report reads {@code cacheDir} and {@code rewrites}
 * (the mirrors), {@code lockFile}, {@code releaseRepository} and {@code releaseBranch}; the others
 * do not change it. Maven gives a report the plugin's configuration from {@code
 * <pluginManagement>} and from {@code <reporting>} only; the report also takes these five from
 * the site's {@code <build><plugins>} when its own configuration and the command line leave them
 * unset, so that it reads the same mirrors, lock and releases as the build.
 *
 * @since 0.1.0
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public final class SiteReportMojo extends AbstractReleaseMojo implements MavenReport {
  static final String OUTPUT_NAME = "moodle-report";
  static final String GRAPH_FILE = OUTPUT_NAME + "-dependencies.svg";

  @Parameter(defaultValue = "${project.reporting.outputDirectory}", readonly = true, required = true)
  private File reportingDirectory;

  private File reportOutputDirectory;

  /** The report reads the site as built, never the pom's declaration. */
  @Override
  boolean needsSite() {
    return false;
  }

  /** Run alone, the goal says where the report is made: in {@code mvn site}. */
  @Override
  void run(Workspace workspace) {
    workspace.log().info(ReportMessages.runWithSite());
  }

  @Override
  public void generate(Sink sink, Locale locale) throws MavenReportException {
    inheritBuildConfiguration();
    try {
      SiteReport report = read();
      DependencyGraph graph = DependencyGraph.of(report.inventory());
      if (!graph.isEmpty()) {
        AtomicFile.writeIfChanged(getReportOutputDirectory().toPath().resolve(GRAPH_FILE),
            graph.svg(ReportMessages.dependenciesTitle()));
      }
      new SiteReportPage(sink, report, GRAPH_FILE).render();
    } catch (CodebaseException | IOException | RuntimeException e) {
      throw new MavenReportException(e instanceof CodebaseException ? e.getMessage() : io.github.moodlecbm.core.Messages.unexpected(e), e);
    }
  }

  /** The report's content, from this machine alone: the settings of the build, offline. */
  private SiteReport read() throws CodebaseException, IOException {
    Path build = Path.of(project.getBuild().getDirectory());
    Path releases = target().repository();
    try (Workspace workspace = new Workspace(settings().offline(true), new MavenBuildLog(getLog()), Fleet.ledger(session))) {
      Lock lock = workspace.lockFile().read()
          .orElseThrow(() -> new CodebaseException(ReportMessages.noLock(lockFile().getName())));
      Inventory inventory = inventory(workspace, lock, releases);
      return SiteReport.of(project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion(), inventory,
          releases, target().branch(), workspace.mirrors(), build);
    }
  }

  /** The code base's inventory: its tree from this build's store, else from the release that has it. */
  private static Inventory inventory(Workspace workspace, Lock lock, Path releases) throws CodebaseException, IOException {
    ObjectId tree = ObjectId.fromString(lock.tree());
    try (ObjectSources objects = workspace.objects(lock)) {
      return Inventory.read(lock, tree, new TreeFiles(objects));
    } catch (MissingObjectException notBuiltHere) {
      if (!ReleaseRepository.exists(releases)) {
        throw new CodebaseException(ReportMessages.treeMissing());
      }
      try (ReleaseRepository repository = ReleaseRepository.open(releases);
          ObjectReader reader = repository.repository().newObjectReader()) {
        return Inventory.read(lock, tree, new TreeFiles(reader));
      } catch (MissingObjectException neither) {
        throw new CodebaseException(ReportMessages.treeMissing());
      }
    }
  }

  @Override
  public String getOutputName() {
    return OUTPUT_NAME;
  }

  @Override
  public String getCategoryName() {
    return CATEGORY_PROJECT_REPORTS;
  }

  @Override
  public String getName(Locale locale) {
    return ReportMessages.name();
  }

  @Override
  public String getDescription(Locale locale) {
    return ReportMessages.description();
  }

  @Override
  public void setReportOutputDirectory(File directory) {
    reportOutputDirectory = directory;
  }

  @Override
  public File getReportOutputDirectory() {
    return reportOutputDirectory != null ? reportOutputDirectory : reportingDirectory;
  }

  @Override
  public boolean isExternalReport() {
    return false;
  }

  /** A site project that has been built: its lock is there. */
  @Override
  public boolean canGenerateReport() {
    return Fleet.PACKAGING.equals(project.getPackaging()) && lockFile().isFile();
  }
}
