package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fetches or updates the mirrors, resolves Moodle's and every plugin's pin to a commit and each
 * plugin to its install path, builds and checks the code base's git tree, and writes the lock
 * file with that tree's id. Nothing is written when any of this fails. A pin the lock already records keeps its
 * commit, and its mirror is not fetched, unless {@code -Dmoodle.update} is given.
 *
 * @since 0.1.0
 */
@Mojo(name = "resolve", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class ResolveMojo extends AbstractMoodleMojo {
  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    assemble(workspace);
  }
}
