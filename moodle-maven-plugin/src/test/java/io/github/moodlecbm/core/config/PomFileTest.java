package io.github.moodlecbm.core.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PomFileTest {
  private static final String POM = "<project>\r\n  <!-- é -->\r\n  <build><plugins><plugin>\r\n"
      + "    <artifactId>moodle-maven-plugin</artifactId>\r\n"
      + "    <configuration><moodle><version>4.5</version></moodle></configuration>\r\n"
      + "  </plugin></plugins></build>\r\n</project>\r\n";

  @TempDir Path dir;

  @Test
  void anEditIsWrittenWholeAndKeepsTheFilesPermissions() throws Exception {
    Path pom = write(POM);
    Files.setPosixFilePermissions(pom, PosixFilePermissions.fromString("rw-r-----"));
    assertTrue(PomFile.of(pom).edit(text -> PomEditor.setMoodleVersion(text, "4.5.3")));
    assertEquals(POM.replace("4.5", "4.5.3"), Files.readString(pom, StandardCharsets.UTF_8));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(pom)));
    assertEquals(List.of(pom), files(), "no temporary file is left");
  }

  @Test
  void anEditThatChangesNothingTouchesNothing() throws Exception {
    Path pom = write(POM);
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(pom, old);
    assertFalse(PomFile.of(pom).edit(text -> PomEditor.setMoodleVersion(text, "4.5")));
    assertEquals(old, Files.getLastModifiedTime(pom));
  }

  @Test
  void aFailedEditLeavesThePomAsItWas() throws Exception {
    Path pom = write(POM);
    CodebaseException e = assertThrows(CodebaseException.class,
        () -> PomFile.of(pom).edit(text -> PomEditor.setPluginElement(text, "block_xp", "tag", "v1")));
    assertTrue(e.getMessage().contains("declares no <plugins>"), e.getMessage());
    assertArrayEquals(POM.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(pom));
    assertEquals(List.of(pom), files());
  }

  @Test
  void aPomThatIsNotUtf8IsTheSitesProblemAMissingOneTheEnvironments() throws Exception {
    Path latin1 = dir.resolve("pom.xml");
    Files.write(latin1, POM.getBytes(StandardCharsets.ISO_8859_1));
    CodebaseException notUtf8 = assertThrows(CodebaseException.class, () -> PomFile.of(latin1).edit(text -> text));
    assertFalse(notUtf8 instanceof EnvironmentException);
    assertEquals("pom.xml is not UTF-8 text: save it as UTF-8, then run the goal again.", notUtf8.getMessage());
    CodebaseException missing = assertThrows(CodebaseException.class, () -> PomFile.of(dir.resolve("none/pom.xml")).read());
    assertInstanceOf(EnvironmentException.class, missing);
    assertTrue(missing.getMessage().startsWith("pom.xml could not be read (no such file: "), missing.getMessage());
  }

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("pom.xml"), text, StandardCharsets.UTF_8);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> all = Files.list(dir)) {
      return all.toList();
    }
  }
}
