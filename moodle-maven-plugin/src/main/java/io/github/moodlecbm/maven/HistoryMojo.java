package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releases;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Lists the site's releases, newest first: tag, date, Moodle's release, number of plugins and the
 * changelog's summary. With a release remote, its releases are fetched first.
 *
 * @since 0.1.0
 */
@Mojo(name = "history", threadSafe = true)
public final class HistoryMojo extends AbstractReleaseMojo {
  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    ReleaseTarget target = target();
    try (ReleaseRepository releases = Releases.open(workspace, target)) {
      new ReleaseHistory(releases).print(target.branch(), target.repository(), workspace.log());
    }
  }
}
