package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.rollout.Rollout;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** What rollout and rollback share: the environment, where environments are described, a dry run. */
abstract class AbstractEnvironmentMojo extends AbstractReleaseMojo {
  /**
   * The environment: a folder of {@code src/main/environments} holding its {@code config.php} (or
   * {@code config.php.template}) and {@code environment.properties}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ENV)
  private String env;

  /**
   * Where the site's environments are described. Default {@code src/main/environments}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ENVIRONMENTS, defaultValue = "${project.basedir}/src/main/environments")
  private File environments;

  /**
   * Print what would be done, and change nothing. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.DRY_RUN, defaultValue = "false")
  private boolean dryRun;

  Rollout.Request request(String release, boolean allowUnverified) {
    return new Rollout.Request(environments.toPath().toAbsolutePath(), env, project.getBasedir().toPath().toAbsolutePath(),
        project.getGroupId() + ":" + project.getArtifactId(), release, target().branch(), dryRun, allowUnverified, System.getenv());
  }
}
