package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.release.ReleaseTarget;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that make, publish and read releases share: where the releases are. */
abstract class AbstractReleaseMojo extends AbstractMoodleMojo {
  /**
   * The site's release repository, a bare git repository holding every release. It survives
   * {@code mvn clean} and does not depend on the mirror cache. Default {@code
   * $XDG_DATA_HOME/moodle-cbm/releases/<groupId>/<artifactId>.git}, else {@code
   * ~/.local/share/moodle-cbm/releases/<groupId>/<artifactId>.git}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RELEASE_REPOSITORY)
  private File releaseRepository;

  /**
   * The branch of the release repository whose history is the site's releases. Default {@code main}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RELEASE_BRANCH, defaultValue = "main")
  private String releaseBranch;

  /**
   * The git repository releases are published to by {@code mvn deploy}, and that servers pull
   * from: a path, or a {@code file://}, {@code https://} or ssh URL. Releases are made on top of its
   * branch, so history stays linear across machines. Not set: releases stay on this machine.
   *
   * <pre>
   * &lt;releaseRemote&gt;https://git.example.org/moodle/site-releases.git&lt;/releaseRemote&gt;
   * </pre>
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RELEASE_REMOTE)
  private String releaseRemote;

  /**
   * The settings.xml {@code <server>} whose user name and password (or token) the release remote
   * takes. Default: the server named after the remote's host, if any.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RELEASE_SERVER_ID)
  private String releaseServerId;

  /**
   * Plugins that this build may drop although the previous release has them, once they have been
   * uninstalled from the site: {@code -Dmoodle.allowRemoval=filter_oldthing,block_old}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ALLOW_REMOVAL)
  private List<String> allowRemoval;

  /** Refuses a reactor build whose sites share a release repository or remote, before any of them releases. */
  void checkFleet() throws io.github.moodlecbm.core.CodebaseException {
    Fleet.checkReleaseTargets(session);
  }

  @Override
  void inheritBuildConfiguration() {
    super.inheritBuildConfiguration();
    Fleet.configuration(project).ifPresent(build -> {
      if (releaseRepository == null) {
        build.childText("releaseRepository").ifPresent(v -> releaseRepository = project.getBasedir().toPath().resolve(v).toFile());
      }
      if ("main".equals(releaseBranch)) {
        build.childText("releaseBranch").ifPresent(v -> releaseBranch = v);
      }
    });
  }

  ReleaseTarget target() {
    Path repository = releaseRepository != null
        ? releaseRepository.toPath().toAbsolutePath()
        : ReleaseTarget.defaultRepository(System.getenv(), Path.of(System.getProperty("user.home")),
            project.getGroupId(), project.getArtifactId());
    return new ReleaseTarget(repository, releaseRemote, releaseServerId, releaseBranch);
  }

  Set<String> allowRemoval() {
    Set<String> result = new TreeSet<>();
    if (allowRemoval != null) {
      for (String entry : allowRemoval) {
        for (String c : entry.split(",")) {
          if (!c.isBlank()) {
            result.add(c.trim());
          }
        }
      }
    }
    return result;
  }
}
