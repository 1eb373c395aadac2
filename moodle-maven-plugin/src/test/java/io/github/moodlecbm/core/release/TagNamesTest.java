package io.github.moodlecbm.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TagNamesTest {
  private static final Instant T = Instant.parse("2026-11-26T09:30:05Z");

  private static String tag(String format, String version) throws CodebaseException {
    return TagNames.format(format, "org.example", "mysite", version, "4.5.2 (Build: 20241007)", T);
  }

  @Test
  void aReleaseVersionIsItselfAndASnapshotTheBuildTime() throws Exception {
    assertEquals("2.3.0", tag(TagNames.DEFAULT_FORMAT, "2.3.0"));
    assertEquals("1.4.0-20261126.093005", tag(TagNames.DEFAULT_FORMAT, "1.4.0-SNAPSHOT"));
    assertEquals("mysite-2.3.0-moodle-4.5.2", tag("@{artifactId}-@{version}-moodle-@{moodle}", "2.3.0"));
    assertEquals("r20261126.093005", tag("r@{timestamp}", "2.3.0"));
  }

  @Test
  void snapshotTagsSortInReleaseOrder() throws Exception {
    String earlier = tag(TagNames.DEFAULT_FORMAT, "1.4.0-SNAPSHOT");
    String later = TagNames.format(TagNames.DEFAULT_FORMAT, "g", "a", "1.4.0-SNAPSHOT", null, T.plusSeconds(3600 * 24 * 40));
    assertTrue(earlier.compareTo(later) < 0, earlier + " < " + later);
  }

  @Test
  void aFormatThatCannotNameATagIsRefusedWithTheAcceptedForms() {
    CodebaseException unknown = assertThrows(CodebaseException.class, () -> tag("@{project.version}", "1.0"));
    assertEquals("The tag format '@{project.version}' (moodle.tagFormat) cannot name a release: @{project.version} is not"
        + " one of @{version}, @{timestamp}, @{moodle}, @{groupId}, @{artifactId}. Use for example @{version} or"
        + " site-@{version}.", unknown.getMessage());
    CodebaseException invalid = assertThrows(CodebaseException.class, () -> tag("release @{version}", "1.0"));
    assertTrue(invalid.getMessage().contains("it gives 'release 1.0', which git does not accept as a tag name"),
        invalid.getMessage());
  }
}
