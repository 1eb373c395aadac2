package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The code base a site's pom asks for: Moodle and its plugins. */
public record Site(MoodleSpec moodle, List<PluginSpec> plugins) {

  public Site {
    plugins = List.copyOf(plugins);
  }

  public static Site of(MoodleSpec moodle, List<PluginSpec> plugins) throws CodebaseException {
    Set<Component> seen = new HashSet<>();
    for (PluginSpec p : plugins) {
      if (!seen.add(p.component())) {
        throw new CodebaseException(ConfigMessages.duplicateComponent(p.component()));
      }
    }
    return new Site(moodle, plugins);
  }
}
