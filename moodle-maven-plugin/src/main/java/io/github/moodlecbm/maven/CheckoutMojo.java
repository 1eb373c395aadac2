package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.Releases;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the code base of an earlier release into a folder, from the release repository (or the
 * release remote, whose releases are fetched first): {@code mvn moodle:checkout
 * -Dmoodle.release=<tag>}. Like the assembly, it writes only the files that differ from the last
 * checkout into the same folder.
 *
 * @since 0.1.0
 */
@Mojo(name = "checkout", threadSafe = true)
public final class CheckoutMojo extends AbstractReleaseMojo {
  /**
   * The tag of the release to restore (see {@code mvn moodle:history}).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RELEASE, required = true)
  private String release;

  /**
   * Where the release's code base is written. Default {@code target/checkout}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CHECKOUT_DIR, defaultValue = "${project.build.directory}/checkout")
  private File checkoutDir;

  @Parameter(defaultValue = "${project.build.directory}/moodle-cbm", readonly = true)
  private File stateDirectory;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    try (ReleaseRepository releases = Releases.open(workspace, target())) {
      new ReleaseHistory(releases).restore(release, checkoutDir.toPath(), stateDirectory.toPath(), workspace.log());
    }
  }
}
