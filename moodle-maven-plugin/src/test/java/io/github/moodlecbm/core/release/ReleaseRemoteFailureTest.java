package io.github.moodlecbm.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.mirror.GitAccess;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release remote's failures are told apart as a source's are. */
class ReleaseRemoteFailureTest {
  private static final String REMOTE = "team401/site-releases.git";

  @TempDir static Path shared;
  static HttpGitServer host;
  @TempDir Path tmp;
  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void start() {
    try (GitFixture remote = GitFixture.init(shared.resolve("host/" + REMOTE))) {
      remote.onBranch("main").commit("first release", c -> c.file("README", "site"));
    }
    host = HttpGitServer.start(shared.resolve("host"), "deployer", "s3cret-pass");
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  private CodebaseException fetchFails(String url, String password) throws Exception {
    Servers servers = password == null ? Servers.none()
        : new Servers(List.of(new ServerCredentials("releases", "deployer", password)));
    try (GitAccess access = new GitAccess(servers, tmp.resolve(".ssh"));
        ReleaseRepository local = ReleaseRepository.open(tmp.resolve("releases.git"))) {
      ReleaseRemote remote = new ReleaseRemote(url, url, url, password == null ? null : "releases", access, log);
      return assertThrows(CodebaseException.class, () -> remote.fetch(local));
    }
  }

  @Test
  void aWrongPasswordIsRefusedCredentialsThoughTheUrlHas401() throws Exception {
    CodebaseException e = fetchFails(host.url(REMOTE), "wrong-pass");
    assertFalse(e instanceof EnvironmentException);
    assertEquals("release remote: " + host.url(REMOTE) + " refused the credentials of server 'releases' from settings.xml."
        + " Check its <username> and <password> there (a token works as the password).", e.getMessage());
    assertFalse(log.anyContains("trying again"));
  }

  @Test
  void noCredentialsRequireAuthentication() throws Exception {
    CodebaseException e = fetchFails(host.url(REMOTE), null);
    assertTrue(e.getMessage().startsWith("release remote: " + host.url(REMOTE) + " requires authentication."), e.getMessage());
  }

  @Test
  void aForbiddenRemoteHasItsOwnSentence() throws Exception {
    host.answer(REMOTE, 403);
    CodebaseException e = fetchFails(host.url(REMOTE), "s3cret-pass");
    assertFalse(e instanceof EnvironmentException);
    assertTrue(e.getMessage().startsWith("release remote: " + host.url(REMOTE) + " denies access (HTTP 403 Forbidden)"
        + " with the credentials of server 'releases'"), e.getMessage());
  }

  @Test
  void aMissingRemoteWhosePathHas401IsNotFoundAndNotTriedAgain() throws Exception {
    String url = host.url("team401/none.git");
    CodebaseException e = fetchFails(url, "s3cret-pass");
    assertFalse(e instanceof EnvironmentException);
    assertTrue(e.getMessage().startsWith("Cannot fetch from the release remote " + url + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("credentials"), e.getMessage());
    assertEquals(1, host.requests("team401/none.git"));
  }

  @Test
  void aBusyRemoteIsTriedAgainThenFetched() throws Exception {
    host.answer(REMOTE, 503);
    try (GitAccess access = new GitAccess(new Servers(List.of(new ServerCredentials("releases", "deployer", "s3cret-pass"))),
            tmp.resolve(".ssh"));
        ReleaseRepository local = ReleaseRepository.open(tmp.resolve("releases.git"))) {
      new ReleaseRemote(host.url(REMOTE), host.url(REMOTE), host.url(REMOTE), "releases", access, log).fetch(local);
      assertTrue(local.repository().exactRef(ReleaseRepository.REMOTE_HEADS + "main") != null);
    }
    assertTrue(log.anyContains("[release remote] " + host.url(REMOTE) + ": 503 Service Unavailable; trying again in 1 s (1/3)"),
        log.lines.toString());
  }
}
