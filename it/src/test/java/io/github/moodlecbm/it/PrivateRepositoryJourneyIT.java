package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private plugin on the organisation's git host: its token sits encrypted in settings.xml, as
 * Maven keeps every secret, and never shows, not even with -X.
 */
class PrivateRepositoryJourneyIT {
  private static final String TOKEN = "glpat-Priv4te-t0ken";
  private static final Pattern ENCRYPTED = Pattern.compile("\\{[^{}\\s]+\\}");

  @TempDir Path tmp;

  @Test
  void anEncryptedTokenFromSettingsFetchesThePrivatePluginAndNeverShows() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      try (GitFixture secret = GitFixture.init(tmp.resolve("private/team/moodle-local_secret.git"))) {
        secret.onBranch("main").commit("1.0", FakePlugin.files("", "local_secret", 2024100700L, "1.0", null, "2024100700"));
      }
      try (HttpGitServer host = HttpGitServer.start(tmp.resolve("private"), "ci-bot", TOKEN)) {
        // Maven's own way to keep a password: a master password, then the password encrypted with it.
        Path security = tmp.resolve("settings-security.xml");
        String master = encrypted(SiteProject.mvnIn(tmp, "--encrypt-master-password", "the-master-password").log());
        Files.writeString(security, "<settingsSecurity><master>" + master + "</master></settingsSecurity>\n");
        String password = encrypted(SiteProject.mvnIn(tmp, "--encrypt-password", TOKEN, "-Dsettings.security=" + security).log());

        SiteProject site = SiteProject.generate(tmp.resolve("sites"), "privatesite", "4.5")
            .withServers("<server><id>internal-gitlab</id><username>ci-bot</username><password>" + password + "</password></server>");
        site.declarePlugins("            <plugin>\n"
            + "              <component>local_secret</component>\n"
            + "              <source>" + host.url("team/moodle-local_secret.git") + "</source>\n"
            + "              <branch>main</branch>\n"
            + "              <serverId>internal-gitlab</serverId>\n"
            + "            </plugin>");
        String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"),
            "-Dsettings.security=" + security};

        SiteProject.Run debug = site.build(concat(new String[] {"-X", "package"}, common));
        assertTrue(Files.exists(site.dir.resolve("target/moodle/local/secret/version.php")), debug.log());
        assertFalse(debug.log().contains(TOKEN), "the token never shows, not even with -X");
        assertFalse(site.lock().contains(TOKEN) || site.lock().contains("ci-bot"));

        // A revoked token: the message names the server, never the token.
        SiteProject wrong = SiteProject.generate(tmp.resolve("sites2"), "privatesite", "4.5")
            .withServers("<server><id>internal-gitlab</id><username>ci-bot</username><password>revoked</password></server>");
        wrong.declarePlugins("            <plugin>\n"
            + "              <component>local_secret</component>\n"
            + "              <source>" + host.url("team/moodle-local_secret.git") + "</source>\n"
            + "              <branch>main</branch>\n"
            + "              <serverId>internal-gitlab</serverId>\n"
            + "            </plugin>");
        SiteProject.Run refused = wrong.mvn(concat(new String[] {"package"}, common));
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.says("local_secret: " + host.url("team/moodle-local_secret.git") + " refused the credentials of"
            + " server 'internal-gitlab' from settings.xml."), refused.log());
        assertFalse(refused.log().contains("revoked"), refused.log());
      }
    }
  }

  private static String encrypted(String mvnOutput) {
    Matcher m = ENCRYPTED.matcher(mvnOutput);
    assertTrue(m.find(), mvnOutput);
    return m.group();
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
