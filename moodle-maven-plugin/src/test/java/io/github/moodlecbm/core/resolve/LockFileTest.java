package io.github.moodlecbm.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.config.Pin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  @TempDir Path tmp;

  /** A lock as the plugin has always written it: every kind of pin, a submodule, a 5.1 code root. */
  private static final String RECORDED = """
      {
        "format": 1,
        "tree": "1aca959b298bf578c41efee5f1beb0ae4b93d51d",
        "moodle": {
          "source": "https://github.com/moodle/moodle.git",
          "pin": "version 5.1+",
          "commit": "93ede31251afbac21a258ee527a4f84dd1125d90",
          "release": "5.1+ (Build: 20251006)",
          "codeRoot": "public"
        },
        "plugins": {
          "block_xp": {
            "source": "https://github.com/FMCorz/moodle-block_xp.git",
            "pin": "tag v19.2",
            "commit": "d09cabf71366ac349d19b70f96d1f790da25ba39",
            "installPath": "public/blocks/xp"
          },
          "local_o365": {
            "source": "https://github.com/microsoft/o365-moodle.git",
            "pin": "branch MOODLE_501_STABLE",
            "path": "local/o365",
            "commit": "2324f6143e21f28a1f89194db9aa939d1139078c",
            "installPath": "public/local/o365"
          },
          "mod_attendance": {
            "source": "https://github.com/danmarsden/moodle-mod_attendance.git",
            "pin": "newest compatible",
            "commit": "a593ba72a1b8b047156b4989bda32bea742a6009",
            "why": "MOODLE_501_STABLE: supported [501, 501], requires 2025100600",
            "installPath": "public/mod/attendance"
          },
          "mod_customcert": {
            "source": "https://github.com/mdjnelson/moodle-mod_customcert.git",
            "pin": "version 2024100701",
            "commit": "be6f08e4244e48f3fc6c7ebdd79bbadc01f9b693",
            "why": "tag v4.5.1: the plugins directory's tag for version 2024100701",
            "installPath": "public/mod/customcert"
          },
          "mod_hvp": {
            "source": "https://github.com/h5p/moodle-mod_hvp.git",
            "pin": "commit 9fc9f24d",
            "commit": "9fc9f24d0a83e9fbe07ec25247851d0125d03f70",
            "installPath": "public/mod/hvp",
            "submodules": [
              {
                "path": "library",
                "source": "https://github.com/h5p/h5p-php-library.git",
                "commit": "1aca959b298bf578c41efee5f1beb0ae4b93d51d"
              }
            ]
          },
          "tool_mergeusers": {
            "source": "https://github.com/jpahullo/moodle-tool_mergeusers.git",
            "pin": "release v4.5.1",
            "commit": "93ede31251afbac21a258ee527a4f84dd1125d90",
            "why": "tag v4.5.1: its version.php has release v4.5.1",
            "installPath": "public/admin/tool/mergeusers"
          }
        }
      }
      """;

  @Test
  void aLockWrittenBeforePinsHadTypesReadsAsTypesAndWritesTheSameBytes() throws Exception {
    Path file = tmp.resolve("moodle.lock");
    Files.writeString(file, RECORDED);
    Lock lock = new LockFile(file).read().orElseThrow();
    assertEquals(new Pin.Release(new MoodleVersion(5, 1, -1, true)), lock.moodle().pin());
    assertEquals(new Pin.Tag("v19.2"), lock.plugins().get("block_xp").pin());
    assertEquals(new Pin.Branch("MOODLE_501_STABLE"), lock.plugins().get("local_o365").pin());
    assertEquals(new Pin.Automatic(), lock.plugins().get("mod_attendance").pin());
    assertEquals(new Pin.PluginVersion("2024100701"), lock.plugins().get("mod_customcert").pin());
    assertEquals(new Pin.Commit("9fc9f24d"), lock.plugins().get("mod_hvp").pin());
    assertEquals(new Pin.PluginRelease("v4.5.1"), lock.plugins().get("tool_mergeusers").pin());
    assertEquals(RECORDED, LockFile.render(lock));
  }

  @Test
  void everyPinReadsBackAsItIsWritten() throws Exception {
    for (Pin pin : List.of(new Pin.Branch("main"), new Pin.Tag("v1.2-r3"), new Pin.Commit("abcdef12"),
        new Pin.Release(MoodleVersion.parse("4.5")), new Pin.Release(MoodleVersion.parse("4.5+")),
        new Pin.Release(MoodleVersion.parse("4.5.3")), new Pin.PluginVersion("2024100701.01"), new Pin.PluginRelease("4.5.1 (beta)"),
        new Pin.Automatic())) {
      assertEquals(pin, Pin.parse(pin.describe()), pin.describe());
    }
  }

  @Test
  void aPinEditedIntoNonsenseIsRefusedNamingTheLine() throws Exception {
    Path file = tmp.resolve("moodle.lock");
    Files.writeString(file, RECORDED.replace("\"pin\": \"tag v19.2\"", "\"pin\": \"tagg v19.2\""));
    CodebaseException e = assertThrows(CodebaseException.class, () -> new LockFile(file).read());
    assertEquals("moodle.lock cannot be read at line 14: 'tagg v19.2' is not a pin (branch, tag, commit, version, release or"
        + " newest compatible). Restore it from version control, or delete it and build again to resolve every pin afresh.",
        e.getMessage());
    assertInstanceOf(IllegalArgumentException.class, e.getCause().getCause());
  }
}
