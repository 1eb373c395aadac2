package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.RecordingLog;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private plugin on an internal git host that wants a user name and a token. */
class PrivateRepositoryTest {
  private static final String TOKEN = "glpat-s3cret-t0ken";

  @TempDir static Path shared;
  static Ecosystem eco;
  static HttpGitServer host;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
    try (GitFixture secret = GitFixture.init(shared.resolve("private/team/moodle-local_secret.git"))) {
      secret.onBranch("main").commit("1.0", FakePlugin.files("", "local_secret", 2024100700L, "1.0", null, "2024100700")).tag("v1.0");
    }
    host = HttpGitServer.start(shared.resolve("private"), "ci-bot", TOKEN);
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  private Site site(String serverId) throws CodebaseException {
    PluginSpec secret = PluginSpec.declare("local_secret", host.url("team/moodle-local_secret.git"), null, "v1.0", null, null)
        .withServerId(serverId);
    return SiteBuilds.site("4.5", secret);
  }

  private BuildSettings settings(Servers servers) throws CodebaseException {
    BuildSettings s = SiteBuilds.settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false);
    return s.withServers(servers);
  }

  @Test
  void theServerNamedAfterTheHostGivesItsToken() throws Exception {
    Servers servers = new Servers(List.of(new ServerCredentials(host.hostAndPort(), "ci-bot", TOKEN)));
    SiteBuilds.Build a = SiteBuilds.build(site(null), settings(servers), BuildLog.SILENT);
    GitFixture secret = GitFixture.open(shared.resolve("private/team/moodle-local_secret.git"));
    ExpectedCodebase expected = ExpectedCodebase.moodle(eco, "v4.5.2");
    // the private repository is not part of the ecosystem: check its files directly
    for (var f : secret.files(secret.resolve("v1.0^{commit}")).keySet()) {
      assertTrue(Files.exists(tmp.resolve("site/target/moodle/local/secret").resolve(f)), f);
    }
    assertTrue(expected.files().keySet().stream().allMatch(f -> Files.exists(tmp.resolve("site/target/moodle").resolve(f))));
    String lock = Files.readString(tmp.resolve("site/moodle.lock"));
    assertFalse(lock.contains(TOKEN) || lock.contains("ci-bot"), lock);
    assertEquals(a.tree().name(), a.lock().tree());
  }

  @Test
  void refusedCredentialsNameTheServerButNeverThePassword() throws Exception {
    int refusedBefore = host.refusedLogins();
    Servers servers = new Servers(List.of(new ServerCredentials("internal-gitlab", "ci-bot", "wrong-" + TOKEN)));
    RecordingLog log = new RecordingLog();
    CodebaseException e = assertThrows(CodebaseException.class, () -> SiteBuilds.build(site("internal-gitlab"), settings(servers), log));
    assertEquals("local_secret: " + host.url("team/moodle-local_secret.git") + " refused the credentials of server"
        + " 'internal-gitlab' from settings.xml. Check its <username> and <password> there (a token works as the password).",
        e.getMessage());
    String everything = e.getMessage() + String.join("\n", log.lines) + stackText(e);
    assertFalse(everything.contains(TOKEN), "no password in messages, logs or causes");
    // One fetch makes up to three requests while JGit negotiates; a retry would multiply them.
    assertTrue(host.refusedLogins() - refusedBefore <= 3, "a refused password is not retried: " + (host.refusedLogins() - refusedBefore));
    assertFalse(Files.exists(tmp.resolve("site/moodle.lock")));
  }

  @Test
  void noCredentialsSaysWhichServerToAdd() throws Exception {
    CodebaseException e = assertThrows(CodebaseException.class, () -> SiteBuilds.build(site(null), settings(Servers.none()), BuildLog.SILENT));
    assertEquals("local_secret: " + host.url("team/moodle-local_secret.git") + " requires authentication. Add a <server> with <id>"
        + host.hostAndPort() + "</id>, a <username> and a <password> (or token) to ~/.m2/settings.xml, or name another server"
        + " with <serverId> for this source in pom.xml.", e.getMessage());
  }

  @Test
  void anUnknownServerIdListsTheServersThatExist() throws Exception {
    Servers servers = new Servers(List.of(new ServerCredentials("github", "me", "x")));
    CodebaseException e = assertThrows(CodebaseException.class, () -> SiteBuilds.build(site("gitlab"), settings(servers), BuildLog.SILENT));
    assertEquals("local_secret: <serverId>gitlab</serverId> names no <server> of settings.xml (it has github). Add a <server>"
        + " with that <id>, <username> and <password> to ~/.m2/settings.xml.", e.getMessage());
  }

  private static String stackText(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }
}
