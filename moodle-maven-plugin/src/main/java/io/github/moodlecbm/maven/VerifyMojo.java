package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.verify.CodebaseVerifier;
import io.github.moodlecbm.core.verify.VerifyStage;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import io.github.moodlecbm.core.advisory.Audit;
import io.github.moodlecbm.core.advisory.AuditLog;
import io.github.moodlecbm.core.advisory.Severity;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import io.github.moodlecbm.core.verify.PhpProgram;

/**
 * Proves the code base consistent before anything is released, from its files alone, reading
 * every {@code version.php} as text: each plugin's component and version; {@code requires}
 * against Moodle's {@code $version}; {@code supported} and {@code incompatible} against Moodle's
 * {@code $branch}; every dependency present, in Moodle or in the site, at the version required;
 * maturity below stable (a warning unless {@code -Dmoodle.allowUnstable=false}); Moodle is the
 * release the pom asked for; with {@code <php>}, the PHP version Moodle requires. Two plugins of
 * one component or one folder, a plugin replacing a core plugin and an unknown plugin type are
 * refused earlier, when the code base is resolved. Every problem is printed, grouped by
 * component, with its fix; a JUnit report goes to {@code target/moodle-verify}.
 *
 * @since 0.1.0
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public final class VerifyMojo extends AbstractMoodleMojo {
  /**
   * Skip the verification, like {@code -DskipTests}. The build says loudly that it did.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.VERIFY_SKIP, defaultValue = "false")
  private boolean skipVerify;

  /**
   * Accept plugins whose maturity is below {@code MATURITY_STABLE} (alpha, beta, rc) with a
   * warning. {@code false} makes them errors. Default {@code true}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ALLOW_UNSTABLE, defaultValue = "true")
  private boolean allowUnstable;

  /**
   * The PHP of the target servers: a version such as {@code 8.3}, or a PHP program (a path, or a
   * name on the PATH such as {@code php8.3}) whose version is asked of it. The version is checked
   * against the requirement of Moodle's {@code admin/environment.xml} for the site's Moodle; the
   * program, when given, also runs {@code php -l} and the install test. Not checked when unset.
   *
   * <pre>
   * &lt;php&gt;8.3&lt;/php&gt;   or   &lt;php&gt;/usr/bin/php8.3&lt;/php&gt;
   * </pre>
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PHP)
  private String php;

  /**
   * Run {@code php -l} on every PHP file of the site's plugins (never core), in parallel, with the
   * {@code <php>} program when one is given, else {@code php} on the PATH. A syntax check only: no
   * plugin code runs. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PHP_LINT, defaultValue = "false")
  private boolean phpLint;

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
   * Where the JUnit XML report of the verification is written.
   *
   * @since 0.1.0
   */
  @Parameter(defaultValue = "${project.build.directory}/moodle-verify", readonly = true)
  private File reportDirectory;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Severity threshold = threshold(failOnAdvisories);
    Assembled assembled = assembled(workspace);
    VerifyStage stage = new VerifyStage(workspace);
    if (skipVerify) {
      state().verified(stage.skip(assembled));
      advisories(workspace, threshold);
      return;
    }
    PhpProgram.Setting servers = PhpProgram.Setting.of(php, System.getenv());
    servers.describe().ifPresent(workspace.log()::info);
    CodebaseVerifier.Options options = new CodebaseVerifier.Options(allowUnstable, servers.version().orElse(null));
    state().verified(stage.verify(assembled, options, phpLint ? servers.lintProgram() : null,
        reportDirectory.toPath().resolve("TEST-moodle-verify.xml")));
    advisories(workspace, threshold);
  }

  /** After the verification, the published advisories affecting the code base: a warning each, or the build fails. */
  private void advisories(Workspace workspace, Severity threshold) throws CodebaseException, IOException {
    Optional<Audit.Report> report = audited(workspace, true);
    if (report.isPresent()) {
      AuditLog.enforce(report.get(), threshold);
    }
  }
}
