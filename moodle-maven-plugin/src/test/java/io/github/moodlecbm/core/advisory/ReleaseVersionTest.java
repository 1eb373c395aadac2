package io.github.moodlecbm.core.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Moodle's releases as Packagist versions them, weekly builds included. */
class ReleaseVersionTest {
  @Test
  void aReleaseIsItsPackagistVersionAWeeklyBuildItsRelease() {
    assertEquals("4.5.6", Audit.baseRelease("4.5.6 (Build: 20250616)"));
    assertEquals("4.5.6", Audit.baseRelease("4.5.6+ (Build: 20250620)"));
    assertEquals("4.5.0", Audit.baseRelease("4.5 (Build: 20241007)"));
    assertEquals("4.5.0", Audit.baseRelease("4.5+ (Build: 20241011)"));
    assertEquals("5.1.2", Audit.baseRelease("5.1.2+"));
    assertEquals("5.1.0-dev", Audit.baseRelease("5.1dev+ (Build: 20250601)"), "before 5.1.0");
    assertEquals("4.5.0-rc1", Audit.baseRelease("4.5rc1 (Build: 20240927)"));
  }

  @Test
  void aWeeklyBuildIsInTheRangeOfItsReleaseNotOfTheNextPointRelease() throws Exception {
    OsvRecord r = OsvRecord.parse(new java.io.ByteArrayInputStream("""
        {"id": "GHSA-test-0001", "modified": "2026-11-20T10:00:00Z",
         "affected": [{"package": {"ecosystem": "Packagist", "name": "moodle/moodle"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "4.5.0-beta"}, {"fixed": "4.5.7"}]}]}]}
        """.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", Audit.baseRelease("4.5.6+ (Build: 20250620)")));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", Audit.baseRelease("4.5.7 (Build: 20250811)")));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", Audit.baseRelease("4.5 (Build: 20241007)")));
    assertEquals(List.of("4.5.7"), r.fixedVersions("Packagist", "moodle/moodle"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", Audit.baseRelease("4.5rc1 (Build: 20240927)")));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", Audit.baseRelease("4.4.9 (Build: 20250811)")));
  }
}
