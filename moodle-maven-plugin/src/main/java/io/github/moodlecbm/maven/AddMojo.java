package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.resolve.PluginAdder;
import java.io.IOException;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Adds a plugin to the site's pom, with the plugins it depends on that the site lacks (found in
 * the plugins directory, recursively), listed before anything is written. The pom keeps every
 * other byte as it was: {@code mvn moodle:add -Dmoodle.component=mod_attendance}. Without
 * {@code -Dmoodle.tag}, the plugin gets no pin: the build takes the newest
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
  @Parameter(property = PropertyNames.COMPONENT, required = true)
  private String component;

  /**
   * Its git URL; default: the one the plugins directory gives.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SOURCE)
  private String source;

  /**
   * A tag to pin it to; default: no pin, the newest compatible version.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.TAG)
  private String tag;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    List<PluginAdder.Addition> plan = new PluginAdder(workspace.mirrors(), workspace.settings().offline(),
        () -> workspace.directory(false)).plan(site(), assembled(workspace).lock(), component, source, tag);
    PluginAdder.addTo(project.getFile().toPath(), plan, workspace.log());
  }
}
