package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Lists what can move, Moodle first: a newer point release of the site's Moodle branch (it
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
  void run(CodebaseBuild build, BuildLog log) throws CodebaseException, IOException {
    UpdateCheck.Report report = build.outdated();
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"component", "locked", "newest for this Moodle", "newest", "it needs"});
    for (UpdateCheck.Row r : rows(report)) {
      lines.add(new String[] {r.component(), r.locked(), r.canMove() ? r.sameLine() : "up to date", r.newest(), r.needs()});
    }
    int[] width = new int[5];
    for (String[] l : lines) {
      for (int i = 0; i < 5; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    for (String[] l : lines) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        out.append(i == 4 ? l[i] : String.format("%-" + width[i] + "s  ", l[i]));
      }
      log.info(out.toString().stripTrailing());
    }
    if (report.security()) {
      log.warn("Moodle " + report.moodle().sameLine().replaceFirst(" .*", "") + " is out: point releases carry security"
          + " fixes. Take it with mvn moodle:update, then mvn package.");
    }
    long movable = rows(report).stream().filter(UpdateCheck.Row::canMove).count();
    if (movable == 0) {
      log.info("Everything is up to date for this Moodle.");
    } else {
      log.info(movable + " of " + rows(report).size() + " can move: mvn moodle:update takes them, then mvn package builds them.");
      if (failIfOutdated) {
        throw new CodebaseException(movable + " of " + rows(report).size() + " components can move (see the table above)."
            + " -D" + PropertyNames.FAIL_IF_OUTDATED + " fails the build for it.");
      }
    }
  }

  private static List<UpdateCheck.Row> rows(UpdateCheck.Report report) {
    List<UpdateCheck.Row> rows = new ArrayList<>();
    rows.add(report.moodle());
    rows.addAll(report.plugins());
    return rows;
  }
}
