package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.release.ReleaseMessages;
import io.github.moodlecbm.core.release.ReleaseStage;
import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Publishes the releases to the release remote: the release branch, then the tags of the releases
 * the remote lacks. Never forces. When another build published first, the releases made here are
 * made again on top of the remote's newest release (same code bases, same tag names) and pushed;
 * when that release brought something this build would remove or downgrade, a person decides. The
 * Maven artifact is deployed only when the pom has a {@code <distributionManagement>}.
 *
 * @since 0.1.0
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public final class DeployMojo extends AbstractReleaseMojo {
  /** The property of maven-deploy-plugin that makes it skip. */
  static final String MAVEN_DEPLOY_SKIP = "maven.deploy.skip";

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    checkFleet();
    if (project.getDistributionManagementArtifactRepository() == null
        && session.getUserProperties().getProperty("altDeploymentRepository") == null) {
      // maven-deploy-plugin runs next in this phase; without a repository there is nothing for it to do.
      project.getProperties().setProperty(MAVEN_DEPLOY_SKIP, "true");
      workspace.log().info(ReleaseMessages.noDistributionManagement());
    }
    new ReleaseStage(workspace).publish(target(), allowRemoval());
  }
}
