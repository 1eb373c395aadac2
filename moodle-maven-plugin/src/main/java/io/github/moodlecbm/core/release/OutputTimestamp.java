package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.CodebaseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Maven's reproducible-builds timestamp ({@code project.build.outputTimestamp}): when set, a
 * release's commit carries it, so that the same lock gives the same commit id on any machine.
 */
public final class OutputTimestamp {
  private OutputTimestamp() {}

  /** The commit time: the timestamp (ISO-8601, or seconds since the epoch) when set, else the build's time. */
  public static Instant commitTime(String outputTimestamp, Instant buildTime) throws CodebaseException {
    String t = outputTimestamp == null ? "" : outputTimestamp.trim();
    // Maven's convention: a single character (or nothing) means no fixed timestamp.
    if (t.length() < 2) {
      return buildTime;
    }
    if (t.matches("\\d+")) {
      return Instant.ofEpochSecond(Long.parseLong(t));
    }
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      throw new CodebaseException(ReleaseMessages.badOutputTimestamp(t));
    }
  }
}
