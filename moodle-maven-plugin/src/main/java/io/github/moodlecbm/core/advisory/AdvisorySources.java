package io.github.moodlecbm.core.advisory;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.mirror.MirrorCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The advisory source {@code moodle.advisories} names: OSV's API by default, another OSV API by its
 * base URL ({@code http(s)://.../v1}), a local folder or zip of OSV records (a path or a {@code
 * file:} URL), or {@code none}, which checks nothing.
 */
public final class AdvisorySources {
  /** The value that turns the check off. */
  public static final String NONE = "none";

  private AdvisorySources() {}

  /** The source, or empty for {@code none}; {@code mirrors} give a local database the plugins' histories. */
  public static Optional<AdvisorySource> open(String location, Path cacheDir, boolean refresh, boolean offline,
      MirrorCache mirrors, BuildLog log) throws CodebaseException {
    String where = location == null || location.isBlank() ? OsvApi.DEFAULT : location.trim();
    if (where.equalsIgnoreCase(NONE)) {
      return Optional.empty();
    }
    if (where.matches("(?i)https?://.+")) {
      try {
        URI.create(where);
      } catch (IllegalArgumentException e) {
        throw new CodebaseException(AdvisoryMessages.badLocation(where));
      }
      return Optional.of(new OsvApi(where, cacheDir, refresh, offline, log));
    }
    Path path;
    if (where.regionMatches(true, 0, "file:", 0, 5)) {
      try {
        path = Path.of(URI.create(where));
      } catch (IllegalArgumentException e) {
        throw new CodebaseException(AdvisoryMessages.badLocation(where));
      }
    } else if (where.matches("(?i)[a-z][a-z0-9+.-]+://.*")) {
      throw new CodebaseException(AdvisoryMessages.badLocation(where));
    } else {
      path = Path.of(where);
    }
    return Optional.of(new OsvFiles(path.toAbsolutePath(), q -> {
      try {
        if (q.repo() == null || !mirrors.mirror(q.repo()).exists()) {
          return CommitGraph.none();
        }
        return new JGitCommitGraph(mirrors.mirror(q.repo()).repository());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }));
  }
}
