package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Table;
import java.util.List;

/** A planned upgrade as {@code mvn moodle:upgrade-check} prints it: a line per plugin, then the verdict. */
public final class UpgradeReport {
  private UpgradeReport() {}

  /**
   * Prints the plan; with {@code failOnBlockers}, a plugin that blocks the upgrade fails the build
   * after the plan is shown.
   *
   * @param target the Moodle version as the user asked for it ({@code 5.0})
   */
  public static void print(UpgradeCheck.Report report, String target, BuildLog log, boolean failOnBlockers)
      throws CodebaseException {
    log.info(ResolveMessages.upgradeHeading(report.from(), report.target()));
    Table table = new Table();
    for (UpgradeCheck.Row r : report.rows()) {
      table.row(r.component(), ResolveMessages.verdict(r));
    }
    List<String> lines = table.lines();
    for (int i = 0; i < lines.size(); i++) {
      if (report.rows().get(i).verdict() == UpgradeCheck.Verdict.BLOCKER) {
        log.warn(lines.get(i));
      } else {
        log.info(lines.get(i));
      }
    }
    if (!report.codeRoot().isEmpty()) {
      log.info(ResolveMessages.codeRootMoves(report));
    }
    long pins = report.rows().stream().filter(r -> r.verdict() == UpgradeCheck.Verdict.NEEDS_A_NEW_PIN).count();
    String summary = ResolveMessages.upgradeSummary(report.blockers().size(), pins, report.rows().size() - pins - report.blockers().size());
    if (report.blockers().isEmpty()) {
      log.info(ResolveMessages.upgradeClear(summary, target));
      return;
    }
    log.warn(ResolveMessages.upgradeBlocked(summary));
    if (failOnBlockers) {
      throw new CodebaseException(ResolveMessages.upgradeBlockedFailure(report));
    }
  }
}
