package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionFileTest {
  @Test
  void aTypicalPluginVersionFile() throws Exception {
    PluginMetadata m = PluginMetadata.of(VersionFile.parse("""
        <?php
        // This file is part of Moodle - https://moodle.org/
        /**
         * Version details.
         * @package mod_attendance
         */
        defined('MOODLE_INTERNAL') || die();

        $plugin->version  = 2024100701;    // The current module version (Date: YYYYMMDDXX).
        $plugin->requires = 2024100700;    # Requires this Moodle version.
        $plugin->release = 'v4.5.1';
        $plugin->maturity  = MATURITY_STABLE;
        $plugin->component = 'mod_attendance';
        $plugin->supported = [405, 405];
        $plugin->incompatible = 500;
        $plugin->dependencies = ['qbehaviour_adaptive_adapted_for_coderunner' => 2021112300, 'mod_foo' => ANY_VERSION];
        """));
    assertEquals("mod_attendance", m.component());
    assertEquals(new BigDecimal("2024100701"), m.version());
    assertEquals(new BigDecimal("2024100700"), m.requires());
    assertEquals(List.of(405, 405), m.supported());
    assertEquals(500, m.incompatible());
    assertEquals(200, m.maturity());
    assertEquals("v4.5.1", m.release());
    assertEquals(new BigDecimal("2021112300"), m.dependencies().get("qbehaviour_adaptive_adapted_for_coderunner"));
    assertTrue(m.dependencies().containsKey("mod_foo"));
    assertNull(m.dependencies().get("mod_foo"));
  }

  @Test
  void oldArraySyntaxTrailingCommasAndCommentsBetweenTokens() throws Exception {
    PluginMetadata m = PluginMetadata.of(VersionFile.parse("""
        <?php
        defined('MOODLE_INTERNAL') or die;
        $plugin = new stdClass();
        $plugin /* the object */ -> version = 2023042400.01 ;
        $plugin->requires = 2022041900;
        $plugin->component = "block_xp";
        $plugin->maturity = MATURITY_BETA;
        $plugin->dependencies = array(
            'local_xp' => 2023042400, // needs the local part
            'mod_quiz' => ANY_VERSION,
        );
        $plugin->supported = array(401, 405,);
        """.replace("or die;", "|| die;")));
    assertEquals(new BigDecimal("2023042400.01"), m.version());
    assertEquals(100, m.maturity());
    assertEquals(List.of(401, 405), m.supported());
    assertEquals(2, m.dependencies().size());
  }

  @Test
  void coreVersionFile() throws Exception {
    VersionFile core = VersionFile.parse("""
        <?php
        defined('MOODLE_INTERNAL') || die();
        $version  = 2024100706.01;              // YYYYMMDD      = weekly release date of this DEV branch.
        $release  = '4.5.6+ (Build: 20250818)'; // Human-friendly version name
        $branch   = '405';                      // This version's branch.
        $maturity = MATURITY_STABLE;            // This version's maturity level.
        """);
    assertEquals(new BigDecimal("2024100706.01"), core.get("version"));
    assertEquals("4.5.6+ (Build: 20250818)", core.get("release"));
    assertEquals("405", core.get("branch"));
    assertEquals(new VersionFile.Constant("MATURITY_STABLE"), core.get("maturity"));
  }

  @Test
  void stringsKeepTheirEscapedQuotes() throws Exception {
    VersionFile f = VersionFile.parse("<?php\n$plugin->release = 'It\\'s 2.0';\n$plugin->x = -1;\n");
    assertEquals("It's 2.0", f.get("plugin->release"));
    assertEquals(new BigDecimal("-1"), f.get("plugin->x"));
    assertEquals(Map.of(), Map.of());
  }

  @Test
  void codeIsRefusedWithItsLine() {
    VersionFile.UnreadableException call = assertThrows(VersionFile.UnreadableException.class,
        () -> VersionFile.parse("<?php\n\n$plugin->version = time();\n"));
    assertEquals("line 3: code (time(...) where a value was expected", call.getMessage());
    assertThrows(VersionFile.UnreadableException.class, () -> VersionFile.parse("<?php\nrequire_once(__DIR__ . '/x.php');\n"));
    assertThrows(VersionFile.UnreadableException.class, () -> VersionFile.parse("<?php\n$plugin->release = \"v$x\";\n"));
    assertThrows(VersionFile.UnreadableException.class, () -> VersionFile.parse("<?php\n$plugin->version = 2024;\n$plugin->requires = "));
    assertThrows(VersionFile.UnreadableException.class, () -> VersionFile.parse("not php"));
    assertThrows(VersionFile.UnreadableException.class,
        () -> PluginMetadata.of(VersionFile.parse("<?php\n$plugin->supported = [405];\n")));
    assertThrows(VersionFile.UnreadableException.class,
        () -> PluginMetadata.of(VersionFile.parse("<?php\n$plugin->maturity = MATURITY_GOLD;\n")));
  }
}
