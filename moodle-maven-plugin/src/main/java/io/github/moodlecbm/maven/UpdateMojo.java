package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.LockFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Takes the updates {@code moodle:outdated} lists for floating pins: Moodle's {@code 4.5} (newest
 * point release) and {@code 4.5+}, plugin branches and automatic pins move to their newest
 * commit that runs on the site's Moodle, by rewriting the lock; nothing else changes. Then
 * {@code mvn package} builds, verifies and releases them.
 *
 * @since 0.1.0
 */
@Mojo(name = "update", threadSafe = true)
public final class UpdateMojo extends AbstractMoodleMojo {
  /**
   * The components to update, comma-separated, {@code *} matching any text: {@code
   * mod_*,block_xp}; {@code moodle} is Moodle itself. Default: all.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INCLUDES)
  private String includes;

  @Override
  void run(CodebaseBuild build, BuildLog log) throws CodebaseException, IOException {
    Optional<Lock> before = new LockFile(lockFile().toPath()).read();
    Predicate<String> which = matcher(includes);
    Lock after = build.update(which);
    List<String> moved = new ArrayList<>();
    if (before.isPresent()) {
      Lock.Moodle m = before.get().moodle();
      if (!m.commit().equals(after.moodle().commit())) {
        moved.add("moodle " + m.release() + " -> " + after.moodle().release());
      }
      for (Map.Entry<String, Lock.Plugin> e : after.plugins().entrySet()) {
        Lock.Plugin was = before.get().plugins().get(e.getKey());
        if (was != null && !was.commit().equals(e.getValue().commit())) {
          moved.add(e.getKey() + " " + was.commit().substring(0, 10) + " -> " + e.getValue().commit().substring(0, 10)
              + (e.getValue().why() == null ? "" : " (" + e.getValue().why() + ")"));
        }
      }
    }
    if (moved.isEmpty()) {
      log.info("Nothing to update" + (includes == null ? "" : " among " + includes) + ": the lock is unchanged.");
      return;
    }
    moved.forEach(line -> log.info("Updated " + line));
    log.info(moved.size() + " updated in " + lockFile().getName() + ": mvn package builds, verifies and releases them.");
  }

  /** Components matched by a comma-separated list of names with {@code *} wildcards. */
  static Predicate<String> matcher(String includes) {
    if (includes == null || includes.isBlank()) {
      return who -> true;
    }
    List<Pattern> patterns = new ArrayList<>();
    for (String one : includes.split(",")) {
      if (!one.isBlank()) {
        patterns.add(Pattern.compile(Pattern.quote(one.trim()).replace("*", "\\E.*\\Q")));
      }
    }
    return who -> patterns.stream().anyMatch(p -> p.matcher(who).matches());
  }
}
