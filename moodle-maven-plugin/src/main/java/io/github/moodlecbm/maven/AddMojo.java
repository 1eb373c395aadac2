package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.PomEditor;
import io.github.moodlecbm.core.resolve.PluginAdder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Adds a plugin to the site's pom, with the plugins it depends on that the site lacks (found in
 * the plugins directory, recursively), listed before anything is written. The pom keeps every
 * other byte as it was. Without {@code -Dtag}, the plugin gets no pin: the build takes the newest
 * version that runs on the site's Moodle.
 *
 * @since 0.1.0
 */
@Mojo(name = "add", threadSafe = true)
public final class AddMojo extends AbstractMoodleMojo {
  /**
   * The component to add, such as {@code mod_attendance}.
   *
   * @since 0.1.0
   */
  @Parameter(property = "component", required = true)
  private String component;

  /**
   * Its git URL; default: the one the plugins directory gives.
   *
   * @since 0.1.0
   */
  @Parameter(property = "source")
  private String source;

  /**
   * A tag to pin it to; default: no pin, the newest compatible version.
   *
   * @since 0.1.0
   */
  @Parameter(property = "tag")
  private String tag;

  @Override
  void run(CodebaseBuild build, BuildLog log) throws CodebaseException, IOException {
    List<PluginAdder.Addition> plan = build.planAdd(component, source, tag);
    for (PluginAdder.Addition a : plan) {
      log.info("Adding " + a.component() + (a.requiredBy() == null ? "" : " (" + a.requiredBy() + " depends on it)")
          + ": " + a.version());
      if (a.warning() != null) {
        log.warn(a.warning());
      }
    }
    Path pom = project.getFile().toPath();
    String before = Files.readString(pom, StandardCharsets.UTF_8);
    String after = PomEditor.add(before, PluginAdder.declarations(plan));
    Path tmp = pom.resolveSibling(pom.getFileName() + ".tmp");
    Files.writeString(tmp, after, StandardCharsets.UTF_8);
    Files.move(tmp, pom, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    log.info("Added " + plan.size() + " plugin(s) to " + pom.getFileName() + ". mvn package builds them; the lock records"
        + " the versions taken.");
  }
}
