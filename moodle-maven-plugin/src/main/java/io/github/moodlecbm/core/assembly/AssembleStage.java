package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.ResolutionStamp;
import io.github.moodlecbm.core.resolve.Resolved;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The second stage: {@link Resolved} becomes {@link Assembled}, the code base as one git tree built
 * from git objects alone (see {@link CodebaseAssembler}). Only once the tree is built and checked is
 * the lock written with its id: a build that fails leaves the lock as it was. The files are written
 * to {@code target/moodle} on request ({@link #writeWorkTree}), touching only what differs.
 */
public final class AssembleStage {
  private final Workspace workspace;
  private final BuildLog log;

  public AssembleStage(Workspace workspace) {
    this.workspace = workspace;
    this.log = workspace.log();
  }

  public Assembled assemble(Resolved resolved) throws CodebaseException, IOException {
    if (resolved.unchanged()) {
      return new Assembled(resolved.site(), resolved.lock(), ObjectId.fromString(resolved.lock().tree()));
    }
    // The lock the build started from, when patches need it to say where a failing one's pin moved.
    Optional<Lock> before = resolved.lock().patched() ? workspace.lockFile().read() : Optional.empty();
    Lock lock = new CodebaseAssembler(workspace.store(), workspace.mirrors(), log, workspace.settings().projectDir())
        .keeping(CheckedTrees.at(workspace.settings().workDir().resolve("plugin-trees.json")))
        .assemble(resolved.lock(), before, workspace.settings().skipAppliedPatches());
    ObjectId tree = ObjectId.fromString(lock.tree());
    if (workspace.lockFile().write(lock)) {
      log.info(AssemblyMessages.lockWritten(workspace.lockFile().path(), tree));
    }
    new ResolutionStamp(workspace).record(resolved.site(), lock);
    return new Assembled(resolved.site(), lock, tree);
  }

  /**
   * Makes {@code target/moodle} (the build's output folder) hold exactly the code base's tree,
   * unless the work tree is turned off ({@code -Dmoodle.workTree=false}): then empty.
   *
   * @param projectDir the site project's folder, for the path the log shows
   */
  /** The index of target/moodle, kept in the build's work folder ({@code target/moodle-cbm}). */
  public static WorkTreeIndex workTreeIndex(Path workDir) {
    return WorkTreeIndex.at(workDir.resolve("worktree.index"));
  }

  public Optional<WorkTreeWriter.Result> writeWorkTree(Assembled assembled, Path projectDir) throws IOException {
    long start = System.nanoTime();
    Lock lock = assembled.lock();
    if (!workspace.settings().workTree()) {
      log.info(AssemblyMessages.codebase(assembled, null, 0));
      return Optional.empty();
    }
    WorkTreeWriter.Result files;
    try (ObjectSources sources = workspace.objects(lock)) {
      files = new WorkTreeWriter(sources).write(assembled.tree(), workspace.settings().outputDir(),
          workTreeIndex(workspace.settings().workDir()).file());
    }
    log.info(AssemblyMessages.codebase(assembled, files, (System.nanoTime() - start) / 1e9));
    log.info(AssemblyMessages.writtenTo(projectDir.toAbsolutePath().relativize(workspace.settings().outputDir().toAbsolutePath())));
    return Optional.of(files);
  }
}
