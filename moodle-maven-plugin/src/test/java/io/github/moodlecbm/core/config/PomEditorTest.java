package io.github.moodlecbm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PomEditorTest {
  private static final String POM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <project>
        <!-- our site;   odd   spacing kept -->
        <build>
          <plugins>
            <plugin>
              <groupId>io.github.moodlecbm</groupId>
              <artifactId>moodle-maven-plugin</artifactId>
              <configuration>
                <moodle><version>4.5</version></moodle>
                <plugins>
                  <!-- An example, not a declaration:
                  <plugin>
                    <component>mod_example</component>
                  </plugin>
                  </plugins> -->
                  <plugin>
                     <component>block_xp</component>   <tag>v19.2</tag>
                  </plugin>
                </plugins>
              </configuration>
            </plugin>
          </plugins>
        </build>
      </project>
      """;

  @Test
  void aPluginIsAddedAndEveryOtherByteStays() throws CodebaseException {
    String after = PomEditor.add(POM, List.of(PomEditor.Declaration.of("component", "mod_attendance", "source", null, "tag", null),
        PomEditor.Declaration.of("component", "local_x", "source", "https://example.org/x.git?a=1&b=2", "tag", "v1")));
    String i = " ".repeat(12);
    String inserted = i + "<plugin>\n" + i + "  <component>mod_attendance</component>\n" + i + "</plugin>\n"
        + i + "<plugin>\n" + i + "  <component>local_x</component>\n"
        + i + "  <source>https://example.org/x.git?a=1&amp;b=2</source>\n" + i + "  <tag>v1</tag>\n" + i + "</plugin>\n";
    int at = after.indexOf(inserted);
    assertTrue(at > after.indexOf("<tag>v19.2</tag>"), after);
    assertEquals(POM, after.substring(0, at) + after.substring(at + inserted.length()), "nothing else changed");
    assertTrue(after.contains(inserted + "          </plugins>\n        </configuration>"), after);
  }

  @Test
  void withoutPluginsTheListIsMadeAndWindowsLineEndingsStay() throws CodebaseException {
    String pom = "<project><build><plugins>\r\n  <plugin>\r\n    <artifactId>moodle-maven-plugin</artifactId>\r\n"
        + "    <configuration>\r\n      <moodle><version>4.5</version></moodle>\r\n    </configuration>\r\n  </plugin>\r\n"
        + "</plugins></build></project>\r\n";
    String after = PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "block_xp")));
    assertEquals("<project><build><plugins>\r\n  <plugin>\r\n    <artifactId>moodle-maven-plugin</artifactId>\r\n"
        + "    <configuration>\r\n      <moodle><version>4.5</version></moodle>\r\n      <plugins>\r\n        <plugin>\r\n"
        + "          <component>block_xp</component>\r\n        </plugin>\r\n      </plugins>\r\n    </configuration>\r\n"
        + "  </plugin>\r\n</plugins></build></project>\r\n", after);
  }

  @Test
  void aPinIsMovedInPlace() throws CodebaseException {
    String after = PomEditor.setPluginElement(POM, "block_xp", "tag", "v19.3");
    assertEquals(POM.replace("<tag>v19.2</tag>", "<tag>v19.3</tag>"), after);
    assertEquals(POM.replace("<moodle><version>4.5</version>", "<moodle><version>4.5.3</version>"),
        PomEditor.setMoodleVersion(POM, "4.5.3"));
    CodebaseException commented = assertThrows(CodebaseException.class, () -> PomEditor.setPluginElement(POM, "mod_example", "tag", "x"));
    assertEquals("mod_example is not declared in pom.xml.", commented.getMessage(), "a commented-out plugin is not one");
  }

  @Test
  void aPomWithoutThePluginIsRefused() {
    CodebaseException e = assertThrows(CodebaseException.class,
        () -> PomEditor.add("<project><!-- <artifactId>moodle-maven-plugin</artifactId> --></project>", List.of()));
    assertTrue(e.getMessage().startsWith("pom.xml has no moodle-maven-plugin"), e.getMessage());
  }

  /** A site pom around one moodle-maven-plugin, declared by {@code plugin}. */
  private static String site(String build) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "  <modelVersion>4.0.0</modelVersion>\n" + build + "</project>\n";
  }

  private static final String COMPILER = """
            <plugin>
              <groupId>org.apache.maven.plugins</groupId>
              <artifactId>maven-compiler-plugin</artifactId>
              <configuration>
                <moodle><version>1.0</version></moodle>
                <plugins>
                  <plugin><component>block_xp</component><tag>v19.2</tag></plugin>
                </plugins>
              </configuration>
            </plugin>
      """;

  private static final String OURS = """
            <plugin>
              <groupId>io.github.moodlecbm</groupId>
              <artifactId>moodle-maven-plugin</artifactId>
              <configuration combine.children="append">
                <moodle>
                  <!-- <version>4.1</version> was the first -->
                  <version>4.5</version>  <!-- 4.5 = newest 4.5 release -->
                </moodle>
                <plugins >
                  <plugin><component>block_xp</component><tag>v19.2</tag></plugin>
                  <plugin>
                    <component>mod_attendance</component>
                    <tag>v19.2</tag>
                  </plugin>
                </plugins >
              </configuration>
            </plugin>
      """;

  /** The whole lines inserted into the pom, checked to be all that changed. */
  private static String inserted(String before, String after) {
    int from = 0;
    while (from < before.length() && before.charAt(from) == after.charAt(from)) {
      from++;
    }
    while (from > 0 && after.charAt(from - 1) != '\n' && after.charAt(from - 1) != '\r') {
      from--;
    }
    int length = after.length() - before.length();
    assertEquals(before, after.substring(0, from) + after.substring(from + length), "one insertion and nothing else:\n" + after);
    return after.substring(from, from + length);
  }

  @Test
  void aConfigurationWithAttributesAndATagWithBlanksAreFound() throws CodebaseException {
    String pom = site("  <build>\n    <plugins>\n" + COMPILER + OURS + "    </plugins>\n  </build>\n");
    String after = PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "local_x")));
    assertEquals("            <plugin>\n              <component>local_x</component>\n            </plugin>\n", inserted(pom, after));
    assertTrue(after.contains("            </plugin>\n            <plugin>\n              <component>local_x</component>\n"
        + "            </plugin>\n          </plugins >\n        </configuration>\n      </plugin>\n    </plugins>"), after);
    int ours = pom.indexOf("<tag>v19.2</tag>", pom.indexOf("moodle-maven-plugin"));
    assertEquals(pom.substring(0, ours) + "<tag>v19.3</tag>" + pom.substring(ours + "<tag>v19.2</tag>".length()),
        PomEditor.setPluginElement(pom, "block_xp", "tag", "v19.3"), "block_xp of ours, not of the compiler");
  }

  @Test
  void aTagIsChangedForOneOfTwoPluginsWithTheSameTag() throws CodebaseException {
    String pom = site("  <build>\n    <plugins>\n" + OURS + "    </plugins>\n  </build>\n");
    String after = PomEditor.setPluginElement(pom, "mod_attendance", "tag", "v4.5.1");
    int second = pom.lastIndexOf("<tag>v19.2</tag>");
    assertEquals(pom.substring(0, second) + "<tag>v4.5.1</tag>" + pom.substring(second + "<tag>v19.2</tag>".length()), after);
    assertTrue(after.contains("<component>block_xp</component><tag>v19.2</tag>"), after);
  }

  @Test
  void moodlesVersionIsChangedBesideItsComments() throws CodebaseException {
    String pom = site("  <build>\n    <plugins>\n" + COMPILER + OURS + "    </plugins>\n  </build>\n");
    assertEquals(pom.replace("<version>4.5</version>  <!--", "<version>4.5.3</version>  <!--"), PomEditor.setMoodleVersion(pom, "4.5.3"));
    String cdata = pom.replace("<version>4.5</version>  <!--", "<version> <![CDATA[4.5]]> </version>  <!--");
    assertEquals(pom.replace("<version>4.5</version>  <!--", "<version> 4.5+ </version>  <!--"), PomEditor.setMoodleVersion(cdata, "4.5+"));
  }

  @Test
  void thePluginManagementDeclarationIsEditedWhenTheBuildOnlyNamesThePlugin() throws CodebaseException {
    String pom = site("  <build>\n    <pluginManagement>\n      <plugins>\n" + OURS + "      </plugins>\n    </pluginManagement>\n"
        + "    <plugins>\n" + COMPILER + "      <plugin>\n        <groupId>io.github.moodlecbm</groupId>\n"
        + "        <artifactId>moodle-maven-plugin</artifactId>\n        <extensions>true</extensions>\n      </plugin>\n"
        + "    </plugins>\n  </build>\n");
    assertEquals("            <plugin>\n              <component>local_x</component>\n            </plugin>\n",
        inserted(pom, PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "local_x")))));
    String moved = PomEditor.setPluginElement(pom, "block_xp", "tag", "v19.3");
    assertTrue(moved.indexOf("<tag>v19.3</tag>") > moved.indexOf("<pluginManagement>")
        && moved.indexOf("<tag>v19.3</tag>") < moved.indexOf("</pluginManagement>"), moved);
    assertEquals(pom.replace("<version>4.5</version>  <!--", "<version>5.0</version>  <!--"), PomEditor.setMoodleVersion(pom, "5.0"));
  }

  @Test
  void aDeclarationInAProfileIsEdited() throws CodebaseException {
    String pom = site("  <build>\n    <plugins>\n" + COMPILER + "    </plugins>\n  </build>\n  <profiles>\n    <profile>\n"
        + "      <id>moodle</id>\n      <build>\n        <plugins>\n" + OURS.indent(4) + "        </plugins>\n      </build>\n"
        + "    </profile>\n  </profiles>\n");
    assertEquals("                <plugin>\n                  <component>local_x</component>\n                </plugin>\n",
        inserted(pom, PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "local_x")))));
    assertEquals(pom.replace("<version>4.5</version>  <!--", "<version>5.0</version>  <!--"), PomEditor.setMoodleVersion(pom, "5.0"));
  }

  @Test
  void theBuildIsPreferredToPluginManagementAndProfiles() throws CodebaseException {
    String other = OURS.replace("4.5", "4.1").replace("v19.2", "v1");
    String pom = site("  <build>\n    <pluginManagement>\n      <plugins>\n" + other + "      </plugins>\n    </pluginManagement>\n"
        + "    <plugins>\n" + OURS + "    </plugins>\n  </build>\n  <profiles>\n    <profile>\n      <build>\n        <plugins>\n"
        + other + "        </plugins>\n      </build>\n    </profile>\n  </profiles>\n");
    String after = PomEditor.setMoodleVersion(pom, "5.0");
    assertEquals(pom.replace("<version>4.5</version>  <!--", "<version>5.0</version>  <!--"), after);
    String added = PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "local_x")));
    assertTrue(added.indexOf("local_x") > added.indexOf("</pluginManagement>") && added.indexOf("local_x") < added.indexOf("<profiles>"),
        added);
  }

  @Test
  void commentsThatLookLikeDeclarationsAreLeftAsTheyAre() throws CodebaseException {
    String pom = site("""
          <!-- <plugins><plugin><artifactId>moodle-maven-plugin</artifactId><configuration><plugins>
                 <plugin><component>block_xp</component><tag>v1</tag></plugin></plugins></configuration></plugin></plugins> -->
          <build>
            <plugins>
              <!-- <plugin> <component>block_xp</component> <tag>v2</tag> </plugin> -->
              <plugin>
                <groupId>io.github.moodlecbm</groupId>
                <artifactId>moodle-maven-plugin</artifactId>
                <configuration><!-- <plugins> <plugin><component>block_xp</component><tag>v3</tag> </plugin> -->
                  <moodle><version>4.5</version></moodle>
                  <!-- <plugins><plugin><component>block_xp</component></plugin></plugins> -->
                </configuration>
              </plugin>
            </plugins>
          </build>
        """);
    assertThrows(CodebaseException.class, () -> PomEditor.setPluginElement(pom, "block_xp", "tag", "v4"));
    String after = PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "block_xp", "tag", "v4")));
    assertEquals("          <plugins>\n            <plugin>\n              <component>block_xp</component>\n              <tag>v4</tag>\n"
        + "            </plugin>\n          </plugins>\n", inserted(pom, after));
    assertTrue(after.indexOf("<plugins>\n            <plugin>") > after.lastIndexOf("-->"), after);
    String pinned = after.replace("<tag>v4</tag>", "<!-- <tag>v5</tag> --> <tag>v4</tag> <!-- <tag>v6</tag> -->");
    assertEquals(pinned.replace("<tag>v4</tag>", "<tag>v7</tag>"), PomEditor.setPluginElement(pinned, "block_xp", "tag", "v7"));
  }

  @Test
  void windowsLineEndsStayAndNewLinesTakeThem() throws CodebaseException {
    String pom = site("  <build>\n    <plugins>\n" + OURS + "    </plugins>\n  </build>\n").replace("\n", "\r\n");
    String after = PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "local_x", "source", "https://example.org/x.git")));
    assertEquals("            <plugin>\r\n              <component>local_x</component>\r\n"
        + "              <source>https://example.org/x.git</source>\r\n            </plugin>\r\n", inserted(pom, after));
    assertEquals(pom.replace("<version>4.5</version>", "<version>4.5.3</version>"), PomEditor.setMoodleVersion(pom, "4.5.3"));
    assertEquals(pom.replace("<tag>v19.2</tag></plugin>", "<tag>v19.3</tag></plugin>"), PomEditor.setPluginElement(pom, "block_xp", "tag", "v19.3"));
  }

  @Test
  void aMissingListIsMadeAtTheFilesIndentationAndEmptyElementsAreOpened() throws CodebaseException {
    String tabs = "<project>\n\t<build>\n\t\t<plugins>\n\t\t\t<plugin>\n\t\t\t\t<artifactId>moodle-maven-plugin</artifactId>\n"
        + "\t\t\t\t<configuration>\n\t\t\t\t\t<moodle><version>4.5</version></moodle>\n\t\t\t\t</configuration>\n\t\t\t</plugin>\n"
        + "\t\t</plugins>\n\t</build>\n</project>\n";
    assertEquals("\t\t\t\t\t<plugins>\n\t\t\t\t\t\t<plugin>\n\t\t\t\t\t\t\t<component>block_xp</component>\n\t\t\t\t\t\t</plugin>\n"
        + "\t\t\t\t\t</plugins>\n", inserted(tabs, PomEditor.add(tabs, List.of(PomEditor.Declaration.of("component", "block_xp")))));
    String empty = tabs.replace("<moodle><version>4.5</version></moodle>", "<moodle><version>4.5</version></moodle><plugins />");
    assertEquals(empty.replace("<plugins />", "<plugins>\n\t\t\t\t\t\t<plugin>\n\t\t\t\t\t\t\t<component>block_xp</component>\n"
        + "\t\t\t\t\t\t</plugin>\n\t\t\t\t\t</plugins>"), PomEditor.add(empty, List.of(PomEditor.Declaration.of("component", "block_xp"))));
    String oneLine = tabs.replace("<configuration>\n\t\t\t\t\t<moodle><version>4.5</version></moodle>\n\t\t\t\t</configuration>",
        "<configuration><moodle><version>4.5</version></moodle></configuration>");
    assertEquals(oneLine.replace("</moodle></configuration>", "</moodle>\n\t\t\t\t\t<plugins>\n\t\t\t\t\t\t<plugin>\n"
        + "\t\t\t\t\t\t\t<component>block_xp</component>\n\t\t\t\t\t\t</plugin>\n\t\t\t\t\t</plugins>\n\t\t\t\t</configuration>"),
        PomEditor.add(oneLine, List.of(PomEditor.Declaration.of("component", "block_xp"))));
    String emptyTag = POM.replace("<tag>v19.2</tag>", "<tag/>");
    assertEquals(POM, PomEditor.setPluginElement(emptyTag, "block_xp", "tag", "v19.2"));
  }

  @Test
  void onlyOurPluginIsOurs() {
    String pom = site("  <build>\n    <plugins>\n" + COMPILER + OURS.replace("io.github.moodlecbm", "org.example") + "    </plugins>\n  </build>\n");
    CodebaseException e = assertThrows(CodebaseException.class, () -> PomEditor.setMoodleVersion(pom, "5.0"));
    assertEquals("pom.xml has no moodle-maven-plugin: add the plugin as the archetype's pom does, then add plugins to its <configuration>.",
        e.getMessage());
  }

  @Test
  void whatIsMissingIsNamedWithTheFix() {
    String bare = site("  <build>\n    <plugins>\n      <plugin>\n        <artifactId>moodle-maven-plugin</artifactId>\n"
        + "      </plugin>\n    </plugins>\n  </build>\n");
    assertEquals("The moodle-maven-plugin of pom.xml has no <configuration>: add one with <moodle>.",
        assertThrows(CodebaseException.class, () -> PomEditor.add(bare, List.of())).getMessage());
    String noList = bare.replace("</artifactId>\n", "</artifactId>\n        <configuration><moodle><version>4.5</version></moodle></configuration>\n");
    assertEquals("The moodle-maven-plugin of pom.xml declares no <plugins>, so not block_xp: add it with mvn moodle:add -Dmoodle.component=block_xp.",
        assertThrows(CodebaseException.class, () -> PomEditor.setPluginElement(noList, "block_xp", "tag", "v1")).getMessage());
    assertEquals("block_xp has no <tag> in pom.xml: set <tag> to v19.3 by hand where it is declared.",
        assertThrows(CodebaseException.class, () -> PomEditor.setPluginElement(POM.replace("<tag>v19.2</tag>", ""), "block_xp", "tag", "v19.3"))
            .getMessage());
    String noMoodle = noList.replace("<moodle><version>4.5</version></moodle>", "<update>true</update>");
    assertEquals("pom.xml has no <moodle> in the configuration of moodle-maven-plugin: add <moodle><version>4.5</version></moodle>"
        + " (the site's Moodle) to it.", assertThrows(CodebaseException.class, () -> PomEditor.setMoodleVersion(noMoodle, "5.0")).getMessage());
    String property = POM.replace("<tag>v19.2</tag>", "<tag>${xp.tag}</tag>");
    assertEquals("The <tag> of block_xp in pom.xml is ${xp.tag}, a property: set the property to v19.3 by hand.",
        assertThrows(CodebaseException.class, () -> PomEditor.setPluginElement(property, "block_xp", "tag", "v19.3")).getMessage());
  }

  @Test
  void aBrokenPomIsRefusedWithWhereItBreaks() {
    String broken = POM.replace("</configuration>", "</configuratoin>");
    CodebaseException e = assertThrows(CodebaseException.class, () -> PomEditor.add(broken, List.of()));
    assertTrue(e.getMessage().startsWith("pom.xml is not well-formed XML (line 21): "), e.getMessage());
    assertTrue(e.getMessage().contains("configuration"), e.getMessage());
    assertThrows(CodebaseException.class, () -> PomEditor.setMoodleVersion("this is not a pom", "4.5"));
    assertThrows(CodebaseException.class, () -> PomEditor.setPluginElement("<project><build>", "block_xp", "tag", "v1"));
  }

  @Test
  void aByteOrderMarkLoneCarriageReturnsAndEmojiInCommentsMoveNothing() throws CodebaseException {
    String pom = "\uFEFF" + POM.replace("\n", "\r").replace("odd   spacing", "odd \uD83D\uDE00\uD83D\uDE00 spacing");
    assertEquals(pom.replace("<tag>v19.2</tag>", "<tag>v19.3</tag>"), PomEditor.setPluginElement(pom, "block_xp", "tag", "v19.3"));
    String after = PomEditor.add(pom, List.of(PomEditor.Declaration.of("component", "local_x")));
    assertEquals("            <plugin>\r              <component>local_x</component>\r            </plugin>\r", inserted(pom, after));
  }
}
