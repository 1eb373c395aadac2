package io.github.moodlecbm.core.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SeverityTest {
  @Test
  void cvss31VectorsAreRatedByTheirBaseScore() {
    // 9.8
    assertEquals(Optional.of(Severity.CRITICAL), Severity.ofVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"));
    // 5.4
    assertEquals(Optional.of(Severity.MEDIUM), Severity.ofVector("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N"));
    // 8.1
    assertEquals(Optional.of(Severity.HIGH), Severity.ofVector("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N"));
    // 2.0
    assertEquals(Optional.of(Severity.LOW), Severity.ofVector("CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"));
    // 0.0: none
    assertEquals(Optional.empty(), Severity.ofVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"));
  }

  @Test
  void cvss40AndV2VectorsAreRated() {
    // 9.3
    assertEquals(Optional.of(Severity.CRITICAL),
        Severity.ofVector("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"));
    // 5.3
    assertEquals(Optional.of(Severity.MEDIUM),
        Severity.ofVector("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N"));
    // v2 7.5 and 4.3
    assertEquals(Optional.of(Severity.HIGH), Severity.ofVector("AV:N/AC:L/Au:N/C:P/I:P/A:P"));
    assertEquals(Optional.of(Severity.HIGH), Severity.ofVector("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P"));
    assertEquals(Optional.of(Severity.MEDIUM), Severity.ofVector("AV:N/AC:M/Au:N/C:N/I:P/A:N"));
  }

  @Test
  void anUnreadableVectorHasNoSeverity() {
    assertEquals(Optional.empty(), Severity.ofVector(null));
    assertEquals(Optional.empty(), Severity.ofVector(""));
    assertEquals(Optional.empty(), Severity.ofVector("garbage"));
    assertEquals(Optional.empty(), Severity.ofVector("CVSS:3.1/AV:X"));
    assertEquals(Optional.empty(), Severity.ofVector("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q"));
    assertEquals(Optional.empty(), Severity.ofVector("CVSS:9.9/AV:N"));
    assertEquals(Optional.empty(), Severity.ofVector("7.5"));
  }

  @Test
  void scoresAreRatedOnTheQualitativeScale() {
    assertEquals(Optional.empty(), Severity.ofScore(0.0));
    assertEquals(Optional.of(Severity.LOW), Severity.ofScore(0.1));
    assertEquals(Optional.of(Severity.LOW), Severity.ofScore(3.9));
    assertEquals(Optional.of(Severity.MEDIUM), Severity.ofScore(4.0));
    assertEquals(Optional.of(Severity.MEDIUM), Severity.ofScore(6.9));
    assertEquals(Optional.of(Severity.HIGH), Severity.ofScore(7.0));
    assertEquals(Optional.of(Severity.HIGH), Severity.ofScore(8.9));
    assertEquals(Optional.of(Severity.CRITICAL), Severity.ofScore(9.0));
    assertEquals(Optional.of(Severity.CRITICAL), Severity.ofScore(10.0));
    assertEquals(Optional.empty(), Severity.ofScore(-1));
    assertEquals(Optional.empty(), Severity.ofScore(10.1));
    assertEquals(Optional.empty(), Severity.ofScore(Double.NaN));
  }

  @Test
  void wordsAreReadInAnyCaseWithGithubsModerate() {
    assertEquals(Optional.of(Severity.LOW), Severity.ofWord("low"));
    assertEquals(Optional.of(Severity.MEDIUM), Severity.ofWord("Medium"));
    assertEquals(Optional.of(Severity.MEDIUM), Severity.ofWord("MODERATE"));
    assertEquals(Optional.of(Severity.HIGH), Severity.ofWord("HIGH"));
    assertEquals(Optional.of(Severity.CRITICAL), Severity.ofWord("critical"));
    assertEquals(Optional.empty(), Severity.ofWord("severe"));
    assertEquals(Optional.empty(), Severity.ofWord(""));
    assertEquals(Optional.empty(), Severity.ofWord(null));
    assertEquals("medium", Severity.MEDIUM.word());
    assertEquals("critical", Severity.CRITICAL.word());
  }

  @Test
  void atLeastComparesBySeverity() {
    assertTrue(Severity.HIGH.atLeast(Severity.HIGH));
    assertTrue(Severity.CRITICAL.atLeast(Severity.LOW));
    assertFalse(Severity.MEDIUM.atLeast(Severity.HIGH));
  }
}
