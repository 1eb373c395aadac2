package io.github.moodlecbm.core.inventory;

import static io.github.moodlecbm.core.inventory.LicenceTexts.docblock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's licence as an SPDX id, from its licence file or the headers of its PHP files. */
class LicencesTest {
  private static final String SILENT_PHP = "<?php\n// Library functions of local_thing.\ndefined('MOODLE_INTERNAL') || die();\n";

  private static Optional<String> file(String text) {
    return Licences.licenceFile(text);
  }

  private static Optional<String> header(String php) {
    return Licences.phpHeader(php);
  }

  @Test
  void theFullTextOfTheGplAloneIsThatVersionOnly() {
    // Its terms and its appendix speak of "any later version" in general, not of the plugin.
    assertEquals(Optional.of("GPL-3.0-only"), file(LicenceTexts.GPL3));
    assertEquals(Optional.of("GPL-2.0-only"), file(LicenceTexts.GPL2));
    assertEquals(Optional.of("GPL-3.0-only"), Licences.identify(LicenceTexts.GPL3, List.of(SILENT_PHP)));
  }

  @Test
  void theGplIsOrLaterWhenTheFilesOwnWordsOrThePhpHeadersSaySo() {
    assertEquals(Optional.of("GPL-3.0-or-later"),
        file("Copyright (C) 2024 Someone\n\nThis plugin is licensed under the GNU GPL v3 or later.\n\n" + LicenceTexts.GPL3));
    assertEquals(Optional.of("GPL-3.0-or-later"), Licences.identify(LicenceTexts.GPL3, List.of(LicenceTexts.MOODLE_HEADER)));
    assertEquals(Optional.of("GPL-2.0-or-later"), Licences.identify(LicenceTexts.GPL2,
        List.of(docblock("http://www.gnu.org/copyleft/gpl.html GNU GPL v2 or later"))));
    // The headers' "or later" of another version or licence does not carry over.
    assertEquals(Optional.of("GPL-2.0-only"), Licences.identify(LicenceTexts.GPL2, List.of(LicenceTexts.MOODLE_HEADER)));
    assertEquals(Optional.of("GPL-3.0-only"), Licences.identify(LicenceTexts.GPL3,
        List.of(docblock("http://www.gnu.org/copyleft/lesser.html GNU LGPL v3 or later"))));
    // A title followed by the notice rather than the terms: the notice is the plugin's own words.
    assertEquals(Optional.of("GPL-3.0-or-later"), file("GNU GENERAL PUBLIC LICENSE\nVersion 3\n\n"
        + "This program is free software: you can redistribute it and/or modify it under the terms of the GNU General"
        + " Public License as published by the Free Software Foundation, either version 3 of the License, or (at your"
        + " option) any later version.\n"));
  }

  @Test
  void aShortNoticeAsTheLicenceFile() {
    assertEquals(Optional.of("GPL-3.0-or-later"), file("This plugin is free software: you can redistribute it and/or modify it"
        + " under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3"
        + " of the License, or (at your option) any later version.\n"));
    assertEquals(Optional.of("GPL-3.0-only"), file("Licensed under the GNU General Public License, version 3.\n"));
    assertEquals(Optional.of("GPL-3.0-or-later"), file("SPDX-License-Identifier: GPL-3.0-or-later\n"));
    assertEquals(Optional.empty(), file("All rights reserved.\n"));
    assertEquals(Optional.empty(), file("Licensed under the GPL.\n"), "no version: not clear");
  }

  @Test
  void otherLicencesWhenClearlyIdentified() {
    assertEquals(Optional.of("MIT"), file(LicenceTexts.MIT));
    assertEquals(Optional.of("Apache-2.0"), file(LicenceTexts.APACHE2));
    assertEquals(Optional.of("BSD-3-Clause"), file(LicenceTexts.BSD3));
    assertEquals(Optional.of("BSD-2-Clause"), file(LicenceTexts.BSD3.replaceAll("(?s)3\\. Neither.*?permission\\.\n", "")));
    assertEquals(Optional.empty(), file(LicenceTexts.BSD3.replace("3. Neither", "3. All advertising materials mentioning features."
        + "\n4. Neither")), "the four-clause BSD is none of them");
    assertEquals(Optional.of("LGPL-2.1-only"), file(LicenceTexts.LGPL21));
    assertEquals(Optional.of("LGPL-3.0-only"), file(LicenceTexts.LGPL3));
    assertEquals(Optional.of("LGPL-2.1-or-later"), Licences.identify(LicenceTexts.LGPL21,
        List.of("<?php\n// Licensed under the GNU Lesser General Public License, version 2.1 or later.\n")));
    assertEquals(Optional.of("AGPL-3.0-only"), file(LicenceTexts.GPL3.replace("GNU GENERAL PUBLIC LICENSE",
        "GNU AFFERO GENERAL PUBLIC LICENSE")));
    assertEquals(Optional.empty(), file("Mozilla Public License Version 2.0\n" + "x".repeat(3000)
        + "\nSecondary Licenses means the GNU General Public License, Version 2.0, the GNU Lesser General Public License,"
        + " Version 2.1, the GNU Affero General Public License, Version 3.0\n"), "another licence that mentions the GNU ones");
  }

  @Test
  void thePhpHeadersAsMoodlePluginsWriteThem() {
    assertEquals(Optional.of("GPL-3.0-or-later"), header(LicenceTexts.MOODLE_HEADER));
    assertEquals(Optional.of("GPL-3.0-or-later"), header(docblock("http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later")));
    assertEquals(Optional.of("GPL-3.0-or-later"), header(docblock("https://www.gnu.org/licenses/gpl-3.0.html GNU GPL v3 or later")));
    assertEquals(Optional.of("GPL-3.0-or-later"), header(docblock("GPL-3.0-or-later")));
    assertEquals(Optional.of("GPL-3.0-or-later"), header(docblock("http://www.gnu.org/licenses/gpl-3.0.html GPLv3+")));
    assertEquals(Optional.of("GPL-3.0-only"), header(docblock("http://www.gnu.org/copyleft/gpl.html GNU GPL v3")));
    assertEquals(Optional.of("GPL-2.0-or-later"), header(docblock("http://www.gnu.org/copyleft/gpl.html GNU GPL v2 or later")));
    assertEquals(Optional.of("MIT"), header(docblock("http://opensource.org/licenses/MIT MIT")));
    assertEquals(Optional.of("Apache-2.0"), header(docblock("http://www.apache.org/licenses/LICENSE-2.0 Apache License, Version 2.0")));
    assertEquals(Optional.of("GPL-3.0-or-later"), header("<?php\n// SPDX-License-Identifier: GPL-3.0-or-later\n"));
    assertEquals(Optional.of("GPL-3.0-or-later"), header("<?php\n// SPDX-License-Identifier: GPL-3.0+\n"));
    assertEquals(Optional.of("GPL-3.0-only"), header("<?php\n/* SPDX-License-Identifier: GPL-3.0-only */\n"));
    assertEquals(Optional.of("EUPL-1.2"), header("<?php\n// SPDX-License-Identifier: EUPL-1.2\n"));
    assertEquals(Optional.of("GPL-3.0-or-later"), header(docblock("GNU GPL version 3 or later")));
    assertEquals(Optional.of("GPL-3.0-only"), header(docblock("GNU General Public License v3")));
  }

  @Test
  void aPhpHeaderThatStatesNothingClearIsNotALicence() {
    assertEquals(Optional.empty(), header(SILENT_PHP));
    assertEquals(Optional.empty(), header(docblock("http://www.gnu.org/copyleft/gpl.html GNU Public License")), "no version");
    assertEquals(Optional.empty(), header("<?php\n// SPDX-License-Identifier: GPL-3.0-or-later OR MIT\n"), "a choice");
    assertEquals(Optional.empty(), header(docblock("GNU GPL v3 or later, parts MIT License")), "two licences");
    // Only the start of the file is its header.
    assertEquals(Optional.empty(), header("<?php\n" + "// A long comment.\n".repeat(150) + "// @license GNU GPL v3 or later\n"));
  }

  @Test
  void orLaterIsTakenFromTheLicenceStatementNotFromAnywhereInTheHeader() {
    String php = "<?php\n// This plugin needs Moodle 4.1 or later.\n//\n" + "// Some more words about what it does.\n".repeat(8)
        + "/**\n * @license http://www.gnu.org/copyleft/gpl.html GNU GPL v3\n */\n";
    assertEquals(Optional.of("GPL-3.0-only"), header(php));
  }

  @Test
  void theFirstPhpFileThatStatesALicenceCounts() {
    assertEquals(Optional.of("GPL-3.0-or-later"), Licences.identify(null, List.of(SILENT_PHP, LicenceTexts.MOODLE_HEADER,
        docblock("http://opensource.org/licenses/MIT MIT"))));
    assertEquals(Optional.of("MIT"), Licences.identify(null, List.of(docblock("http://opensource.org/licenses/MIT MIT"),
        LicenceTexts.MOODLE_HEADER)));
    assertEquals(Optional.empty(), Licences.identify(null, List.of(SILENT_PHP)));
    assertEquals(Optional.empty(), Licences.identify(null, List.of()));
    // A licence file that is none of the known licences leaves it to the headers.
    assertEquals(Optional.of("GPL-3.0-or-later"), Licences.identify("All rights reserved.\n", List.of(LicenceTexts.MOODLE_HEADER)));
    // A clear licence file wins over the headers.
    assertEquals(Optional.of("MIT"), Licences.identify(LicenceTexts.MIT, List.of(LicenceTexts.MOODLE_HEADER)));
  }

  @Test
  void theLicenceFileIsFoundInAnyCaseAndTheHeadersInTheUsualFiles(@TempDir Path tmp) throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("code.git"))) {
      git.onBranch("main").commit("plugins", c -> c
          .file("COPYING.txt", LicenceTexts.GPL3)
          .file("public/version.php", LicenceTexts.MOODLE_HEADER + "$version = 2025100600.00;\n")
          .file("public/local/upper/LICENSE", LicenceTexts.GPL3)
          .file("public/local/upper/version.php", LicenceTexts.MOODLE_HEADER)
          .file("public/local/lower/copying.txt", LicenceTexts.GPL2)
          .file("public/local/lower/version.php", SILENT_PHP)
          .file("public/local/markdown/License.md", LicenceTexts.MIT)
          .file("public/local/headers/version.php", SILENT_PHP)
          .file("public/local/headers/lib.php", docblock("http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later"))
          .file("public/blocks/own/version.php", SILENT_PHP)
          .file("public/blocks/own/block_own.php", docblock("GPL-2.0-or-later"))
          .file("public/local/silent/version.php", SILENT_PHP)
          .file("public/local/silent/README.md", "# GPL v3 or later, somewhere in a readme\n"));
      ObjectId tree = git.tree(git.head());
      try (ObjectReader reader = git.repository().newObjectReader()) {
        TreeFiles files = new TreeFiles(reader);
        assertEquals(Optional.of("GPL-3.0-or-later"), Licences.of(files, tree, "public/local/upper", "local_upper"));
        assertEquals(Optional.of("GPL-2.0-only"), Licences.of(files, tree, "public/local/lower", "local_lower"));
        assertEquals(Optional.of("MIT"), Licences.of(files, tree, "public/local/markdown", "local_markdown"));
        assertEquals(Optional.of("GPL-3.0-or-later"), Licences.of(files, tree, "public/local/headers", "local_headers"));
        assertEquals(Optional.of("GPL-2.0-or-later"), Licences.of(files, tree, "public/blocks/own", "block_own"));
        assertEquals(Optional.empty(), Licences.of(files, tree, "public/local/silent", "local_silent"));
        assertEquals(Optional.empty(), Licences.of(files, tree, "public/local/absent", "local_absent"));
        // Moodle: the licence file at the code base's root, "or later" from its version.php under public/.
        assertEquals(Optional.of("GPL-3.0-or-later"), Licences.ofMoodle(files, tree, "public"));
      }
    }
  }
}
