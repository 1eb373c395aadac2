package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.patch.PatchOutlook;
import io.github.moodlecbm.core.resolve.Lock;
import java.util.LinkedHashMap;
import java.util.Map;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.resolve.UpdateReport;
import io.github.moodlecbm.core.fleet.FleetAnswers;
import io.github.moodlecbm.core.report.CachedChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists what can move: first the updates that remove a published advisory (marked {@code !}, with
 * the advisories each removes; see {@code moodle:audit}), then Moodle: a newer point release of the site's Moodle branch (it
 * carries security fixes), then each plugin: the locked version, the newest version on its pin's
 * line that declares it runs on the site's Moodle, and the newest version overall with what it
 * needs. Every source is fetched first. Changes nothing.
 *
 * @since 0.1.0
 */
@Mojo(name = "outdated", threadSafe = true)
public final class OutdatedMojo extends AbstractMoodleMojo {
  /**
   * Fail the build when anything can move, for a CI job that watches for updates. Default
   * {@code false}: the table is information.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_IF_OUTDATED, defaultValue = "false")
  private boolean failIfOutdated;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Lock lock = assembled(workspace).lock();
    UpdateCheck.Report report = new UpdateCheck(workspace.mirrors(), workspace.settings().offline()).check(site(), lock);
    // the site report shows the last answer without fetching
    CachedChecks.write(CachedChecks.outdatedFile(Path.of(project.getBuild().getDirectory())),
        CachedChecks.of(report, java.time.Instant.now()));
    Map<String, PatchOutlook.Update> updates = new LinkedHashMap<>();
    for (UpdateCheck.Row row : UpdateReport.rows(report)) {
      if (row.canMove()) {
        updates.put(row.component(), new PatchOutlook.Update(row.sameLine(), row.sameLineCommit()));
      }
    }
    if (inFleetBuild()) {
      // Run at a fleet's root: the site's patches here, one answer for every site once the last has looked.
      new PatchOutlook(workspace).report(lock, updates);
      Optional<List<FleetAnswers.SiteUpdates>> fleet =
          Fleet.deposit(session, project, "outdated", new FleetAnswers.SiteUpdates(project.getArtifactId(), report, catalogPins()));
      if (fleet.isPresent()) {
        FleetAnswers.printOutdated(fleet.get(), workspace.log(), failIfOutdated);
      }
      return;
    }
    try {
      UpdateReport.print(report, securityUpdates(workspace, report), workspace.log(), failIfOutdated);
    } finally {
      // Which of the site's patches each update would break or make needless, before anything changes.
      new PatchOutlook(workspace).report(lock, updates);
    }
  }
}
