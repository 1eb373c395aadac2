package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ConcurrentBuildsIT's proofs of overlap refuse builds that ran one after the other. */
class BuildOverlapTest {
  private static List<SiteProject.Line> build(String module, long startMillis) {
    List<SiteProject.Line> lines = new ArrayList<>();
    String[] text = {
      "[INFO] ----------------------< org.example:" + module + " >----------------------",
      "[INFO] --- moodle:0.1.0-SNAPSHOT:resolve (default-resolve) @ " + module + " ---",
      "[INFO] [moodle] cloning https://github.com/moodle/moodle.git",
      "[INFO] --- moodle:0.1.0-SNAPSHOT:assemble (default-assemble) @ " + module + " ---",
      "[INFO] Code base written to target/moodle",
      "[INFO] ------------------------------------------------------------------------",
      "[INFO] BUILD SUCCESS",
    };
    for (int i = 0; i < text.length; i++) {
      lines.add(new SiteProject.Line((startMillis + i * 100L) * 1_000_000, text[i]));
    }
    return lines;
  }

  @Test
  void pluginWorkRunsFromThePluginsFirstExecutionLineToMavensClosingRule() {
    List<SiteProject.Line> work = ConcurrentBuildsIT.pluginWork(build("site-a", 0));
    assertEquals(4, work.size());
    assertEquals("[INFO] Code base written to target/moodle", work.get(3).text());
  }

  @Test
  void buildsThatOverlappedPassAndBuildsOneAfterTheOtherFail() {
    List<SiteProject.Line> a = ConcurrentBuildsIT.pluginWork(build("site-a", 0));
    List<SiteProject.Line> during = ConcurrentBuildsIT.pluginWork(build("site-b", 150));
    List<SiteProject.Line> after = ConcurrentBuildsIT.pluginWork(build("site-b", 500));
    ConcurrentBuildsIT.assertOverlapped("site-a", a, "site-b", during, "");
    ConcurrentBuildsIT.assertOverlapped("site-b", during, "site-a", a, "");
    assertThrows(AssertionError.class, () -> ConcurrentBuildsIT.assertOverlapped("site-a", a, "site-b", after, ""));
    assertThrows(AssertionError.class, () -> ConcurrentBuildsIT.assertOverlapped("site-b", after, "site-a", a, ""));
  }

  @Test
  void aReactorLogInterleavesOnlyWhenOneModulesExecutionFallsInsideTheOthers() {
    List<SiteProject.Line> a = build("site-a", 0);
    List<SiteProject.Line> b = build("site-b", 0);
    List<SiteProject.Line> sequential = new ArrayList<>(a);
    sequential.addAll(b);
    assertThrows(AssertionError.class, () -> ConcurrentBuildsIT.assertInterleaved(sequential, "site-a", "site-b", ""));
    List<SiteProject.Line> interleaved = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      interleaved.add(b.get(i));
      interleaved.add(a.get(i));
    }
    ConcurrentBuildsIT.assertInterleaved(interleaved, "site-a", "site-b", "");
  }
}
