package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.CodebaseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;

/**
 * Release tag names from a format such as {@code @{version}} (the default) or {@code
 * site-@{version}}. A SNAPSHOT version becomes a timestamp, {@code 1.2.0-SNAPSHOT} giving {@code
 * 1.2.0-20261126.093000}, so that every development release has its own tag and tags sort in
 * release order; a release version such as {@code 2.3.0} stays as it is.
 */
public final class TagNames {
  public static final String DEFAULT_FORMAT = "@{version}";
  private static final Pattern PLACEHOLDER = Pattern.compile("@\\{([^}]*)}");
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss").withZone(ZoneOffset.UTC);

  private TagNames() {}

  public static boolean isSnapshot(String version) {
    return version.endsWith("-SNAPSHOT");
  }

  /**
   * The tag for a release.
   *
   * @param moodle Moodle's release as version.php says, e.g. {@code 4.5.2 (Build: 20241007)}
   * @param time when the build started
   */
  public static String format(String format, String groupId, String artifactId, String version, String moodle, Instant time)
      throws CodebaseException {
    String stamp = TIMESTAMP.format(time);
    String releaseVersion = isSnapshot(version) ? version.substring(0, version.length() - "SNAPSHOT".length()) + stamp : version;
    Map<String, String> values = Map.of(
        "version", releaseVersion,
        "groupId", groupId,
        "artifactId", artifactId,
        "timestamp", stamp,
        "moodle", moodle == null ? "" : moodle.replaceFirst("\\s.*", ""));
    Matcher m = PLACEHOLDER.matcher(format);
    StringBuilder name = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new CodebaseException(ReleaseMessages.unknownTagPlaceholder(format, m.group(1)));
      }
      m.appendReplacement(name, Matcher.quoteReplacement(value));
    }
    m.appendTail(name);
    String tag = name.toString();
    if (tag.isEmpty() || !Repository.isValidRefName(Constants.R_TAGS + tag)) {
      throw new CodebaseException(ReleaseMessages.invalidTagName(format, tag));
    }
    return tag;
  }
}
