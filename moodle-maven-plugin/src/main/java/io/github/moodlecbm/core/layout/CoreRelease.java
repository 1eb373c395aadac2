package io.github.moodlecbm.core.layout;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Moodle's own {@code version.php} says about the release, read as text: {@code $version},
 * {@code $release} and {@code $branch}.
 */
public record CoreRelease(String version, String release, String branch) {
  private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\$version\\s*=\\s*([0-9.]+)\\s*;");
  private static final Pattern RELEASE =
      Pattern.compile("(?m)^\\s*\\$release\\s*=\\s*(['\"])(.*?)\\1\\s*;");
  private static final Pattern BRANCH =
      Pattern.compile("(?m)^\\s*\\$branch\\s*=\\s*(['\"])(\\d+)\\1\\s*;");

  /** The release of a core {@code version.php}, or empty when it is not one. */
  public static Optional<CoreRelease> parse(String versionPhp) {
    Matcher v = VERSION.matcher(versionPhp);
    Matcher r = RELEASE.matcher(versionPhp);
    Matcher b = BRANCH.matcher(versionPhp);
    if (!v.find() || !r.find() || !b.find()) {
      return Optional.empty();
    }
    return Optional.of(new CoreRelease(v.group(1), r.group(2), b.group(2)));
  }
}
