package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseBuild;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.resolve.Lock;
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
  void run(CodebaseBuild build, BuildLog log) throws CodebaseException, IOException {
    long start = System.nanoTime();
    CodebaseBuild.Assembly a = build.assemble(resolvedLock(build));
    double seconds = (System.nanoTime() - start) / 1e9;
    Lock lock = rememberLock(a.lock());
    String files = a.files() == null
        ? "work tree not written (moodle.workTree=false)"
        : a.files().written() + " files written, " + a.files().removed() + " removed, "
            + a.files().unchanged() + " unchanged" + String.format(java.util.Locale.ROOT, " in %.2f s", seconds);
    log.info("Code base " + a.tree().name() + ": Moodle " + lock.moodle().release() + ", "
        + lock.plugins().size() + " plugins, " + files);
    if (a.files() != null) {
      log.info("Code base written to " + project.getBasedir().toPath().relativize(build.outputDir().toAbsolutePath()));
    }
    project.getArtifact().setFile(lockFile());
  }
}
