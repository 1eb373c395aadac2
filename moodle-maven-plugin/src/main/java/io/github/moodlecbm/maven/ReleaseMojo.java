package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.release.TagNames;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
public final class ReleaseMojo extends AbstractReleaseMojo {
  static final String VERIFICATION_CONTEXT_KEY = "io.github.moodlecbm.verification";

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

  @Component private MavenProjectHelper projectHelper;

  /** The manifest written for the project's artifact. */
  @Parameter(defaultValue = "${project.build.directory}/moodle-release.json", readonly = true)
  private File manifestFile;

  @Override
  void run(CodebaseBuild build, BuildLog log) throws CodebaseException, IOException {
    String verification = (String) project.getContextValue(VERIFICATION_CONTEXT_KEY);
    if (verification == null) {
      if (!skipVerify) {
        throw new CodebaseException("moodle:release records only a verified code base, and moodle:verify did not run"
            + " in this build. Run mvn package (or add -D" + PropertyNames.VERIFY_SKIP + " to release it unverified).");
      }
      verification = Manifest.SKIPPED;
    }
    Instant buildTime = session.getStartTime().toInstant();
    ReleaseTarget target = target();
    Releaser.Request request = new Releaser.Request(project.getGroupId(), project.getArtifactId(), project.getVersion(),
        tagFormat, target.branch(), verification, (String) project.getContextValue(InstallTestMojo.CONTEXT_KEY), allowRemoval(),
        buildTime, commitTime(buildTime));
    Releaser.Outcome r = build.release(resolvedLock(build), target, request);
    if (r.created()) {
      log.info("Release " + r.tag() + " (commit " + r.commit().abbreviate(10).name() + ") in " + target.repository());
      for (String line : r.changelog().message().split("\n")) {
        log.info("  " + line);
      }
    }
    Files.createDirectories(manifestFile.toPath().getParent());
    Files.writeString(manifestFile.toPath(), r.manifest().render(), StandardCharsets.UTF_8);
    project.getArtifact().setFile(manifestFile);
    if (attachZip) {
      File zip = new File(project.getBuild().getDirectory(), project.getArtifactId() + "-" + project.getVersion() + ".zip");
      int files = build.zip(r.tree(), request.commitTime(), zip.toPath());
      projectHelper.attachArtifact(project, "zip", zip);
      log.info("Code base zipped to " + project.getBasedir().toPath().relativize(zip.toPath()) + " (" + files + " files)");
    }
  }

  /** The commit time: Maven's outputTimestamp (ISO-8601 or seconds since the epoch) when set. */
  private Instant commitTime(Instant buildTime) throws CodebaseException {
    String t = outputTimestamp == null ? "" : outputTimestamp.trim();
    // Maven's convention: a single character (or nothing) means no fixed timestamp.
    if (t.length() < 2) {
      return buildTime;
    }
    if (t.matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(t));
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new CodebaseException("project.build.outputTimestamp '" + t + "' is not a time: use ISO-8601 such as"
          + " 2026-01-01T00:00:00Z, or seconds since 1970, in the <properties> of pom.xml.");
    }
  }
}
