package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.advisory.AdvisoryMessages;
import io.github.moodlecbm.core.advisory.AdvisorySource;
import io.github.moodlecbm.core.advisory.Audit;
import io.github.moodlecbm.core.advisory.AuditLog;
import io.github.moodlecbm.core.advisory.Severity;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists the published advisories (OSV's database: GitHub's, CVE, Moodle's MSA identifiers) that
 * affect the locked code base, grouped by component: Moodle asked by its release, each plugin by its
 * locked commit. For each: its identifiers, severity (from its CVSS vector), title, the nearest
 * version that fixes it on the site's line and the command that takes it. The sources of the
 * affected plugins are fetched first, so that their newest versions are known. Changes nothing; the
 * answers are cached for a day.
 *
 * @since 0.1.0
 */
@Mojo(name = "audit", threadSafe = true)
public final class AuditMojo extends AbstractMoodleMojo {
  /**
   * Fail when an advisory at or above this severity affects the code base: {@code low}, {@code
   * medium}, {@code high} or {@code critical} (an advisory of unknown severity counts). Also fails
   * when the code base could not be checked. Default: unset, the list is information.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_ADVISORIES)
  private String failOnAdvisories;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Severity threshold = threshold(failOnAdvisories);
    Lock lock = assembled(workspace).lock();
    Optional<AdvisorySource> source = advisorySource(workspace);
    if (source.isEmpty()) {
      workspace.log().info(AdvisoryMessages.notChecked());
      return;
    }
    Audit audit = new Audit(source.get(), workspace.mirrors());
    Audit.Report report = audit.audit(lock);
    Set<String> affected = new LinkedHashSet<>();
    report.findings().stream().map(Audit.Finding::component).filter(c -> !c.equals("moodle")).forEach(affected::add);
    if (!affected.isEmpty() && !workspace.settings().offline()) {
      // the fix of an affected plugin is looked for in its newest versions
      for (String component : affected) {
        try {
          workspace.mirrors().fetched(component, lock.plugins().get(component).source(), false);
        } catch (CodebaseException e) {
          workspace.log().warn(e.getMessage());
        }
      }
      report = audit.audit(lock);
    }
    remember(report, lock);
    AuditLog.printGrouped(report, workspace.log());
    AuditLog.enforce(report, threshold);
  }
}
