package io.github.moodlecbm.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.Component;
import io.github.moodlecbm.fixture.FakeMoodle;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallPathLayoutTest {
  @TempDir static Path tmp;
  static GitFixture moodle;

  @BeforeAll
  static void fakeMoodle() {
    moodle = FakeMoodle.create(tmp.resolve("moodle.git"), 0);
  }

  static InstallPathLayout layout(String ref) throws Exception {
    try (ObjectReader reader = moodle.repository().newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      return InstallPathLayout.of(new TreeFiles(reader), walk.parseCommit(moodle.resolve(ref)).getTree(), "moodle");
    }
  }

  @Test
  void pluginTypesComeFromComponentsJsonAndSubpluginsJson() throws Exception {
    InstallPathLayout l = layout("v4.5.2");
    assertEquals("", l.codeRoot());
    assertEquals("mod/attendance", l.installPath(Component.parse("mod_attendance")));
    assertEquals("admin/tool/redis", l.installPath(Component.parse("tool_redis")));
    assertEquals("blocks/xp", l.installPath(Component.parse("block_xp")));
    assertEquals("mod/quiz/accessrule/honestycheck", l.installPath(Component.parse("quizaccess_honestycheck")));
    assertEquals("lib/editor/tiny/plugins/c4l", l.installPath(Component.parse("tiny_c4l")));
    assertEquals("admin/tool/log/store/xapi", l.installPath(Component.parse("logstore_xapi")));
    assertEquals("mod/assign/submission/pdf", l.installPath(Component.parse("assignsubmission_pdf")));
    assertFalse(l.knows("customcertelement"));
  }

  @Test
  void moodle51PutsEverythingUnderPublic() throws Exception {
    InstallPathLayout l = layout("v5.1.0");
    assertEquals("public", l.codeRoot());
    assertEquals("public/mod/attendance", l.installPath(Component.parse("mod_attendance")));
    assertEquals("public/mod/quiz/accessrule/honestycheck", l.installPath(Component.parse("quizaccess_honestycheck")));
  }

  @Test
  void thirdPartySubpluginTypesFollowTheirParent() throws Exception {
    InstallPathLayout l = layout("v5.1.0");
    // 5.x "subplugintypes" are relative to wherever the parent is installed.
    l.addSubpluginTypes("{\"subplugintypes\": {\"customcertelement\": \"element\"},"
        + " \"plugintypes\": {\"customcertelement\": \"mod/customcert/element\"}}", "mod/customcert", "mod_customcert");
    assertEquals("public/mod/customcert/element/qr", l.installPath(Component.parse("customcertelement_qr")));

    InstallPathLayout old = layout("v4.5.2");
    old.addSubpluginTypes("{\"plugintypes\": {\"customcertelement\": \"mod\\/customcert\\/element\"}}", "mod/customcert", "mod_customcert");
    assertEquals("mod/customcert/element/qr", old.installPath(Component.parse("customcertelement_qr")));
    assertTrue(old.pluginTypes().containsKey("customcertelement"));
  }

  @Test
  void coreReleaseIsReadFromVersionPhpAsText() {
    CoreRelease r = CoreRelease.parse(FakeMoodle.coreVersion("2024100706.01", "4.5.6+ (Build: 20250818)", "405")).orElseThrow();
    assertEquals("2024100706.01", r.version());
    assertEquals("4.5.6+ (Build: 20250818)", r.release());
    assertEquals("405", r.branch());
    assertTrue(CoreRelease.parse("<?php\n$plugin->version = 1;\n").isEmpty());
  }

  @Test
  void badSubpluginsJsonNamesThePluginThatShipsIt() throws Exception {
    InstallPathLayout l = layout("v4.5.2");
    CodebaseException e = org.junit.jupiter.api.Assertions.assertThrows(CodebaseException.class,
        () -> l.addSubpluginTypes("{ not json", "mod/customcert", "mod_customcert"));
    assertTrue(e.getMessage().startsWith("mod_customcert: mod_customcert db/subplugins.json is not valid JSON"), e.getMessage());
  }
}
