package io.github.moodlecbm.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.advisory.Severity;
import org.junit.jupiter.api.Test;

/** {@code -Dmoodle.failOnAdvisories}: a severity by its name, or a message that says the names. */
class AdvisoryThresholdTest {
  @Test
  void aSeverityByItsNameAnUnknownOneNamed() throws Exception {
    assertNull(AbstractMoodleMojo.threshold(null));
    assertNull(AbstractMoodleMojo.threshold(" "));
    assertEquals(Severity.HIGH, AbstractMoodleMojo.threshold("high"));
    assertEquals(Severity.CRITICAL, AbstractMoodleMojo.threshold(" CRITICAL "));
    assertEquals(Severity.MEDIUM, AbstractMoodleMojo.threshold("moderate"), "GitHub's word for medium");
    CodebaseException e = assertThrows(CodebaseException.class, () -> AbstractMoodleMojo.threshold("severe"));
    assertEquals("Unknown severity 'severe' in -Dmoodle.failOnAdvisories: use low, medium, high or critical (the build fails"
        + " on advisories at or above it).", e.getMessage());
  }
}
