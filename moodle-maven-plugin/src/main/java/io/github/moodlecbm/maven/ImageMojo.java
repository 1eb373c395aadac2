package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.Workspace;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds a container image (OCI) of a release with Jib, without a Docker daemon: {@code mvn
 * moodle:image [-Dmoodle.release=<tag>]}. The base image ({@code moodle.image.from}) gets the
 * release's code base at {@code moodle.image.codeDir}: Moodle in one layer, each plugin in a layer
 * of its own, so that a plugin update changes that layer alone; files owned by root, readable by
 * the web server's user, never writable by it; every time fixed, so that the same release gives the
 * same image digest anywhere. No config.php is ever in the image: {@code -Dmoodle.env} writes an
 * environment's next to it, to mount. The image goes to a registry ({@code moodle.image.to}), the
 * local Docker daemon ({@code docker://name}) or an OCI tar, tagged with the release's tag and,
 * for the newest release, {@code latest}. A release made without verification is refused unless
 * {@code -Dmoodle.allowUnverified}.
 *
 * @since 0.1.0
 */
@Mojo(name = "image", threadSafe = true)
public final class ImageMojo extends AbstractImageMojo {
  /**
   * The tag of the release to make an image of (see {@code mvn moodle:history}). Default: the
   * newest release of the release branch.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.RELEASE)
  private String release;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    buildImage(workspace, release);
  }
}
