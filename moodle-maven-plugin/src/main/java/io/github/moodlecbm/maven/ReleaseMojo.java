package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.release.OutputTimestamp;
import io.github.moodlecbm.core.release.ReleaseMessages;
import io.github.moodlecbm.core.release.ReleaseStage;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.release.TagNames;
import io.github.moodlecbm.core.verify.Verified;
import java.io.File;
import io.github.moodlecbm.core.sbom.Sbom;
import java.io.IOException;
import java.util.List;
import io.github.moodlecbm.core.advisory.AdvisorySource;
import io.github.moodlecbm.core.advisory.Audit;
import io.github.moodlecbm.core.advisory.AuditLog;
import io.github.moodlecbm.core.advisory.Severity;
import io.github.moodlecbm.core.release.AdvisoryCheck;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.resolve.Lock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Records the verified code base as a release: a commit of its tree on the release branch (no file
 * is copied: the tree's objects are), whose message is the changelog against the previous release
 * in Moodle's terms, and an annotated tag whose message is the release's manifest. Nothing is
 * added to the code base itself. When the code base equals the newest release's, nothing is made.
 * A plugin that the previous release had and this build drops stops the release unless {@code
 * -Dmoodle.allowRemoval} names it. The manifest becomes the project's artifact.
 *
 * @since 0.1.0
 */
@Mojo(name = "release", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public final class ReleaseMojo extends AbstractImageMojo {
  /**
   * The release tag's name: {@code @{version}} (the site's version, a SNAPSHOT's replaced by the
   * build's UTC time, e.g. {@code 1.2.0-20261126.093000}), {@code @{timestamp}}, {@code @{moodle}}
   * (Moodle's release, e.g. {@code 4.5.2}), {@code @{groupId}}, {@code @{artifactId}}. Default
   * {@code @{version}}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TAG_FORMAT, defaultValue = TagNames.DEFAULT_FORMAT)
  private String tagFormat;

  /**
   * The verification was skipped ({@code -Dmoodle.verify.skip}, {@code <skipVerify>}): the release
   * records it. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
  private boolean skipVerify;

  /**
   * Maven's reproducible-builds timestamp: when set, the release's commit and tag carry this time,
   * so that the same lock gives the same commit id on any machine.
   */
  @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
  private String outputTimestamp;

  /**
   * Also attach the code base as a zip ({@code <artifactId>-<version>.zip}: entries in git's
   * order, every time the release's), so that {@code mvn deploy} publishes it to a Maven
   * repository as well. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ATTACH_ZIP, defaultValue = "false")
  private boolean attachZip;

  /**
   * Fail the build, before anything is released, when a published advisory at or above this
   * severity affects the code base: {@code low}, {@code medium}, {@code high} or {@code critical}
   * (an advisory of unknown severity counts); also when the code base could not be checked.
   * Default: unset, each advisory is a warning.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.FAIL_ON_ADVISORIES)
  private String failOnAdvisories;

  /**
   * After the release, build its container image ({@code moodle:image}): to {@code
   * moodle.image.to} or the OCI tar {@code moodle.image.tar}. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.IMAGE, defaultValue = "false")
  private boolean image;

  /** The classifier of the release's SBOM among the project's artifacts. */
  static final String SBOM_CLASSIFIER = "cyclonedx";

  @Component private MavenProjectHelper projectHelper;

  /** The manifest written for the project's artifact. */
  @Parameter(defaultValue = "${project.build.directory}/moodle-release.json", readonly = true)
  private File manifestFile;

  /** The advisories of the release's lock (the audit of this build) and of any other (the previous release's), for its manifest. */
  private AdvisoryCheck advisoryCheck(Workspace workspace, Audit.Report current) throws CodebaseException, IOException {
    Lock lock = assembled(workspace).lock();
    AdvisorySource source = advisorySource(workspace).orElseThrow();
    return new AdvisoryCheck() {
      @Override
      public String source() {
        return current.source();
      }

      @Override
      public Optional<List<Manifest.Advisory>> affecting(Lock other) throws CodebaseException, IOException {
        if (other.equals(lock) || other.tree() != null && other.tree().equals(lock.tree())) {
          return Optional.of(Audit.asManifest(current));
        }
        return Optional.of(Audit.asManifest(new Audit(source, workspace.mirrors()).audit(other)));
      }
    };
  }

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    checkFleet();
    Severity threshold = threshold(failOnAdvisories);
    Optional<Verified> verified = state().verified();
    if (verified.isEmpty() && !skipVerify) {
      throw new CodebaseException(ReleaseMessages.notVerified());
    }
    Optional<Audit.Report> audit = audited(workspace, true);
    if (audit.isPresent()) {
      AuditLog.enforce(audit.get(), threshold);
    }
    Verified v = verified.isPresent() ? verified.get() : Verified.skipped(assembled(workspace));
    Instant buildTime = session.getStartTime().toInstant();
    Releaser.Request request = new Releaser.Request(project.getGroupId(), project.getArtifactId(), project.getVersion(),
        tagFormat, target().branch(), allowRemoval(), buildTime, OutputTimestamp.commitTime(outputTimestamp, buildTime));
    ReleaseStage stage = new ReleaseStage(workspace);
    Released r = stage.release(v, target(), request, audit.isEmpty() ? null : advisoryCheck(workspace, audit.get()));
    AtomicFile.writeIfChanged(manifestFile.toPath(), r.manifest().render());
    project.getArtifact().setFile(manifestFile);
    // The release's SBOM, named by its manifest's sbomSha256; mvn deploy publishes it beside the manifest.
    Path sbom = Path.of(project.getBuild().getDirectory(), Sbom.fileName(project.getArtifactId(), project.getVersion()));
    stage.writeSbom(r, target(), request, sbom);
    projectHelper.attachArtifact(project, "json", SBOM_CLASSIFIER, sbom.toFile());
    if (image) {
      buildImage(workspace, r.tag());
    }
    if (attachZip) {
      File zip = new File(project.getBuild().getDirectory(), project.getArtifactId() + "-" + project.getVersion() + ".zip");
      stage.zipTo(r.tree(), request.commitTime(), zip.toPath(), project.getBasedir().toPath());
      projectHelper.attachArtifact(project, "zip", zip);
    }
  }
}
