package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.installtest.InstallTest;
import io.github.moodlecbm.core.installtest.InstallTestPassed;
import io.github.moodlecbm.core.installtest.InstallTestStage;
import io.github.moodlecbm.core.verify.PhpProgram;
import io.github.moodlecbm.core.verify.Verified;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Installs the code base with Moodle's own installer on a throwaway PostgreSQL database, after
 * the verification and before the release (which records that it passed): {@code
 * admin/cli/install.php --skip-database}, settings for an offline build host, {@code
 * install_database.php}, then {@code upgrade.php} must have nothing to do and Moodle's plugin
 * manager must see every plugin installed and up to date, with its dependencies met. With {@code
 * -Dmoodle.installTest.from=<tag>}, that release is installed first and the new code base
 * upgrades it. A failure names the plugin whose file the error points at and keeps the logs in
 * {@code target/moodle-install-test/}, with a JUnit report. Opt-in: {@code
 * <installTest>true</installTest>} or {@code -Dmoodle.installTest}; {@code mvn
 * moodle:install-test} runs it alone.
 *
 * @since 0.1.0
 */
@Mojo(name = "install-test", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public final class InstallTestMojo extends AbstractReleaseMojo {
  /**
   * Run the install test in {@code mvn package}. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSTALL_TEST, defaultValue = "false")
  private boolean installTest;

  /**
   * An existing PostgreSQL server to create the throwaway database in (default {@code localhost}
   * when {@code installTest.serverId} is given). Without it and without a server id, the test
   * starts a temporary cluster of its own with {@code initdb} and {@code pg_ctl}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSTALL_TEST_HOST)
  private String installTestHost;

  /**
   * The port of that server. Default {@code 5432}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSTALL_TEST_PORT, defaultValue = "5432")
  private int installTestPort;

  /**
   * The settings.xml {@code <server>} whose user name and password are a PostgreSQL role allowed
   * to create databases.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSTALL_TEST_SERVER_ID)
  private String installTestServerId;

  /**
   * A release to install first, which the new code base then upgrades (the upgrade test).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSTALL_TEST_FROM)
  private String installTestFrom;

  /**
   * The time limit of each step, in seconds; a step that takes longer is killed with every process
   * it started. Default {@code 900}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSTALL_TEST_TIMEOUT, defaultValue = "900")
  private int installTestTimeout;

  /**
   * The PHP that runs Moodle's installer: a PHP program (a path, or a name on the PATH such as
   * {@code php8.3}); a version such as {@code 8.3}, or nothing, takes {@code php} on the PATH. The
   * same {@code <php>} as the verification's.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PHP)
  private String php;

  @Parameter(defaultValue = "${project.build.directory}/moodle-install-test", readonly = true)
  private File reportDirectory;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true)
  private MojoExecution execution;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    boolean alone = "default-cli".equals(execution.getExecutionId());
    if (!installTest && !alone) {
      return;
    }
    PhpProgram.Setting servers = PhpProgram.Setting.of(php, System.getenv());
    Path program = servers.installTestProgram();
    servers.installTestWarning().ifPresent(workspace.log()::warn);
    InstallTestStage stage = new InstallTestStage(workspace);
    InstallTest.Options options = new InstallTest.Options(program, Duration.ofSeconds(installTestTimeout), "1G",
        stage.server(installTestHost, installTestPort, installTestServerId));
    InstallTestPassed passed = stage.pass(assembled(workspace), options, installTestFrom, target(),
        reportDirectory.toPath(), System.getenv());
    Optional<Verified> verified = state().verified();
    if (verified.isPresent()) {
      state().verified(verified.get().withInstallTest(passed));
    }
  }
}
