package io.github.moodlecbm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
  @Test
  void componentsSplitIntoTypeAndName() throws CodebaseException {
    assertEquals(new Component("mod", "attendance"), Component.parse("mod_attendance"));
    assertEquals(new Component("customcertelement", "course_field"), Component.parse("customcertelement_course_field"));
    assertEquals(new Component("h5plib", "v127"), Component.parse("h5plib_v127"));
  }

  @Test
  void malformedComponentsAreRefusedWithTheShapeOfAGoodOne() {
    for (String bad : new String[] {"Mod_attendance", "mod-attendance", "attendance", "mod_", "_x", "mod__x", "mod_1x", "", "mod_x_", "mod_../../x", "Mod-Attendance"}) {
      CodebaseException e = assertThrows(CodebaseException.class, () -> Component.parse(bad), bad);
      assertTrue(e.getMessage().contains("such as mod_attendance"), e.getMessage());
    }
  }

  @Test
  void moodleVersionsNameTheirBranchesAndTags() throws CodebaseException {
    assertEquals("MOODLE_405_STABLE", MoodleVersion.parse("4.5+").stableBranch());
    assertEquals("MOODLE_500_STABLE", MoodleVersion.parse("5.0").stableBranch());
    assertEquals("MOODLE_501_STABLE", MoodleVersion.parse("5.1").stableBranch());
    assertEquals("MOODLE_39_STABLE", MoodleVersion.parse("3.9").stableBranch());
    assertEquals("MOODLE_311_STABLE", MoodleVersion.parse("3.11").stableBranch());
    assertEquals("v4.5.3", MoodleVersion.parse("4.5.3").releaseTag());
    assertTrue(MoodleVersion.parse("4.5+").stableHead());
    assertTrue(new Pin.Release(MoodleVersion.parse("4.5")).floating());
    assertFalse(new Pin.Release(MoodleVersion.parse("4.5.3")).floating());
    assertThrows(CodebaseException.class, () -> MoodleVersion.parse("4.5.3+"));
    assertThrows(CodebaseException.class, () -> MoodleVersion.parse("latest"));
  }

  @Test
  void aPluginHasAtMostOnePin() throws CodebaseException {
    assertInstanceOf(Pin.Tag.class, PluginSpec.declare("block_xp", "https://x/y.git", null, "v19.2", null, null).pin());
    assertEquals(new Pin.Commit("abcdef12"), PluginSpec.declare("block_xp", "https://x/y.git", null, null, "ABCDEF12", null).pin());
    PluginSpec bare = PluginSpec.declare("block_xp", null, null, null, null, null);
    assertEquals(new Pin.Automatic(), bare.pin(), "no pin: the newest compatible version");
    assertTrue(bare.sourceFromDirectory());
    assertEquals(new Pin.PluginVersion("2024100701"),
        PluginSpec.declare("block_xp", null, null, null, null, "2024100701", null, null).pin());
    assertEquals(new Pin.PluginRelease("v4.5.1"), PluginSpec.declare("block_xp", null, null, null, null, null, "v4.5.1", null).pin());
    CodebaseException two = assertThrows(CodebaseException.class,
        () -> PluginSpec.declare("block_xp", null, null, "v19.2", null, "2024100701", null, null));
    assertEquals("block_xp: <tag> and <version> are both set. Keep exactly one of <branch>, <tag>, <commit>, <version> or"
        + " <release> (or none: the newest compatible version) in pom.xml.", two.getMessage());
    CodebaseException release = assertThrows(CodebaseException.class,
        () -> PluginSpec.declare("block_xp", null, null, null, null, "v4.5.1", null, null));
    assertEquals("block_xp: <version>v4.5.1</version> is not a plugin version. A plugin's version is its $plugin->version,"
        + " ten digits such as 2024100701; for a release name such as v4.5.1 use <release>.", release.getMessage());
    CodebaseException notHex = assertThrows(CodebaseException.class,
        () -> PluginSpec.declare("block_xp", "https://x/y.git", null, null, "v19.2", null));
    assertTrue(notHex.getMessage().startsWith("block_xp: <commit>v19.2</commit> is not a commit id"));
    assertThrows(CodebaseException.class, () -> PluginSpec.declare("block_xp", "https://x/y.git", null, null, null, "../etc"));
    assertEquals("local/o365", PluginSpec.declare("local_o365", "https://x/y.git", "main", null, null, "/local/o365/").path());
  }

  @Test
  void moodleDefaultsToTheOfficialRepository() throws CodebaseException {
    MoodleSpec m = MoodleSpec.declare("4.5", null, null, null, null);
    assertEquals(MoodleSpec.DEFAULT_SOURCE, m.source());
    assertThrows(CodebaseException.class, () -> MoodleSpec.declare(null, null, null, null, null));
  }

  @Test
  void aComponentDeclaredTwiceIsRefused() throws CodebaseException {
    PluginSpec p = PluginSpec.declare("block_xp", "https://x/y.git", "master", null, null, null);
    CodebaseException e = assertThrows(CodebaseException.class,
        () -> Site.of(MoodleSpec.declare("4.5", null, null, null, null), List.of(p, p)));
    assertTrue(e.getMessage().startsWith("block_xp is declared twice"));
  }

  @Test
  void longestRewriteWins() throws CodebaseException {
    UrlRewrites r = UrlRewrites.parse(List.of("https://github.com/=https://mirror/gh/,https://github.com/moodle/=file:///srv/moodle/"));
    assertEquals("file:///srv/moodle/moodle.git", r.apply("https://github.com/moodle/moodle.git"));
    assertEquals("https://mirror/gh/x/y.git", r.apply("https://github.com/x/y.git"));
    assertEquals("https://gitlab.com/a.git", r.apply("https://gitlab.com/a.git"));
    assertThrows(CodebaseException.class, () -> UrlRewrites.parse(List.of("https://github.com/")));
  }

  @Test
  void urlsLoseTheirCredentials() {
    assertEquals("https://github.com/x/y.git", SourceUrls.redact("https://user:s3cret@github.com/x/y.git"));
    assertEquals("https://github.com/x/y", SourceUrls.normalise("HTTPS://token@GitHub.com/x/y.git/"));
    assertEquals("ssh://git@host.example.org/x.git", SourceUrls.redact("ssh://git@host.example.org/x.git"));
    assertEquals("ssh://host.example.org/x.git", SourceUrls.redact("ssh://git:pw@host.example.org/x.git"));
    assertEquals("https://github.com/X/y", SourceUrls.normalise("https://github.com/X/y"));
  }

  @Test
  void gitsOwnInsteadOfRulesApplyAfterTheSites() throws Exception {
    org.eclipse.jgit.lib.Config git = new org.eclipse.jgit.lib.Config();
    git.fromText("[url \"https://git.example.org/mirror/github/\"]\n\tinsteadOf = https://github.com/\n"
        + "[url \"ssh://git@git.example.org/\"]\n\tinsteadOf = https://gitlab.example.org/\n\tinsteadOf = gl:\n");
    UrlRewrites r = UrlRewrites.parse(List.of("https://github.com/moodle/=https://github.com/moodle-mirror/")).withGitConfig(git);
    assertEquals("https://git.example.org/mirror/github/moodle-mirror/moodle.git", r.apply("https://github.com/moodle/moodle.git"));
    assertEquals("https://git.example.org/mirror/github/x/y.git", r.apply("https://github.com/x/y.git"));
    assertEquals("ssh://git@git.example.org/team/p.git", r.apply("gl:team/p.git"));
    assertEquals("ssh://git@git.example.org/team/p.git", r.apply("https://gitlab.example.org/team/p.git"));
  }

  @Test
  void pushUrlsTakeGitsPushInsteadOfFirst() throws Exception {
    org.eclipse.jgit.lib.Config git = new org.eclipse.jgit.lib.Config();
    git.fromText("[url \"ssh://git@git.example.org/\"]\n\tpushInsteadOf = https://git.example.org/\n"
        + "[url \"https://mirror.example.org/\"]\n\tinsteadOf = https://git.example.org/\n");
    UrlRewrites r = UrlRewrites.parse(List.of()).withGitConfig(git);
    assertEquals("ssh://git@git.example.org/sites/release.git", r.applyForPush("https://git.example.org/sites/release.git"));
    assertEquals("https://mirror.example.org/sites/release.git", r.apply("https://git.example.org/sites/release.git"));
    assertEquals("https://other.example.org/x.git", r.applyForPush("https://other.example.org/x.git"));
  }
}
