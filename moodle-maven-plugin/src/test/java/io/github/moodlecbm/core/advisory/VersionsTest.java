package io.github.moodlecbm.core.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionsTest {
  private static void packagistLower(String a, String b) {
    assertTrue(Versions.comparePackagist(a, b) < 0, a + " < " + b);
    assertTrue(Versions.comparePackagist(b, a) > 0, b + " > " + a);
  }

  private static void semverLower(String a, String b) {
    assertTrue(Versions.compareSemver(a, b) < 0, a + " < " + b);
    assertTrue(Versions.compareSemver(b, a) > 0, b + " > " + a);
  }

  @Test
  void packagistOrdersMoodleReleases() {
    packagistLower("4.5.6", "4.5.7");
    packagistLower("4.5.0-beta", "4.5.0");
    packagistLower("4.5.0-RC1", "4.5.0");
    packagistLower("4.5.0-beta", "4.5.0-RC1");
    packagistLower("4.9.9", "4.10.0");
    packagistLower("4.4.6", "4.5.0-beta");
    assertEquals(0, Versions.comparePackagist("v4.5.1", "4.5.1"));
    assertEquals(0, Versions.comparePackagist("4.5.1", "V4.5.1"));
  }

  @Test
  void packagistOrdersSpecialFormsAsPhp() {
    packagistLower("1.0-dev", "1.0-alpha");
    packagistLower("1.0-alpha", "1.0-beta");
    packagistLower("1.0-beta", "1.0-RC");
    packagistLower("1.0-RC", "1.0");
    packagistLower("1.0", "1.0pl1");
    packagistLower("1.0-foo", "1.0-dev");
    assertEquals(0, Versions.comparePackagist("1.0-alpha", "1.0a"));
    assertEquals(0, Versions.comparePackagist("1.0-beta2", "1.0b2"));
    assertEquals(0, Versions.comparePackagist("1.0pl1", "1.0p1"));
    assertEquals(0, Versions.comparePackagist("1.0.0-RC1", "1.0.0rc1"));
    packagistLower("1.0.0-beta2", "1.0.0-beta10");
  }

  @Test
  void packagistFollowsPhpWhenOneVersionIsLonger() {
    // version_compare("4.5", "4.5.0") is -1: an extra number makes a version greater
    packagistLower("4.5", "4.5.0");
    packagistLower("1", "1.0");
    packagistLower("1.0.0", "1.0.0.0");
    // an extra word is compared with a number
    packagistLower("1.0a", "1.0");
    packagistLower("1.0", "1.0.pl");
  }

  /** The COMPARE part of php-src's ext/standard/tests/versioning/version_compare.phpt (PHP 8). */
  @Test
  void packagistMatchesPhpsOwnVersionCompareTest() {
    assertEquals(-1, Versions.comparePackagist("1", "2"));
    assertEquals(1, Versions.comparePackagist("10", "2"));
    assertEquals(-1, Versions.comparePackagist("1.0", "1.1"));
    assertEquals(1, Versions.comparePackagist("1.2", "1.0.1"));
    Map<String, Integer> rank = Map.of("-dev", 0, "a1", 1, "b1", 2, "RC1", 3, "rc1", 3, "", 4, "pl1", 5);
    List<String> failures = new ArrayList<>();
    for (var f1 : rank.entrySet()) {
      for (var f2 : rank.entrySet()) {
        int expected = Integer.signum(f1.getValue() - f2.getValue());
        int actual = Versions.comparePackagist("1.0" + f1.getKey(), "1.0" + f2.getKey());
        if (expected != actual) {
          failures.add("1.0" + f1.getKey() + " vs 1.0" + f2.getKey() + ": " + actual);
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void packagistNeverThrowsOnOddInput() {
    for (String odd : new String[] {"", "v", "-", ".", "..1", "#1", "1..2", "1.0.", "x.y.z", "99999999999999999999999"}) {
      Versions.comparePackagist(odd, "1.0");
      Versions.comparePackagist("1.0", odd);
      Versions.compareSemver(odd, "1.0.0");
    }
    assertEquals(0, Versions.comparePackagist("", ""));
    packagistLower("", "0");
    packagistLower("99999999999999999999998", "99999999999999999999999");
  }

  @Test
  void semverFollowsTheSpecsPrecedenceExample() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
    for (int i = 0; i + 1 < ordered.size(); i++) {
      semverLower(ordered.get(i), ordered.get(i + 1));
    }
    semverLower("1.0.0", "2.0.0");
    semverLower("2.0.0", "2.1.0");
    semverLower("2.1.0", "2.1.1");
    semverLower("1.9.0", "1.10.0");
  }

  @Test
  void semverIgnoresBuildMetadataAndALeadingV() {
    assertEquals(0, Versions.compareSemver("1.0.0+20130313144700", "1.0.0"));
    assertEquals(0, Versions.compareSemver("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta"));
    assertEquals(0, Versions.compareSemver("v1.2.3", "1.2.3"));
    semverLower("1.0.0-rc.1+build.9", "1.0.0+build.1");
  }
}
