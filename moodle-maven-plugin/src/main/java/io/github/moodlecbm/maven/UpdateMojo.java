package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.AssembleStage;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.ResolveStage;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.resolve.Updates;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Takes the updates {@code moodle:outdated} lists: Moodle's {@code 4.5} (newest point release)
 * and {@code 4.5+}, plugin branches and automatic pins move to their newest commit that runs on
 * the site's Moodle, by rewriting the lock; exact pins (a plugin's {@code <tag>}, Moodle's
 * {@code <version>4.5.2</version>}) move to the newer compatible release in pom.xml, every other
 * byte of it unchanged. Then {@code mvn package} builds, verifies and releases them.
 *
 * @since 0.1.0
 */
@Mojo(name = "update", threadSafe = true)
public final class UpdateMojo extends AbstractMoodleMojo {
  /**
   * The components to update, comma-separated, {@code *} matching any text: {@code
   * mod_*,block_xp}; {@code moodle} is Moodle itself. Default: all.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INCLUDES)
  private String includes;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Optional<Lock> before = workspace.lockFile().read();
    Predicate<String> which = Updates.matcher(includes);
    UpdateCheck.Report report = new UpdateCheck(workspace.mirrors(), workspace.settings().offline())
        .check(site(), assembled(workspace).lock());
    List<String> repinned = Updates.repin(report, which, project.getFile().toPath());
    Assembled after = new AssembleStage(workspace).assemble(new ResolveStage(workspace).update(site(), which));
    state().assembled(after);
    Updates.report(before, after.lock(), repinned, includes, workspace.lockFile().path(), workspace.log());
  }
}
