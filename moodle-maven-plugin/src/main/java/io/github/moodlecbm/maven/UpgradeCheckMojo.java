package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.resolve.UpgradeCheck;
import java.io.IOException;
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
  void run(CodebaseBuild build, BuildLog log) throws CodebaseException, IOException {
    UpgradeCheck.Report report = build.upgradeCheck(MoodleVersion.parse(target));
    log.info("Upgrade from Moodle " + report.from() + " to " + report.target() + ":");
    int width = report.rows().stream().mapToInt(r -> r.component().length()).max().orElse(9);
    for (UpgradeCheck.Row r : report.rows()) {
      String verdict = switch (r.verdict()) {
        case KEEPS_ITS_PIN -> "keeps its pin: " + r.detail();
        case NEEDS_A_NEW_PIN -> "needs a new pin: " + r.detail();
        case BLOCKER -> "BLOCKS THE UPGRADE: " + r.detail();
      };
      String line = String.format("%-" + width + "s  %s", r.component(), verdict);
      if (r.verdict() == UpgradeCheck.Verdict.BLOCKER) {
        log.warn(line);
      } else {
        log.info(line);
      }
    }
    if (!report.codeRoot().isEmpty()) {
      log.info("Moodle " + report.target() + " keeps its code under " + report.codeRoot() + "/: plugins move there"
          + " (for example " + report.rows().stream().findFirst().map(r -> r.installPath() + " -> " + r.targetInstallPath())
              .orElse("mod/x -> public/mod/x") + "), and the web server must serve " + report.codeRoot() + "/.");
    }
    long pins = report.rows().stream().filter(r -> r.verdict() == UpgradeCheck.Verdict.NEEDS_A_NEW_PIN).count();
    String summary = report.blockers().size() + " blocker(s), " + pins + " plugin(s) need a new pin, "
        + (report.rows().size() - pins - report.blockers().size()) + " keep theirs. Nothing was changed.";
    if (report.blockers().isEmpty()) {
      log.info(summary + " Set <version>" + target + "</version> in <moodle> to upgrade.");
      return;
    }
    log.warn(summary + " Remove or replace the blocking plugins before upgrading.");
    if (failOnBlockers) {
      throw new CodebaseException("The upgrade to Moodle " + report.target() + " is blocked by "
          + String.join(", ", report.blockers().stream().map(UpgradeCheck.Row::component).toList())
          + " (-D" + PropertyNames.FAIL_ON_BLOCKERS + ").");
    }
  }
}
