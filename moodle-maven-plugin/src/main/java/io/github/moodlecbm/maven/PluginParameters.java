package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.PluginSpec;

/**
 * One {@code <plugin>} of {@code <plugins>}: a component, its git URL and exactly one of {@code
 * branch}, {@code tag} or {@code commit}.
 *
 * <pre>
 * &lt;plugin&gt;
 *   &lt;component&gt;mod_attendance&lt;/component&gt;
 *   &lt;source&gt;https://github.com/danmarsden/moodle-mod_attendance.git&lt;/source&gt;
 *   &lt;branch&gt;MOODLE_405_STABLE&lt;/branch&gt;
 * &lt;/plugin&gt;
 * </pre>
 */
public class PluginParameters {
  /** The frankenstyle name, such as {@code mod_attendance}. */
  private String component;

  /** The plugin's git URL. */
  private String source;

  private String branch;
  private String tag;

  /** A full or abbreviated commit id. */
  private String commit;

  /** The folder inside the repository that holds the plugin, for repositories of several plugins. */
  private String path;

  /**
   * The id of the settings.xml {@code <server>} whose user name and password (or token) fetch this
   * source; default: the server whose id is the source's host.
   */
  private String serverId;

  PluginSpec toSpec() throws CodebaseException {
    return PluginSpec.declare(component, source, branch, tag, commit, path).withServerId(serverId);
  }
}
