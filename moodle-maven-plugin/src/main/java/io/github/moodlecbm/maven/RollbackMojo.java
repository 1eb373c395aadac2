package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.rollout.Rollouts;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Takes an environment back to the release that was live before the current one: {@code mvn
 * moodle:rollback -Dmoodle.env=staging}. The release's folder is checked against the release
 * (any file changed on disk is written back), then {@code <dir>/current} moves to it in one atomic
 * step, with the config.php it went live with, between the environment's {@code
 * moodle.env.beforeSwitch} and {@code moodle.env.afterRollback} commands. Nothing is fetched. A
 * rollback that lowers Moodle's or a plugin's version is warned about: Moodle refuses code older
 * than its database, whose backup must then be restored.
 *
 * @since 0.1.0
 */
@Mojo(name = "rollback", threadSafe = true)
public final class RollbackMojo extends AbstractEnvironmentMojo {
  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Rollouts.rollback(workspace, target(), request(null, false));
  }
}
