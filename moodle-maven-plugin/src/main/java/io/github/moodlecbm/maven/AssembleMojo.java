package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.AssembleStage;
import java.io.IOException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes the code base's tree (Moodle's tree with every plugin's tree grafted at its install path,
 * submodules flattened, as the resolve goal built it) to {@code target/moodle}, touching only the
 * files that differ. The lock file becomes the project's
 * artifact, so that {@code install} and {@code deploy} have one.
 *
 * @since 0.1.0
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public final class AssembleMojo extends AbstractMoodleMojo {
  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    new AssembleStage(workspace).writeWorkTree(assembled(workspace), project.getBasedir().toPath());
    project.getArtifact().setFile(lockFile());
  }
}
