package io.github.moodlecbm.core.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.Tool;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.verify.VerificationState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Builds the container image of a release with Jib, without a Docker daemon: the base image
 * ({@code from}: a registry's, {@code docker://} the local daemon's, {@code tar://} a {@code docker
 * save} archive) with the release's code base at {@code codeDir}, Moodle in one layer and each
 * plugin in a layer of its own ({@link ImageLayers}). Every file is owned by root and readable by
 * all ({@code 0644}, {@code 0755} for executables and folders): the web server's user reads the
 * code, never writes it. Every time in the image is fixed, so that the same release gives the
 * same digest on any machine. No config.php is ever put in a layer.
 */
public final class ImageBuild {
  /** The base image when none is given: Moodle's own PHP and Apache image, with every extension Moodle needs. */
  public static final String DEFAULT_FROM = "moodlehq/moodle-php-apache:8.3";
  public static final String DEFAULT_CODE_DIR = "/var/www/moodle";
  /** OCI's pre-defined annotation keys, carried as labels. */
  public static final String VERSION = "org.opencontainers.image.version";
  public static final String REVISION = "org.opencontainers.image.revision";
  public static final String SOURCE = "org.opencontainers.image.source";
  public static final String TITLE = "org.opencontainers.image.title";
  private static final FilePermissions FILE = FilePermissions.fromOctalString("644");
  private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");

  /**
   * What to build.
   *
   * @param site the site, {@code groupId:artifactId}
   * @param tag the release's tag, the image's tag too
   * @param latest also tag the image {@code latest} (the newest release of the release branch)
   * @param files the folder the release's code base is written to
   * @param layerCache Jib's caches: base image layers and the application's layers
   * @param allowInsecure a registry may be reached over plain HTTP or with a certificate that cannot be verified
   */
  public record Request(String site, String tag, Manifest manifest, List<ImageLayers.Layer> layers, Path files, String from,
      String codeDir, ImageTarget target, boolean latest, boolean offline, boolean allowUnverified, Path layerCache,
      Servers servers, boolean allowInsecure) {
    public Request(String site, String tag, Manifest manifest, List<ImageLayers.Layer> layers, Path files, String from,
        String codeDir, ImageTarget target, boolean latest, boolean offline, boolean allowUnverified, Path layerCache,
        Servers servers) {
      this(site, tag, manifest, layers, files, from, codeDir, target, latest, offline, allowUnverified, layerCache, servers, false);
    }
  }

  /** What was built: the image's digest and id, its layers' names and file counts, where it went. */
  public record Built(String digest, String imageId, String reference, List<String> tags, Map<String, Integer> layers,
      boolean pushed) {}

  private final BuildLog log;

  public ImageBuild(BuildLog log) {
    this.log = log;
  }

  /** Refuses what must never be an image: an unverified release (unless allowed), a code base with a config.php. */
  public static void check(Request r) throws CodebaseException {
    if (r.manifest().verification() == VerificationState.SKIPPED && !r.allowUnverified()) {
      throw new CodebaseException(ImageMessages.unverified(r.tag()));
    }
    String root = r.manifest().lock().moodle().codeRoot();
    for (ImageLayers.Layer layer : r.layers()) {
      for (ImageLayers.File f : layer.files()) {
        if (f.path().equals("config.php") || root != null && !root.isEmpty() && f.path().equals(root + "/config.php")) {
          throw new CodebaseException(ImageMessages.configInCodebase(r.tag(), f.path(), layer.name()));
        }
      }
    }
  }

  public Built build(Request r) throws CodebaseException, IOException {
    check(r);
    AbsoluteUnixPath codeDir;
    try {
      codeDir = AbsoluteUnixPath.get(r.codeDir());
    } catch (IllegalArgumentException e) {
      throw new CodebaseException(ImageMessages.badCodeDir(r.codeDir()));
    }
    JibContainerBuilder builder = base(r);
    for (ImageLayers.Layer layer : r.layers()) {
      FileEntriesLayer.Builder entries = FileEntriesLayer.builder().setName(layer.name());
      for (ImageLayers.File f : layer.files()) {
        if (f.link()) {
          log.warn(ImageMessages.linkFollowed(f.path(), layer.name()));
        }
        entries.addEntry(new FileEntry(ImageLayers.source(r.files(), f), codeDir.resolve(f.path()),
            f.executable() ? EXECUTABLE : FILE, FileEntriesLayer.DEFAULT_MODIFICATION_TIME, "0:0"));
      }
      builder.addFileEntriesLayer(entries.build());
    }
    String codeRoot = r.manifest().lock().moodle().codeRoot();
    String docroot = codeRoot == null || codeRoot.isEmpty() ? r.codeDir() : codeDir.resolve(codeRoot).toString();
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(VERSION, r.tag());
    labels.put(REVISION, r.manifest().lockSha256());
    labels.put(SOURCE, r.site());
    labels.put(TITLE, r.site().substring(r.site().indexOf(':') + 1));
    labels.put("io.github.moodlecbm.moodle", r.manifest().moodle().release() == null ? "" : r.manifest().moodle().release());
    labels.put("io.github.moodlecbm.tree", r.manifest().tree());
    builder.setLabels(labels)
        .addEnvironmentVariable("MOODLE_DIR", r.codeDir())
        .addEnvironmentVariable("MOODLE_DOCROOT", docroot)
        .addEnvironmentVariable("APACHE_DOCUMENT_ROOT", docroot)
        .setWorkingDirectory(codeDir)
        .setCreationTime(Instant.EPOCH)
        .setFormat(r.target() instanceof ImageTarget.Docker ? ImageFormat.Docker : ImageFormat.OCI);
    Containerizer containerizer = containerizer(r)
        .setOfflineMode(r.offline())
        .setAllowInsecureRegistries(r.allowInsecure())
        .setBaseImageLayersCache(r.layerCache().resolve("base"))
        .setApplicationLayersCache(r.layerCache().resolve("application"))
        .setToolName(Tool.NAME)
        .setToolVersion(Tool.version())
        .addEventHandler(LogEvent.class, jibLog());
    List<String> tags = new ArrayList<>(List.of(r.tag()));
    if (r.latest()) {
      containerizer.withAdditionalTag("latest");
      tags.add("latest");
    }
    JibContainer built;
    try {
      built = builder.containerize(containerizer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CodebaseException(ImageMessages.interrupted(), e);
    } catch (RegistryUnauthorizedException e) {
      throw new CodebaseException(refused(r, e), e);
    } catch (ExecutionException | RegistryException | IOException | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RegistryUnauthorizedException u) {
        throw new CodebaseException(refused(r, u), e);
      }
      if (cause instanceof com.google.cloud.tools.jib.registry.RegistryCredentialsNotSentException
          || cause instanceof com.google.cloud.tools.jib.api.InsecureRegistryException) {
        throw new CodebaseException(ImageMessages.insecureRegistry(Messages.redact(Messages.rootMessage(cause))), e);
      }
      throw new CodebaseException(failed(r, cause), e);
    }
    Map<String, Integer> counts = ImageLayers.counts(r.layers());
    return new Built(built.getDigest().toString(), built.getImageId().toString(), built.getTargetImage().toString(), tags, counts,
        built.isImagePushed());
  }

  /** The base image: a docker save archive, the daemon's, or a registry's with credentials. */
  private JibContainerBuilder base(Request r) throws CodebaseException {
    String from = r.from() == null || r.from().isBlank() ? DEFAULT_FROM : r.from().trim();
    try {
      if (from.startsWith(Jib.TAR_IMAGE_PREFIX)) {
        Path archive = Path.of(from.substring(Jib.TAR_IMAGE_PREFIX.length()));
        if (!Files.isRegularFile(archive)) {
          throw new CodebaseException(ImageMessages.baseArchiveMissing(archive));
        }
        return Jib.from(TarImage.at(archive));
      }
      if (from.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX)) {
        return Jib.from(DockerDaemonImage.named(from.substring(Jib.DOCKER_DAEMON_IMAGE_PREFIX.length())));
      }
      String name = from.startsWith(Jib.REGISTRY_IMAGE_PREFIX) ? from.substring(Jib.REGISTRY_IMAGE_PREFIX.length()) : from;
      return Jib.from(withCredentials(RegistryImage.named(name), ImageReference.parse(name), null, r.servers()));
    } catch (InvalidImageReferenceException e) {
      throw new CodebaseException(ImageMessages.badReference(from, true));
    }
  }

  private Containerizer containerizer(Request r) throws CodebaseException {
    try {
      if (r.target() instanceof ImageTarget.Tar t) {
        Files.createDirectories(t.file().toAbsolutePath().getParent());
        return Containerizer.to(TarImage.at(t.file()).named(ImageReference.parse(t.image()).withQualifier(r.tag())));
      }
      if (r.target() instanceof ImageTarget.Docker d) {
        return Containerizer.to(DockerDaemonImage.named(ImageReference.parse(d.image()).withQualifier(r.tag())));
      }
      ImageTarget.Registry reg = (ImageTarget.Registry) r.target();
      ImageReference ref = ImageReference.parse(reg.image()).withQualifier(r.tag());
      return Containerizer.to(withCredentials(RegistryImage.named(ref), ref, reg.serverId(), r.servers()));
    } catch (InvalidImageReferenceException e) {
      throw new CodebaseException(ImageMessages.badReference(e.getInvalidReference(), false));
    } catch (IOException e) {
      throw new CodebaseException(ImageMessages.cannotWrite(Messages.rootMessage(e)), e);
    }
  }

  /**
   * A registry image with its credentials: the settings.xml server named {@code serverId} (else
   * the one named after the registry's host), then Docker's configuration and credential helpers,
   * as Jib looks them up.
   */
  private RegistryImage withCredentials(RegistryImage image, ImageReference ref, String serverId, Servers servers)
      throws CodebaseException {
    // as for a git source: the server named, else the one named after the registry's host (and port)
    Optional<ServerCredentials> server = servers.forSource(ref.toString(), serverId, "https://" + ref.getRegistry() + "/");
    server.ifPresent(s -> image.addCredential(s.username(), s.password()));
    CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(ref, jibLog());
    image.addCredentialRetriever(factory.dockerConfig());
    image.addCredentialRetriever(factory.wellKnownCredentialHelpers());
    return image;
  }

  private String refused(Request r, RegistryUnauthorizedException e) {
    String image = e.getImageReference();
    String registry = image;
    try {
      registry = ImageReference.parse(image).getRegistry();
    } catch (InvalidImageReferenceException unparsed) {
      // named as Jib names it
    }
    String serverId = r.target() instanceof ImageTarget.Registry reg && reg.serverId() != null && !reg.serverId().isBlank()
        ? reg.serverId().trim() : registry;
    return ImageMessages.registryRefused(registry, image, serverId);
  }

  private String failed(Request r, Throwable cause) {
    String why = Messages.redact(Messages.rootMessage(cause));
    String from = r.from() == null || r.from().isBlank() ? DEFAULT_FROM : r.from().trim();
    if (!from.startsWith(Jib.TAR_IMAGE_PREFIX) && (r.offline() || why.contains(from.replaceFirst(":[^:/]*$", ""))
        || why.toLowerCase(java.util.Locale.ROOT).contains("connect") || why.toLowerCase(java.util.Locale.ROOT).contains("host"))) {
      return ImageMessages.baseUnreachable(from, why, r.offline());
    }
    return ImageMessages.buildFailed(r.tag(), why);
  }

  private Consumer<LogEvent> jibLog() {
    return event -> {
      if (event.getLevel() == LogEvent.Level.WARN || event.getLevel() == LogEvent.Level.ERROR) {
        log.warn(ImageMessages.jib(event.getMessage()));
      } else {
        log.debug(event.getMessage());
      }
    };
  }
}
