package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.patch.PatchOutlook;
import io.github.moodlecbm.core.resolve.Lock;
import java.util.LinkedHashMap;
import java.util.Map;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.resolve.UpgradeCheck;
import io.github.moodlecbm.core.resolve.UpgradeReport;
import io.github.moodlecbm.core.fleet.FleetAnswers;
import io.github.moodlecbm.core.report.CachedChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Checks a planned major upgrade before anything changes: for each plugin, whether the version it
 * is pinned to declares it runs on the target Moodle, which version would when it does not, and
 * which plugins block the upgrade because none does; and the plugins' install paths in the target
 * (from Moodle 5.1, under {@code public/}). Changes nothing.
 *
 * @since 0.1.0
 */
@Mojo(name = "upgrade-check", threadSafe = true)
public final class UpgradeCheckMojo extends AbstractMoodleMojo {
  /**
   * The Moodle to upgrade to: {@code 5.0} (its newest release), {@code 5.0+} or {@code 5.0.2}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TARGET, required = true)
  private String target;

  /**
   * Fail when a plugin blocks the upgrade. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_BLOCKERS, defaultValue = "false")
  private boolean failOnBlockers;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Lock lock = assembled(workspace).lock();
    UpgradeCheck.Report report = new UpgradeCheck(workspace.mirrors(), workspace.settings().offline())
        .check(site(), lock, MoodleVersion.parse(target));
    CachedChecks.write(CachedChecks.upgradeFile(Path.of(project.getBuild().getDirectory())),
        CachedChecks.of(report, java.time.Instant.now()));
    Map<String, PatchOutlook.Update> versions = new LinkedHashMap<>();
    versions.put("moodle", new PatchOutlook.Update(report.target(), report.targetCommit()));
    for (UpgradeCheck.Row row : report.rows()) {
      if (row.verdict() == UpgradeCheck.Verdict.NEEDS_A_NEW_PIN) {
        versions.put(row.component(), new PatchOutlook.Update(row.detail(), row.commit()));
      }
    }
    if (inFleetBuild()) {
      new PatchOutlook(workspace).report(lock, versions);
      Optional<List<FleetAnswers.SiteUpgrade>> fleet =
          Fleet.deposit(session, project, "upgrade-check", new FleetAnswers.SiteUpgrade(project.getArtifactId(), report));
      if (fleet.isPresent()) {
        FleetAnswers.printUpgrade(fleet.get(), target, workspace.log(), failOnBlockers);
      }
      return;
    }
    try {
      UpgradeReport.print(report, target, workspace.log(), failOnBlockers);
    } finally {
      // Which of the site's patches the target's versions would break or make needless.
      new PatchOutlook(workspace).report(lock, versions);
    }
  }
}
