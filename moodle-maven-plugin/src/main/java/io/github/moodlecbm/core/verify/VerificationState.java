package io.github.moodlecbm.core.verify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a code base was checked before its release, as its manifest and changelog record it:
 * {@code passed}, or {@code skipped} when the user said so ({@code -Dmoodle.verify.skip}).
 */
public enum VerificationState {
  PASSED,
  SKIPPED;

  /** The word the manifest and the changelog write: {@code passed}, {@code skipped}. */
  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  static VerificationState parse(String text) {
    return valueOf(text.trim().toUpperCase(Locale.ROOT));
  }
}
