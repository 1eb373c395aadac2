package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists the site's releases, newest first: tag, date, Moodle's release, number of plugins and the
 * changelog's summary. With a release remote, its releases are fetched first.
 *
 * @since 0.1.0
 */
@Mojo(name = "history", threadSafe = true)
public final class HistoryMojo extends AbstractReleaseMojo {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Override
  void run(CodebaseBuild build, BuildLog log) throws IOException {
    ReleaseTarget target = target();
    try (ReleaseRepository releases = build.releases(target)) {
      List<ReleaseHistory.Entry> entries = new ReleaseHistory(releases).list(target.branch());
      if (entries.isEmpty()) {
        log.info("No release yet on branch " + target.branch() + " of " + target.repository() + ".");
        return;
      }
      int width = entries.stream().mapToInt(e -> e.tag().length()).max().orElse(3);
      log.info(String.format("%-" + width + "s  %-16s  %s", "Tag", "Date (UTC)", "Changes"));
      for (ReleaseHistory.Entry e : entries) {
        log.info(String.format("%-" + width + "s  %-16s  %s", e.tag(), DATE.format(e.time()), e.subject()));
      }
      log.info(entries.size() + " release" + (entries.size() == 1 ? "" : "s") + " on branch " + target.branch()
          + " of " + target.repository());
    }
  }
}
