package io.github.moodlecbm.core.layout;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AnyObjectId;

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

  /** Where a Moodle tree keeps its code: {@code public} from Moodle 5.1, else the root ({@code ""}). */
  public static String codeRoot(TreeFiles files, AnyObjectId tree) throws IOException {
    return files.exists(tree, "public/version.php") ? "public" : "";
  }

  /**
   * The release of a Moodle tree whose code is under {@code codeRoot}; a tree that is not Moodle is
   * an error naming its source.
   */
  public static CoreRelease of(TreeFiles files, AnyObjectId tree, String codeRoot, String url)
      throws CodebaseException, IOException {
    String path = codeRoot == null || codeRoot.isEmpty() ? "version.php" : codeRoot + "/version.php";
    return files.text(tree, path).flatMap(CoreRelease::parse).orElseThrow(() -> new CodebaseException(LayoutMessages.notMoodle(url)));
  }
}
