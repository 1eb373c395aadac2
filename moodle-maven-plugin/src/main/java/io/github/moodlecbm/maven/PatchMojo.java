package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.patch.PatchCapture;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Captures the changes made by hand in {@code target/moodle} under a component's folder as its
 * next patch file in {@code src/main/patches/<component>/}, which every build then applies:
 * {@code mvn moodle:patch -Dmoodle.component=block_xp -Dmoodle.patchName=fix-leaderboard}. For
 * {@code moodle}, the changes outside every plugin's folder. The comparison is with the code base
 * the build assembles from the pom, the lock and the patches already there.
 *
 * @since 0.1.0
 */
@Mojo(name = "patch", threadSafe = true)
public final class PatchMojo extends AbstractMoodleMojo {
  /**
   * The component whose folder was edited: {@code moodle} or a plugin such as {@code block_xp}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.COMPONENT, required = true)
  private String component;

  /**
   * What the patch does, for its file name ({@code 0002-fix-leaderboard.patch}); default
   * {@code local-changes}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PATCH_NAME)
  private String patchName;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    new PatchCapture(workspace).capture(assembled(workspace).lock(), component.trim(), patchName);
  }
}
