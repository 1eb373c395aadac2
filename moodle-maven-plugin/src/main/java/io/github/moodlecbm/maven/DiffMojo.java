package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releases;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The upgrade impact between two releases, as an administrator plans it: Moodle's release change,
 * each plugin whose version changes (its database upgrade runs on the server), the plugins added,
 * the plugins removed (to uninstall first), and each plugin's commits in between when the mirror
 * cache has them: {@code mvn moodle:diff -Dmoodle.from=<tag> [-Dmoodle.to=<tag>]}.
 *
 * @since 0.1.0
 */
@Mojo(name = "diff", threadSafe = true)
public final class DiffMojo extends AbstractReleaseMojo {
  /**
   * The release the site runs now.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FROM, required = true)
  private String from;

  /**
   * The release to go to. Default: the newest release.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TO)
  private String to;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    ReleaseTarget target = target();
    try (ReleaseRepository releases = Releases.open(workspace, target)) {
      ReleaseHistory history = new ReleaseHistory(releases);
      String newest = to == null || to.isBlank() ? history.newest(target.branch(), target.repository()) : to;
      history.impact(from, newest, workspace.mirrors()).forEach(workspace.log()::info);
    }
  }
}
