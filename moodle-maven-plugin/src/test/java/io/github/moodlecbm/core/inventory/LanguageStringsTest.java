package io.github.moodlecbm.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's name, {@code $string['pluginname']}, read from its English language file as text. */
class LanguageStringsTest {
  private static Optional<String> name(String php) {
    return LanguageStrings.pluginName(php);
  }

  @Test
  void theLanguageFileIsNamedAfterTheComponentAndAfterTheModuleAloneForActivityModules() {
    assertEquals("lang/en/attendance.php", LanguageStrings.file("mod_attendance"));
    assertEquals("lang/en/block_xp.php", LanguageStrings.file("block_xp"));
    assertEquals("lang/en/quizaccess_seb.php", LanguageStrings.file("quizaccess_seb"));
    assertEquals("lang/en/local_o365.php", LanguageStrings.file("local_o365"));
  }

  @Test
  void singleAndDoubleQuotesWithOrWithoutSpaces() {
    assertEquals(Optional.of("Attendance"), name("<?php\n$string['pluginname'] = 'Attendance';\n"));
    assertEquals(Optional.of("Attendance"), name("<?php\n$string[\"pluginname\"] = \"Attendance\";\n"));
    assertEquals(Optional.of("Attendance"), name("<?php\n$string [ 'pluginname' ]   =\n    'Attendance' ;\n"));
    assertEquals(Optional.of("Attendance"), name("<?php $string['pluginname']='Attendance';"));
    assertEquals(Optional.of("Level Up XP"), name("\uFEFF<?php\n$string['pluginname'] = 'Level Up XP';\n"));
  }

  @Test
  void escapedQuotesAreTakenAsPhpReadsThem() {
    assertEquals(Optional.of("Teacher's tool"), name("<?php\n$string['pluginname'] = 'Teacher\\'s tool';\n"));
    assertEquals(Optional.of("A \"quoted\" name"), name("<?php\n$string['pluginname'] = \"A \\\"quoted\\\" name\";\n"));
    assertEquals(Optional.of("Back\\slash"), name("<?php\n$string['pluginname'] = 'Back\\\\slash';\n"));
    assertEquals(Optional.of("Price in $"), name("<?php\n$string['pluginname'] = \"Price in \\$\";\n"));
    // In single quotes PHP keeps a backslash before anything else, and {$a} as written.
    assertEquals(Optional.of("C:\\new {$a}"), name("<?php\n$string['pluginname'] = 'C:\\new {$a}';\n"));
  }

  @Test
  void commentsAndOtherStringsAroundItAreNotTheName() {
    String php = """
        <?php
        // This file is part of Moodle - https://moodle.org/
        // $string['pluginname'] = 'In a line comment';
        # $string['pluginname'] = 'In a hash comment';
        /*
         * $string['pluginname'] = 'In a block comment';
         */
        $string['modulename'] = 'Attendance module';
        $string['pluginname_help'] = 'Help';
        $string['description'] = "Not \\$string['pluginname'] = 'in a string';";
        $string['pluginname'] = 'Attendance'; // The name.
        $string['pluginadministration'] = 'Attendance administration';
        """;
    assertEquals(Optional.of("Attendance"), name(php));
    assertEquals(Optional.of("Attendance module"), LanguageStrings.string(php, "modulename"));
  }

  @Test
  void theLastAssignmentCounts() {
    assertEquals(Optional.of("Second"), name("<?php\n$string['pluginname'] = 'First';\n$string['pluginname'] = 'Second';\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = 'First';\n$string['pluginname'] .= ' and more';\n"));
  }

  @Test
  void aValueBuiltByCodeIsNotEvaluated() {
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = 'Atten' . 'dance';\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = 'Attendance' . $suffix;\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = $name;\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = get_string('modulename', 'mod_attendance');\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = \\core\\name::get();\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = \"Tool $version\";\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = \"Tool {$a->name}\";\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = <<<EOT\nHeredoc\nEOT;\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = COMPONENT_NAME;\n"));
  }

  @Test
  void noNameIsNotStated() {
    assertEquals(Optional.empty(), name("<?php\n$string['modulename'] = 'Attendance';\n"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = '';\n"));
    assertEquals(Optional.empty(), name("Not PHP at all: $string['pluginname'] = 'x';"));
    assertEquals(Optional.empty(), name("<?php\n$string['pluginname'] = 'never ends;\n"));
    assertEquals(Optional.empty(), name(""));
  }

  @Test
  void theNameIsReadFromThePluginsFolderInATree(@TempDir Path tmp) throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("code.git"))) {
      git.onBranch("main").commit("plugins", c -> c
          .file("mod/attendance/lang/en/attendance.php", "<?php\n$string['pluginname'] = 'Attendance';\n")
          .file("mod/attendance/lang/en/mod_attendance.php", "<?php\n$string['pluginname'] = 'Wrong file';\n")
          .file("blocks/xp/lang/en/block_xp.php", "<?php\n$string['pluginname'] = 'Level Up XP';\n"));
      ObjectId tree = git.tree(git.head());
      try (ObjectReader reader = git.repository().newObjectReader()) {
        TreeFiles files = new TreeFiles(reader);
        assertEquals(Optional.of("Attendance"), LanguageStrings.pluginName(files, tree, "mod/attendance", "mod_attendance"));
        assertEquals(Optional.of("Level Up XP"), LanguageStrings.pluginName(files, tree, "blocks/xp", "block_xp"));
        assertEquals(Optional.empty(), LanguageStrings.pluginName(files, tree, "local/absent", "local_absent"));
      }
    }
  }
}
