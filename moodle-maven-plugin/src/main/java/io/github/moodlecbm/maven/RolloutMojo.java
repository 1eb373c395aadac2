package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.rollout.Rollouts;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Takes a release to an environment: {@code mvn moodle:rollout -Dmoodle.env=staging
 * [-Dmoodle.release=<tag>]}. The release is written from the release repository (the release
 * remote's releases fetched first) into {@code <dir>/releases/<tag>/}, sharing by hard links every
 * file unchanged since the live release; the environment's config.php is placed beside it (mode
 * 0640, never printed); {@code <dir>/current} then moves to it in one atomic step, between the
 * environment's {@code moodle.env.beforeSwitch} and {@code moodle.env.afterSwitch} commands. The
 * last {@code moodle.env.keep} releases stay on disk for rollbacks. Works the same on the server
 * itself, which needs only Java, Maven and read access to the release remote.
 *
 * @since 0.1.0
 */
@Mojo(name = "rollout", threadSafe = true)
public final class RolloutMojo extends AbstractEnvironmentMojo {
  /**
   * The tag of the release to roll out (see {@code mvn moodle:history}). Default: the newest
   * release of the release branch.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RELEASE)
  private String release;

  /**
   * Roll out a release whose verification was skipped. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ALLOW_UNVERIFIED, defaultValue = "false")
  private boolean allowUnverified;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Rollouts.rollout(workspace, target(), request(release, allowUnverified));
  }
}
