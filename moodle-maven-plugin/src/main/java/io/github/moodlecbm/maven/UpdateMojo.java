package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.config.PomEditor;
import io.github.moodlecbm.core.resolve.LockFile;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Takes the updates {@code moodle:outdated} lists: Moodle's {@code 4.5} (newest point release)
 * and {@code 4.5+}, plugin branches and automatic pins move to their newest commit that runs on
 * the site's Moodle, by rewriting the lock; exact pins (a plugin's {@code <tag>}, Moodle's
 * {@code <version>4.5.2</version>}) move to the newer compatible release in pom.xml, every other
 * byte of it unchanged. Then {@code mvn package} builds, verifies and releases them.
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
    List<String> repinned = repin(build.outdated(), which);
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
    repinned.forEach(line -> log.info("Updated " + line + " in pom.xml"));
    if (moved.isEmpty() && repinned.isEmpty()) {
      log.info("Nothing to update" + (includes == null ? "" : " among " + includes) + ": the lock is unchanged.");
      return;
    }
    moved.forEach(line -> log.info("Updated " + line));
    log.info(moved.size() + " updated in " + lockFile().getName() + (repinned.isEmpty() ? "" : ", " + repinned.size()
        + " pin(s) in pom.xml") + ": mvn package builds, verifies and releases them.");
  }

  /** Moves the exact pins of the pom (a plugin's tag, Moodle's exact version) to the newer compatible release. */
  private List<String> repin(UpdateCheck.Report report, Predicate<String> which) throws CodebaseException, IOException {
    List<UpdateCheck.Row> rows = new ArrayList<>();
    rows.add(report.moodle());
    rows.addAll(report.plugins());
    Path pom = project.getFile().toPath();
    String text = Files.readString(pom, StandardCharsets.UTF_8);
    String edited = text;
    List<String> done = new ArrayList<>();
    for (UpdateCheck.Row r : rows) {
      if (r.pomElement() == null || !which.test(r.component())) {
        continue;
      }
      edited = r.component().equals("moodle")
          ? PomEditor.setMoodleVersion(edited, r.pomValue())
          : PomEditor.setPluginElement(edited, r.component(), r.pomElement(), r.pomValue());
      done.add(r.component() + " <" + r.pomElement() + "> -> " + r.pomValue());
    }
    if (!edited.equals(text)) {
      Path tmp = pom.resolveSibling(pom.getFileName() + ".tmp");
      Files.writeString(tmp, edited, StandardCharsets.UTF_8);
      Files.move(tmp, pom, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    return done;
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
