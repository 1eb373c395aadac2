package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.MoodleSpec;

/**
 * The {@code <moodle>} element: which Moodle the site runs. Exactly one of {@code version},
 * {@code branch}, {@code tag} or {@code commit}.
 *
 * <pre>
 * &lt;moodle&gt;
 *   &lt;version&gt;4.5&lt;/version&gt;
 * &lt;/moodle&gt;
 * </pre>
 */
public class MoodleParameters {
  /** {@code 4.5} (newest 4.5 release), {@code 4.5+} (head of MOODLE_405_STABLE) or {@code 4.5.3}. */
  private String version;

  private String branch;
  private String tag;
  private String commit;

  /** Moodle's git URL; default {@code https://github.com/moodle/moodle.git}. */
  private String source;

  /**
   * The id of the settings.xml {@code <server>} whose credentials fetch Moodle; default: the server
   * whose id is the source's host.
   */
  private String serverId;

  MoodleSpec toSpec() throws CodebaseException {
    return MoodleSpec.declare(version, branch, tag, commit, source).withServerId(serverId);
  }
}
