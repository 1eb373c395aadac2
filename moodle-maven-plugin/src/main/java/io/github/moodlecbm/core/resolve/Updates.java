package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.PomEditor;
import io.github.moodlecbm.core.config.PomFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Taking the updates {@code moodle:outdated} lists: which components, the exact pins moved in the
 * pom, and what moved in the lock, in words.
 */
public final class Updates {
  private Updates() {}

  /** Components matched by a comma-separated list of names with {@code *} wildcards; all when blank. */
  public static Predicate<String> matcher(String includes) {
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

  /**
   * Moves the exact pins of the pom (a plugin's {@code <tag>}, Moodle's exact {@code <version>}) of
   * the components {@code which} accepts to the newer compatible release; every other byte of the
   * pom stays. Returns one line per pin moved.
   */
  public static List<String> repin(UpdateCheck.Report report, Predicate<String> which, Path pom)
      throws CodebaseException, IOException {
    List<String> done = new ArrayList<>();
    PomFile.of(pom).edit(text -> {
      String edited = text;
      for (UpdateCheck.Row r : UpdateReport.rows(report)) {
        if (r.pomElement() == null || !which.test(r.component())) {
          continue;
        }
        edited = r.component().equals("moodle")
            ? PomEditor.setMoodleVersion(edited, r.pomValue())
            : PomEditor.setPluginElement(edited, r.component(), r.pomElement(), r.pomValue());
        done.add(r.component() + " <" + r.pomElement() + "> -> " + r.pomValue());
      }
      return edited;
    });
    return done;
  }

  /** Says what an update changed: the pins moved in the pom, the commits moved in the lock. */
  public static void report(Optional<Lock> before, Lock after, List<String> repinned, String includes, Path lockFile,
      BuildLog log) {
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
    repinned.forEach(line -> log.info(ResolveMessages.repinned(line)));
    if (moved.isEmpty() && repinned.isEmpty()) {
      log.info(ResolveMessages.nothingToUpdate(includes));
      return;
    }
    moved.forEach(line -> log.info(ResolveMessages.updated(line)));
    log.info(ResolveMessages.updateSummary(moved.size(), lockFile.getFileName().toString(), repinned.size()));
  }
}
