package io.github.moodlecbm.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Moodle's admin/environment.xml requires of the servers for the code base's release. */
class EnvironmentXmlTest {
  /** The shape of Moodle's file: one element per release, with feedback, bypasses and custom checks. */
  private static final String XML = """
      <?xml version="1.0" encoding="UTF-8" ?>
      <COMPATIBILITY_MATRIX>
        <MOODLE version="4.4" requires="3.11.8">
          <DATABASE level="required">
            <VENDOR name="postgres" version="13" />
          </DATABASE>
          <PHP version="8.1.0" level="required"></PHP>
        </MOODLE>
        <MOODLE version="4.5" requires="4.1.2">
          <UNICODE level="required">
            <FEEDBACK>
              <ON_ERROR message="unicoderequired" />
            </FEEDBACK>
          </UNICODE>
          <DATABASE level="required">
            <VENDOR name="mariadb" version="10.6.7" />
            <VENDOR name="mysql" version="8.0" />
            <VENDOR name="postgres" version="13" />
            <VENDOR name="mssql" version="14.0" />
            <VENDOR name="oracle" version="19" />
            <VENDOR name="auroramysql" version="8.0" />
          </DATABASE>
          <PHP version="8.1.0" level="required">
          </PHP>
          <PCREUNICODE level="optional">
            <FEEDBACK>
              <ON_CHECK message="pcreunicodewarning" />
            </FEEDBACK>
          </PCREUNICODE>
          <PHP_EXTENSIONS>
            <PHP_EXTENSION name="iconv" level="required">
              <FEEDBACK>
                <ON_ERROR message="iconvrequired" />
              </FEEDBACK>
            </PHP_EXTENSION>
            <PHP_EXTENSION name="mbstring" level="required" />
            <PHP_EXTENSION name="curl" level="required" />
            <PHP_EXTENSION name="openssl" level="optional" />
            <PHP_EXTENSION name="sodium" level="required" />
            <PHP_EXTENSION name="intl" level="required" />
          </PHP_EXTENSIONS>
          <PHP_SETTINGS>
            <PHP_SETTING name="memory_limit" value="96M" level="required" />
          </PHP_SETTINGS>
          <CUSTOM_CHECKS>
            <CUSTOM_CHECK file="lib/upgradelib.php" function="check_database_storage_engine" level="required" />
          </CUSTOM_CHECKS>
        </MOODLE>
        <MOODLE version="5.1" requires="4.2.3">
          <DATABASE level="required">
            <VENDOR name="postgres" version="15" />
          </DATABASE>
          <PHP version="8.2.0" level="required" />
          <PHP_EXTENSIONS>
            <PHP_EXTENSION name="sodium" level="required" />
          </PHP_EXTENSIONS>
        </MOODLE>
      </COMPATIBILITY_MATRIX>
      """;

  @Test
  void theBranchNamesTheMoodleVersionAsTheFileWritesIt() {
    assertEquals(Optional.of("4.5"), EnvironmentXml.moodleVersion("405"));
    assertEquals(Optional.of("5.0"), EnvironmentXml.moodleVersion("500"));
    assertEquals(Optional.of("5.1"), EnvironmentXml.moodleVersion("501"));
    assertEquals(Optional.of("3.11"), EnvironmentXml.moodleVersion("311"));
    assertEquals(Optional.of("3.9"), EnvironmentXml.moodleVersion("39"));
    assertEquals(Optional.empty(), EnvironmentXml.moodleVersion("4.5"));
    assertEquals(Optional.empty(), EnvironmentXml.moodleVersion(null));
  }

  @Test
  void theRequirementsOfTheCodeBasesOwnRelease() {
    Inventory.Environment e = EnvironmentXml.parse(XML, "4.5").orElseThrow();
    assertEquals("8.1.0", e.php());
    assertEquals(Map.of("mariadb", "10.6.7", "mysql", "8.0", "postgres", "13", "mssql", "14.0", "oracle", "19",
        "auroramysql", "8.0"), e.databases());
    assertEquals(List.of("iconv", "mbstring", "curl", "sodium", "intl"), e.phpExtensions(), "the optional openssl left out");

    Inventory.Environment newer = EnvironmentXml.parse(XML, "5.1").orElseThrow();
    assertEquals("8.2.0", newer.php());
    assertEquals(Map.of("postgres", "15"), newer.databases());
    assertEquals(List.of("sodium"), newer.phpExtensions());
  }

  @Test
  void whatTheFileDoesNotRequireIsNotListed() {
    String xml = """
        <COMPATIBILITY_MATRIX>
          <MOODLE version="5.0">
            <DATABASE level="optional"><VENDOR name="sqlite" version="3" /></DATABASE>
            <PHP version="8.2.0" level="optional" />
            <PHP_EXTENSIONS><PHP_EXTENSION name="gd" level="optional" /></PHP_EXTENSIONS>
          </MOODLE>
        </COMPATIBILITY_MATRIX>
        """;
    Inventory.Environment e = EnvironmentXml.parse(xml, "5.0").orElseThrow();
    assertNull(e.php());
    assertTrue(e.databases().isEmpty());
    assertTrue(e.phpExtensions().isEmpty());
  }

  @Test
  void aReleaseTheFileDoesNotListOrAFileThatIsNotXmlGivesNothing() {
    assertEquals(Optional.empty(), EnvironmentXml.parse(XML, "5.0"));
    assertEquals(Optional.empty(), EnvironmentXml.parse("<COMPATIBILITY_MATRIX><MOODLE version=\"4.5\">", "4.5"));
    assertEquals(Optional.empty(), EnvironmentXml.parse("not xml", "4.5"));
  }

  @Test
  void aDocumentTypeDeclarationIsRefusedAndNoEntityIsExpanded(@TempDir Path tmp) throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret.txt"), "9.9.9");
    String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE COMPATIBILITY_MATRIX [<!ENTITY v SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<COMPATIBILITY_MATRIX><MOODLE version=\"4.5\"><PHP version=\"&v;\" level=\"required\" /></MOODLE></COMPATIBILITY_MATRIX>\n";
    assertEquals(Optional.empty(), EnvironmentXml.parse(external, "4.5"));
    String internal = "<?xml version=\"1.0\"?>\n<!DOCTYPE COMPATIBILITY_MATRIX [<!ENTITY v \"8.1.0\">]>\n"
        + "<COMPATIBILITY_MATRIX><MOODLE version=\"4.5\"><PHP version=\"&v;\" level=\"required\" /></MOODLE></COMPATIBILITY_MATRIX>\n";
    assertEquals(Optional.empty(), EnvironmentXml.parse(internal, "4.5"));
  }

  @Test
  void theFileIsReadUnderTheCodeRootOfTheTree(@TempDir Path tmp) throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("moodle.git"))) {
      git.onBranch("main").commit("5.1", c -> c.file("public/admin/environment.xml", XML).file("admin/environment.xml", "not read"));
      ObjectId tree = git.tree(git.head());
      try (ObjectReader reader = git.repository().newObjectReader()) {
        TreeFiles files = new TreeFiles(reader);
        Inventory.Environment e = EnvironmentXml.read(files, tree, "public", "501");
        assertEquals("8.2.0", e.php());
        assertEquals(Map.of("postgres", "15"), e.databases());
        Inventory.Environment none = EnvironmentXml.read(files, tree, "", "501");
        assertNull(none.php(), "admin/environment.xml at the root is not XML: nothing stated");
        assertTrue(none.databases().isEmpty());
        assertNull(EnvironmentXml.read(files, tree, "public", null).php(), "no branch: nothing stated");
      }
    }
  }
}
