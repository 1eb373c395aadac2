package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Table;
import java.util.ArrayList;
import java.util.List;

/** What can move, as {@code mvn moodle:outdated} prints it: a table, Moodle first, and what to run next. */
public final class UpdateReport {
  private UpdateReport() {}

  /**
   * Prints the table; with {@code failIfOutdated}, anything that can move fails the build after
   * the table is shown.
   */
  public static void print(UpdateCheck.Report report, BuildLog log, boolean failIfOutdated) throws CodebaseException {
    Table table = new Table().row("component", "locked", "newest for this Moodle", "newest", "it needs");
    for (UpdateCheck.Row r : rows(report)) {
      table.row(r.component(), r.locked(), r.canMove() ? r.sameLine() : "up to date", r.newest(), r.needs());
    }
    table.lines().forEach(log::info);
    if (report.security()) {
      log.warn(ResolveMessages.securityRelease(report.moodle().sameLine().replaceFirst(" .*", "")));
    }
    long movable = rows(report).stream().filter(UpdateCheck.Row::canMove).count();
    if (movable == 0) {
      log.info(ResolveMessages.upToDate());
      return;
    }
    log.info(ResolveMessages.canMove(movable, rows(report).size()));
    if (failIfOutdated) {
      throw new CodebaseException(ResolveMessages.outdatedFailure(movable, rows(report).size()));
    }
  }

  /** Moodle's row, then every plugin's. */
  public static List<UpdateCheck.Row> rows(UpdateCheck.Report report) {
    List<UpdateCheck.Row> rows = new ArrayList<>();
    rows.add(report.moodle());
    rows.addAll(report.plugins());
    return rows;
  }
}
