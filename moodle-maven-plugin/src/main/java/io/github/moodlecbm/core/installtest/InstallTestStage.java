package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releases;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Between verification and release, when asked for: the assembled code base installed by Moodle's
 * own installer on a throwaway database (see {@link InstallTest}); with an earlier release, that
 * release installed first and then upgraded. A pass is proof a verified code base carries into its
 * release ({@link InstallTestPassed}).
 */
public final class InstallTestStage {
  private final Workspace workspace;
  private final BuildLog log;

  public InstallTestStage(Workspace workspace) {
    this.workspace = workspace;
    this.log = workspace.log();
  }

  /**
   * The existing PostgreSQL server the pom names for the test's database, with the credentials of
   * its settings.xml server; null when neither a host nor a server id is given (a temporary cluster
   * of the test's own).
   */
  public InstallTest.Server server(String host, int port, String serverId) throws CodebaseException {
    if (serverId == null && host == null) {
      return null;
    }
    if (serverId == null) {
      throw new CodebaseException(InstallTestMessages.hostWithoutServerId());
    }
    ServerCredentials c = workspace.settings().servers().byId(serverId.trim())
        .orElseThrow(() -> new CodebaseException(InstallTestMessages.unknownServerId(serverId.trim())));
    return new InstallTest.Server(host == null ? "localhost" : host.trim(), port, c.username(), c.password(), c.id());
  }

  /**
   * Installs the code base and requires every step to pass.
   *
   * @param fromTag a release of {@code target} to install first and upgrade from, or null
   * @param logs where the logs and the JUnit report are kept
   */
  public InstallTestPassed pass(Assembled assembled, InstallTest.Options options, String fromTag, ReleaseTarget target,
      Path logs, Map<String, String> environment) throws CodebaseException, IOException {
    long start = System.nanoTime();
    InstallTest.Outcome outcome = run(assembled, options, fromTag, target, logs, environment);
    if (!outcome.passed()) {
      throw new CodebaseException(InstallTestMessages.failed(outcome));
    }
    Duration steps = outcome.steps().stream().map(InstallTest.Step::took).reduce(Duration.ZERO, Duration::plus);
    log.info(InstallTestMessages.passed(outcome, steps, (System.nanoTime() - start) / 1e9));
    return new InstallTestPassed(assembled.tree());
  }

  /** Installs the code base; what happened, passed or not, is in the outcome. */
  public InstallTest.Outcome run(Assembled assembled, InstallTest.Options options, String fromTag, ReleaseTarget target,
      Path logs, Map<String, String> environment) throws CodebaseException, IOException {
    var test = new InstallTest(workspace.settings().workDir(), logs, log, environment);
    Lock lock = assembled.lock();
    try (ObjectSources sources = workspace.objects(lock)) {
      var codebase = new InstallTest.Codebase("this build", assembled.tree(), sources);
      if (fromTag == null) {
        return test.run(lock, codebase, null, null, options);
      }
      try (ReleaseRepository releases = Releases.open(workspace, target); var reader = releases.repository().newObjectReader()) {
        var history = new ReleaseHistory(releases);
        RevCommit commit = history.release(fromTag);
        Lock fromLock = history.manifest(fromTag).lock();
        var from = new InstallTest.Codebase("release " + fromTag, commit.getTree(), ObjectSource.of(reader));
        return test.run(lock, codebase, from, fromLock, options);
      }
    }
  }
}
