package io.github.moodlecbm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.SshGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A private plugin reached over ssh with the user's key and known_hosts. */
class SshRepositoryTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  static SshGitServer host;
  static KeyPair userKey;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    eco = Ecosystem.create(shared.resolve("world"), 0);
    try (GitFixture repo = GitFixture.init(shared.resolve("ssh/team/moodle-local_viassh.git"))) {
      repo.onBranch("main").commit("1.0", FakePlugin.files("", "local_viassh", 2024100700L, "1.0", null, "2024100700"));
    }
    userKey = SshGitServer.newUserKey();
    Files.createDirectories(shared.resolve("server"));
    host = SshGitServer.start(shared.resolve("ssh"), shared.resolve("server"), userKey.getPublic());
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  private Site site() throws CodebaseException {
    return SiteBuilds.site("4.5", PluginSpec.declare("local_viassh", host.url("team/moodle-local_viassh.git"), "main", null, null, null));
  }

  private BuildSettings settings(Path sshDirectory) throws CodebaseException {
    return SiteBuilds.settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false).withSshDirectory(sshDirectory);
  }

  @Test
  void theUsersKeyAndKnownHostsFetchThePlugin() throws Exception {
    Path ssh = host.writeSshDirectory(tmp.resolve("home/.ssh"), userKey, true);
    SiteBuilds.build(site(), settings(ssh), BuildLog.SILENT);
    assertTrue(Files.readString(tmp.resolve("site/target/moodle/local/viassh/version.php")).contains("local_viassh"));
  }

  @Test
  void anUnknownHostKeyIsRefusedWithTheCommandThatAddsIt() throws Exception {
    Path ssh = host.writeSshDirectory(tmp.resolve("home/.ssh"), userKey, false);
    CodebaseException e = assertThrows(CodebaseException.class, () -> SiteBuilds.build(site(), settings(ssh), BuildLog.SILENT));
    assertEquals("local_viassh: the ssh host key of [127.0.0.1]:" + host.port() + " is not in your known_hosts, so "
        + host.url("team/moodle-local_viassh.git") + " was not trusted. Check the host's fingerprint with its administrator,"
        + " then add it: ssh-keyscan -p " + host.port() + " 127.0.0.1 >> ~/.ssh/known_hosts", e.getMessage());
  }

  @Test
  void aKeyTheHostDoesNotKnowIsRefused() throws Exception {
    Path ssh = host.writeSshDirectory(tmp.resolve("home/.ssh"), SshGitServer.newUserKey(), true);
    CodebaseException e = assertThrows(CodebaseException.class, () -> SiteBuilds.build(site(), settings(ssh), BuildLog.SILENT));
    assertEquals("local_viassh: " + host.url("team/moodle-local_viassh.git") + " accepted none of your ssh keys. Add your"
        + " public key to that account on the git host, or load the right key in ~/.ssh (see -Dmoodle.sshDirectory).", e.getMessage());
  }
}
