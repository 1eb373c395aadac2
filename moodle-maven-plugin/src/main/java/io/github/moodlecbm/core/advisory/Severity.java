package io.github.moodlecbm.core.advisory;

import java.util.Locale;
import java.util.Optional;
import us.springett.cvss.Cvss;

/**
 * How severe an advisory is, on the qualitative scale of CVSS v3 and v4 (also used for v2 scores,
 * so that every advisory sits on one scale). Ordered from {@link #LOW} to {@link #CRITICAL}.
 */
public enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The lowercase name: {@code low}, {@code medium}, {@code high} or {@code critical}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is as severe as {@code other} or more. */
  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /**
   * The rating of a CVSS base score: 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical;
   * empty for 0.0 (none) and for anything outside 0-10.
   */
  public static Optional<Severity> ofScore(double base) {
    if (!(base > 0.0 && base <= 10.0)) {
      return Optional.empty();
    }
    if (base >= 9.0) {
      return Optional.of(CRITICAL);
    }
    if (base >= 7.0) {
      return Optional.of(HIGH);
    }
    return Optional.of(base >= 4.0 ? MEDIUM : LOW);
  }

  /**
   * The rating of a CVSS vector's base score: {@code CVSS:3.0/…}, {@code CVSS:3.1/…},
   * {@code CVSS:4.0/…} or a v2 vector ({@code AV:N/AC:L/Au:N/C:P/I:P/A:P}, also with a
   * {@code CVSS:2.0/} prefix); empty when the vector cannot be read or scores 0.0.
   */
  public static Optional<Severity> ofVector(String vector) {
    if (vector == null || vector.isBlank()) {
      return Optional.empty();
    }
    String v = vector.trim();
    if (v.regionMatches(true, 0, "CVSS:2.0/", 0, 9)) {
      // the calculator reads v2 vectors without a prefix only
      v = v.substring(9);
    }
    try {
      Cvss cvss = Cvss.fromVector(v);
      return cvss == null ? Optional.empty() : ofScore(cvss.calculateScore().getBaseScore());
    } catch (RuntimeException e) {
      // MalformedVectorException, or a calculator bug on an odd vector: the vector is unreadable
      return Optional.empty();
    }
  }

  /**
   * The rating a word names, in any case: {@code low}, {@code medium} (or GitHub's
   * {@code moderate}), {@code high}, {@code critical}; empty for anything else.
   */
  public static Optional<Severity> ofWord(String word) {
    if (word == null) {
      return Optional.empty();
    }
    return switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "low" -> Optional.of(LOW);
      case "medium", "moderate" -> Optional.of(MEDIUM);
      case "high" -> Optional.of(HIGH);
      case "critical" -> Optional.of(CRITICAL);
      default -> Optional.empty();
    };
  }
}
