package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Moodle version as a site pom states it: {@code 4.5} (newest release of 4.5), {@code 4.5+}
 * (head of MOODLE_405_STABLE) or {@code 4.5.3} (that release).
 *
 * @param patch the point release, or -1 when only the major version is named
 */
public record MoodleVersion(int major, int minor, int patch, boolean stableHead) {

  private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?(\\+)?");

  public static MoodleVersion parse(String text) throws CodebaseException {
    String value = text == null ? "" : text.trim();
    Matcher m = FORM.matcher(value);
    if (!m.matches() || (m.group(3) != null && m.group(4) != null)) {
      throw new CodebaseException(ConfigMessages.malformedMoodleVersion(value));
    }
    int patch = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
    return new MoodleVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, m.group(4) != null);
  }

  /** The branch number Moodle uses in {@code $branch} and branch names: 39, 311, 405, 501. */
  public String branchNumber() {
    if (major <= 3 && minor < 10) {
      return "" + major + minor;
    }
    return String.format("%d%02d", major, minor);
  }

  public String stableBranch() {
    return "MOODLE_" + branchNumber() + "_STABLE";
  }

  /** The release tag of a point release, {@code v4.5.3}. */
  public String releaseTag() {
    return "v" + major + "." + minor + "." + patch;
  }

  /** Matches the release tags of this major version, capturing the point release. */
  public Pattern releaseTagPattern() {
    return Pattern.compile("v" + major + "\\." + minor + "\\.(\\d+)");
  }

  @Override
  public String toString() {
    return major + "." + minor + (patch >= 0 ? "." + patch : "") + (stableHead ? "+" : "");
  }
}
