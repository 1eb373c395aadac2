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
}
