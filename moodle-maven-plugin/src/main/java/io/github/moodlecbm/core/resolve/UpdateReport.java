package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What can move, as {@code mvn moodle:outdated} prints it: a table, Moodle first, and what to run next. */
public final class UpdateReport {
  private UpdateReport() {}

  /**
   * Prints the table; with {@code failIfOutdated}, anything that can move fails the build after
   * the table is shown.
   */
  public static void print(UpdateCheck.Report report, BuildLog log, boolean failIfOutdated) throws CodebaseException {
    print(report, Map.of(), log, failIfOutdated);
  }

  /**
   * Prints the table, the updates that remove published advisories first, marked with the
   * advisories each removes ({@code security}, by component: empty when none does).
   */
  public static void print(UpdateCheck.Report report, Map<String, List<String>> security, BuildLog log, boolean failIfOutdated)
      throws CodebaseException {
    Table table = security.isEmpty() ? new Table().row("component", "locked", "newest for this Moodle", "newest", "it needs")
        : new Table().row("component", "locked", "newest for this Moodle", "newest", "it needs", "security");
    List<UpdateCheck.Row> ordered = new ArrayList<>();
    rows(report).stream().filter(r -> r.canMove() && security.containsKey(r.component())).forEach(ordered::add);
    rows(report).stream().filter(r -> !ordered.contains(r)).forEach(ordered::add);
    for (UpdateCheck.Row r : ordered) {
      String moves = r.canMove() ? r.sameLine() : "up to date";
      if (security.isEmpty()) {
        table.row(r.component(), r.locked(), moves, r.newest(), r.needs());
      } else {
        List<String> fixes = r.canMove() ? security.getOrDefault(r.component(), List.of()) : List.of();
        table.row((fixes.isEmpty() ? "" : "! ") + r.component(), r.locked(), moves, r.newest(), r.needs(),
            fixes.isEmpty() ? "" : ResolveMessages.fixes(fixes));
      }
    }
    table.lines().forEach(log::info);
    if (!security.isEmpty()) {
      log.warn(ResolveMessages.securityUpdates(security));
    }
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
