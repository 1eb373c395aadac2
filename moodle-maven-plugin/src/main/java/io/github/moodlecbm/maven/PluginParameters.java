package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.PluginEntry;
import io.github.moodlecbm.core.config.PluginSpec;

/**
 * One {@code <plugin>} of {@code <plugins>}: a component, its git URL (or none: the plugins
 * directory names it) and at most one of {@code branch}, {@code tag}, {@code commit}, {@code
 * version} ({@code $plugin->version}) or {@code release} ({@code $plugin->release}); none takes
 * the newest version that declares it runs on the site's Moodle.
 *
 * <pre>
 * &lt;plugin&gt;
 *   &lt;component&gt;mod_attendance&lt;/component&gt;
 *   &lt;source&gt;https://github.com/danmarsden/moodle-mod_attendance.git&lt;/source&gt;
 *   &lt;branch&gt;MOODLE_405_STABLE&lt;/branch&gt;
 * &lt;/plugin&gt;
 * &lt;plugin&gt;&lt;component&gt;block_xp&lt;/component&gt;&lt;/plugin&gt;
 * </pre>
 */
public class PluginParameters {
  /** The frankenstyle name, such as {@code mod_attendance}. */
  private String component;

  /** The plugin's git URL; default: the one the plugins directory gives. */
  private String source;

  private String branch;
  private String tag;

  /** A full or abbreviated commit id. */
  private String commit;

  /** The plugin's {@code $plugin->version}, such as {@code 2024100701}. */
  private String version;

  /** The plugin's {@code $plugin->release}, such as {@code v4.5.1}. */
  private String release;

  /** The folder inside the repository that holds the plugin, for repositories of several plugins. */
  private String path;

  /**
   * The id of the settings.xml {@code <server>} whose user name and password (or token) fetch this
   * source; default: the server whose id is the source's host.
   */
  private String serverId;

  PluginSpec toSpec() throws CodebaseException {
    return toEntry().toSpec();
  }

  /** The element as written, before it is checked: in a fleet, what it leaves out comes from the catalog. */
  PluginEntry toEntry() {
    return new PluginEntry(component, source, branch, tag, commit, version, release, path, serverId);
  }
}
