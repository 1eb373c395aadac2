package io.github.moodlecbm.core.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.core.mirror.TransportFailure.Kind;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import io.github.moodlecbm.fixture.RecordingLog;
import io.github.moodlecbm.fixture.SshGitServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transport failures told apart by what the transport saw, on real servers of the loopback
 * address: a {@code 401} in a URL is not a refused password, a refused password is not retried, a
 * busy server is.
 */
class TransportFailureTest {
  private static final String TOKEN = "glpat-s3cret-t0ken";
  private static final String SECRET = "team/moodle-local_secret.git";
  private static final String PUBLIC = "team/moodle-local_public.git";

  @TempDir static Path shared;
  static HttpGitServer host;
  static HttpGitServer open;
  static SshGitServer ssh;
  static KeyPair userKey;
  @TempDir Path tmp;
  private final RecordingLog log = new RecordingLog();

  @BeforeAll
  static void start() throws IOException {
    for (String repository : List.of("private/" + SECRET, "public/" + PUBLIC, "public/team401/moodle-local_public.git")) {
      try (GitFixture repo = GitFixture.init(shared.resolve(repository))) {
        repo.onBranch("main").commit("1.0", FakePlugin.files("", "local_x", 2024100700L, "1.0", null, "2024100700"));
      }
    }
    host = HttpGitServer.start(shared.resolve("private"), "ci-bot", TOKEN);
    open = HttpGitServer.open(shared.resolve("public"));
    userKey = SshGitServer.newUserKey();
    Files.createDirectories(shared.resolve("ssh-server"));
    ssh = SshGitServer.start(shared.resolve("public"), shared.resolve("ssh-server"), userKey.getPublic());
  }

  @AfterAll
  static void stop() {
    host.close();
    open.close();
    ssh.close();
  }

  /** A cache whose fetches try again as often as the standard pauses allow, without the waits. */
  private MirrorCache cache(Servers servers) {
    return new MirrorCache(tmp.resolve("cache"), UrlRewrites.none(), servers, tmp.resolve("home/.ssh"),
        new Retry(Collections.nCopies(3, Duration.ZERO), log), log);
  }

  private CodebaseException fetchFails(Servers servers, String url, String serverId) {
    try (MirrorCache cache = cache(servers)) {
      return assertThrows(CodebaseException.class, () -> cache.mirror(url, serverId).fetch("local_x"));
    }
  }

  private long retries() {
    return log.lines.stream().filter(l -> l.contains("trying again")).count();
  }

  /** What one ls-remote through the build's git access failed of. */
  private static Kind kindOf(String url, Optional<ServerCredentials> credentials, Path sshDirectory) {
    TransportTrace trace = new TransportTrace();
    try (GitAccess access = new GitAccess(Servers.none(), sshDirectory)) {
      access.configure(Git.lsRemoteRepository().setRemote(url), credentials, trace).call();
    } catch (GitAPIException | RuntimeException e) {
      return trace.classify(e).kind();
    }
    return fail("no failure: " + url);
  }

  private Kind kindOf(String url, Optional<ServerCredentials> credentials) {
    return kindOf(url, credentials, tmp.resolve("home/.ssh"));
  }

  /** A port with 401 in its number on which nothing listens. */
  private static int closedPortWith401() {
    for (int port : new int[] {8401, 18401, 28401, 38401, 48401, 58401}) {
      try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException inUse) {
        // another one
      }
    }
    assumeTrue(false, "every port tried is in use");
    return -1;
  }

  @Test
  void aMissingRepositoryWhosePathHas401IsNotFoundAndNotTriedAgain() {
    String url = open.url("team401/moodle-local_gone.git");
    assertEquals(Kind.NOT_FOUND, kindOf(url, Optional.empty()));
    int before = open.requests("team401/moodle-local_gone.git");
    CodebaseException e = fetchFails(Servers.none(), url, null);
    assertFalse(e instanceof EnvironmentException, "the pom names a repository that is not there");
    assertTrue(e.getMessage().startsWith("local_x: cannot fetch " + url + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("credentials") || e.getMessage().contains("authentication"), e.getMessage());
    assertEquals(1, open.requests("team401/moodle-local_gone.git") - before);
    assertEquals(0, retries());
  }

  @Test
  void aRefusedConnectionOnAPortWith401IsTheEnvironmentsAndTriedOnlyAsOftenAsThePausesAllow() {
    String url = "http://127.0.0.1:" + closedPortWith401() + "/team401/moodle-local_x.git";
    assertEquals(Kind.UNREACHABLE, kindOf(url, Optional.empty()));
    CodebaseException e = fetchFails(Servers.none(), url, null);
    assertInstanceOf(EnvironmentException.class, e);
    assertTrue(e.getMessage().startsWith("local_x: cannot fetch " + url + ": connection refused"), e.getMessage());
    assertFalse(e.getMessage().contains("credentials"), e.getMessage());
    assertEquals(3, retries(), log.lines.toString());
  }

  @Test
  void aWrongPasswordIsRefusedCredentialsNamingTheServerAndNotTriedAgain() {
    Servers servers = new Servers(List.of(new ServerCredentials("internal-gitlab", "ci-bot", "wrong-" + TOKEN)));
    assertEquals(Kind.CREDENTIALS_REFUSED,
        kindOf(host.url(SECRET), Optional.of(new ServerCredentials("internal-gitlab", "ci-bot", "wrong-" + TOKEN))));
    CodebaseException e = fetchFails(servers, host.url(SECRET), "internal-gitlab");
    assertFalse(e instanceof EnvironmentException);
    assertEquals("local_x: " + host.url(SECRET) + " refused the credentials of server 'internal-gitlab' from settings.xml."
        + " Check its <username> and <password> there (a token works as the password).", e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
    assertEquals(0, retries());
  }

  @Test
  void noCredentialsForAServerThatAsksRequireAuthentication() {
    assertEquals(Kind.CREDENTIALS_REQUIRED, kindOf(host.url(SECRET), Optional.empty()));
    CodebaseException e = fetchFails(Servers.none(), host.url(SECRET), null);
    assertFalse(e instanceof EnvironmentException);
    assertEquals("local_x: " + host.url(SECRET) + " requires authentication. Add a <server> with <id>"
        + host.hostAndPort() + "</id>, a <username> and a <password> (or token) to ~/.m2/settings.xml, or name another server"
        + " with <serverId> for this source in pom.xml.", e.getMessage());
  }

  @Test
  void aForbiddenRepositoryIsNotRefusedCredentials() {
    Servers servers = new Servers(List.of(new ServerCredentials("internal-gitlab", "ci-bot", TOKEN)));
    host.answer(SECRET, 403);
    assertEquals(Kind.FORBIDDEN, kindOf(host.url(SECRET), Optional.of(new ServerCredentials("internal-gitlab", "ci-bot", TOKEN))));
    int before = host.requests(SECRET);
    host.answer(SECRET, 403); // one only: a second attempt would be served
    CodebaseException e = fetchFails(servers, host.url(SECRET), "internal-gitlab");
    assertFalse(e instanceof EnvironmentException);
    assertEquals("local_x: " + host.url(SECRET) + " denies access (HTTP 403 Forbidden) with the credentials of server"
        + " 'internal-gitlab' from settings.xml. Ask the repository's owner to give that account access, or give that"
        + " server a <password> (token) that has it.", e.getMessage());
    assertEquals(1, host.requests(SECRET) - before, "a forbidden repository is asked once");
    assertEquals(0, retries());
  }

  @Test
  void aForbiddenPublicRepositorySaysWhichServerToAdd() {
    open.answer(PUBLIC, 403);
    CodebaseException e = fetchFails(Servers.none(), open.url(PUBLIC), null);
    assertEquals("local_x: " + open.url(PUBLIC) + " denies access (HTTP 403 Forbidden). If the repository is private,"
        + " add a <server> with <id>" + open.hostAndPort() + "</id>, a <username> and a <password> (or token) of an"
        + " account that has access to ~/.m2/settings.xml; otherwise ask its owner for access.", e.getMessage());
  }

  @Test
  void aServerErrorIsTriedAgainAndTheFetchThenSucceeds() throws Exception {
    open.answer(PUBLIC, 503);
    int before = open.requests(PUBLIC);
    try (MirrorCache cache = cache(Servers.none())) {
      Mirror mirror = cache.mirror(open.url(PUBLIC), null);
      mirror.fetch("local_x");
      assertTrue(mirror.branches().containsKey("main"));
    }
    assertEquals(1, retries(), log.lines.toString());
    assertTrue(log.anyContains("[local_x] " + open.url(PUBLIC) + ": 503 Service Unavailable; trying again in 0 s (1/3)"),
        log.lines.toString());
    assertTrue(open.requests(PUBLIC) - before > 1);
  }

  @Test
  void aServerErrorThatLastsIsTheEnvironments() {
    open.answer(PUBLIC, 502, 502, 502, 502);
    int before = open.requests(PUBLIC);
    CodebaseException e = fetchFails(Servers.none(), open.url(PUBLIC), null);
    assertInstanceOf(EnvironmentException.class, e);
    assertTrue(e.getMessage().startsWith("local_x: cannot fetch " + open.url(PUBLIC) + ": "), e.getMessage());
    assertEquals(4, open.requests(PUBLIC) - before, "one attempt and three more");
  }

  @Test
  void sshHostKeysAndKeysAreTheUsersToFixAndNeverTriedAgain() {
    String url = ssh.url(PUBLIC);
    Path unknownHost = ssh.writeSshDirectory(tmp.resolve("a/.ssh"), userKey, false);
    assertEquals(Kind.UNKNOWN_HOST_KEY, kindOf(url, Optional.empty(), unknownHost));
    Path otherKey = ssh.writeSshDirectory(tmp.resolve("b/.ssh"), SshGitServer.newUserKey(), true);
    assertEquals(Kind.SSH_KEY_REFUSED, kindOf(url, Optional.empty(), otherKey));
    Path good = ssh.writeSshDirectory(tmp.resolve("good/.ssh"), userKey, true);
    assertEquals(Kind.NOT_FOUND, kindOf(ssh.url("team401/moodle-local_gone.git"), Optional.empty(), good));

    ssh.writeSshDirectory(tmp.resolve("home/.ssh"), SshGitServer.newUserKey(), true);
    CodebaseException e = fetchFails(Servers.none(), url, null);
    assertTrue(e.getMessage().startsWith("local_x: " + url + " accepted none of your ssh keys"), e.getMessage());
    assertFalse(e instanceof EnvironmentException);
    assertEquals(0, retries());
  }

  @Test
  void anSshHostThatRefusesTheConnectionIsUnreachable() {
    String url = "ssh://git@127.0.0.1:" + closedPortWith401() + "/team/x.git";
    Path good = ssh.writeSshDirectory(tmp.resolve("home/.ssh"), userKey, true);
    assertEquals(Kind.UNREACHABLE, kindOf(url, Optional.empty(), good));
  }

  @Test
  void digitsInAMessageSayNothing() {
    TransportTrace untouched = new TransportTrace();
    assertEquals(Kind.OTHER, untouched.classify(new TransportException("https://git.example.org/team401/x.git: 401 not authorized")).kind());
    assertEquals(Kind.OTHER, untouched.classify(new TransportException("https://git.example.org:8403/x.git: 503 404")).kind());
    TransportTrace refused = new TransportTrace();
    refused.answered(401);
    assertEquals(Kind.CREDENTIALS_REQUIRED, refused.classify(new TransportException("https://git.example.org/x.git: whatever")).kind());
  }
}
