package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.image.ImageBuild;
import io.github.moodlecbm.core.image.ImageMessages;
import io.github.moodlecbm.core.image.ImageStage;
import io.github.moodlecbm.core.image.ImageTarget;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.Releases;
import io.github.moodlecbm.core.rollout.Rollout;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that make a container image of a release share: its base, where it goes, where the code goes in it. */
abstract class AbstractImageMojo extends AbstractReleaseMojo {
  /**
   * The base image: a PHP web server image with the extensions Moodle needs, from a registry
   * ({@code registry.example.org/php/moodle:8.3}), the local Docker daemon ({@code
   * docker://name}) or a {@code docker save} archive ({@code tar:///path/base.tar}, which works
   * offline). Default {@code moodlehq/moodle-php-apache:8.3}, Moodle's own image of PHP 8.3 and
   * Apache.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE_FROM, defaultValue = ImageBuild.DEFAULT_FROM)
  private String imageFrom;

  /**
   * Push the image to a registry under this name, tagged with the release's tag (and {@code
   * latest} for the newest release): {@code registry.example.org/moodle/campus}; {@code
   * docker://campus} loads it into the local Docker daemon instead. Default: none, the image is
   * written to {@code moodle.image.tar}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE_TO)
  private String imageTo;

  /**
   * The OCI image tar written when no {@code moodle.image.to} is given ({@code docker load -i} or
   * {@code podman load -i} loads it). Default {@code target/moodle-image/<artifactId>.tar}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE_TAR, defaultValue = "${project.build.directory}/moodle-image/${project.artifactId}.tar")
  private File imageTar;

  /**
   * Where the code base is in the image. The image's {@code MOODLE_DOCROOT} and {@code
   * APACHE_DOCUMENT_ROOT} name the folder the web server serves: this one, or its {@code public/}
   * for Moodle 5.1 and later. Default {@code /var/www/moodle}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE_CODE_DIR, defaultValue = ImageBuild.DEFAULT_CODE_DIR)
  private String imageCodeDir;

  /**
   * The settings.xml {@code <server>} with the credentials of the registry. Default: the one named
   * after the registry's host; else Docker's own login ({@code docker login}) and credential
   * helpers, as Jib finds them.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE_SERVER_ID)
  private String imageServerId;

  /**
   * Reach a registry over plain HTTP, or over HTTPS with a certificate that cannot be verified
   * (an internal registry): its traffic can then be read on the network. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE_ALLOW_INSECURE, defaultValue = "false")
  private boolean allowInsecureRegistries;

  /**
   * An environment of {@code src/main/environments} whose config.php (or template, filled) is
   * written next to the image, {@code target/moodle-image/config.php}, for the container to mount
   * at run time. It is never put in the image.
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
   * Make an image of a release whose verification was skipped. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ALLOW_UNVERIFIED, defaultValue = "false")
  private boolean allowUnverified;

  /** Builds the image of release {@code tag} (null: the newest), and the config.php to mount beside it. */
  ImageBuild.Built buildImage(Workspace workspace, String tag) throws CodebaseException, IOException {
    Path build = Path.of(project.getBuild().getDirectory());
    ImageTarget target;
    if (imageTo != null && !imageTo.isBlank()) {
      String name = imageTo.trim();
      target = name.startsWith("docker://") ? new ImageTarget.Docker(name.substring("docker://".length()))
          : new ImageTarget.Registry(name.replaceFirst("^registry://", ""), imageServerId);
    } else {
      target = new ImageTarget.Tar(imageTar.toPath().toAbsolutePath(), project.getArtifactId().toLowerCase(java.util.Locale.ROOT));
    }
    ImageStage.Options options = new ImageStage.Options(project.getGroupId() + ":" + project.getArtifactId(), tag,
        target().branch(), imageFrom, imageCodeDir, target, allowUnverified, build.resolve("moodle-image/files"),
        build.resolve("moodle-cbm/image-files.index"), workspace.settings().cacheDir().resolve("image-layers"),
        allowInsecureRegistries);
    byte[] config = null;
    if (env != null && !env.isBlank()) {
      // an environment's mistake is said before anything is built
      config = Rollout.config(new Rollout.Request(environments.toPath().toAbsolutePath(), env, project.getBasedir().toPath()
          .toAbsolutePath(), project.getGroupId() + ":" + project.getArtifactId(), tag, target().branch(), false, allowUnverified,
          System.getenv()), workspace.settings().servers());
    }
    ImageBuild.Built built;
    try (ReleaseRepository releases = Releases.open(workspace, target())) {
      built = new ImageStage(workspace).image(releases, options);
    }
    // for the next step of a pipeline: what was built, where
    AtomicFile.write(build.resolve("moodle-image/image.json"), io.github.moodlecbm.core.Json.render(built));
    if (target instanceof ImageTarget.Tar t) {
      workspace.log().info(ImageMessages.writtenTar(t.file()));
    }
    if (config != null) {
      Path file = build.resolve("moodle-image/config.php");
      AtomicFile.of(file).permissions(Rollout.CONFIG_MODE).write(config);
      workspace.log().info(ImageMessages.configForContainer(file, imageCodeDir, env.trim()));
    } else {
      workspace.log().info(ImageMessages.noConfigForContainer(imageCodeDir));
    }
    return built;
  }
}
