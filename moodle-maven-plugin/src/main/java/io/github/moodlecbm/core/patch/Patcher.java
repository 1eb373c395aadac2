package io.github.moodlecbm.core.patch;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FormatError;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Applies a component's patches to its git tree, in order, with git's own patch applier: the
 * blobs and trees it makes go into the build's store, no file is written. Every patch of every
 * component is tried before the build stops, and all the problems are reported together.
 */
public final class Patcher {
  private final Repository store;
  private final ObjectInserter inserter;
  private final Path projectDir;
  private final BuildLog log;
  private final List<String> problems = new ArrayList<>();

  /**
   * @param store the repository that finds every object of the trees patched (the build's store)
   * @param inserter writes the patched objects into it
   * @param projectDir the site project's folder, which the patches' paths start from
   * @param log says each patch applied, with the files it changed
   */
  public Patcher(Repository store, ObjectInserter inserter, Path projectDir, BuildLog log) {
    this.store = store;
    this.inserter = inserter;
    this.projectDir = projectDir;
    this.log = log;
  }

  /**
   * The tree once every patch that applies has applied; each one that does not is recorded as a
   * problem and skipped, so that the next ones are tried on the tree as it was.
   *
   * @param who {@code moodle} or the plugin's component, for messages
   */
  public ObjectId apply(String who, AnyObjectId tree, List<Lock.Patch> patches) throws IOException {
    ObjectId current = tree.copy();
    for (Lock.Patch p : patches) {
      Patch patch = parse(who, p);
      if (patch == null) {
        continue;
      }
      PatchApplier.Result result;
      try (RevWalk walk = new RevWalk(store)) {
        result = new PatchApplier(store, walk.parseTree(current), inserter).applyPatch(patch);
      }
      if (!result.getErrors().isEmpty()) {
        problems.add(PatchMessages.doesNotApply(who, p.path(), result.getErrors().stream().map(Object::toString).toList()));
        continue;
      }
      current = result.getTreeId();
      log.info(PatchMessages.applied(who, p.path(), result.getPaths()));
    }
    return current;
  }

  /** The patch, read and checked; null when it cannot be applied (a problem is recorded). */
  private Patch parse(String who, Lock.Patch p) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(projectDir.resolve(p.path()));
    } catch (NoSuchFileException e) {
      problems.add(PatchMessages.patchGone(who, p.path()));
      return null;
    }
    if (!PatchFiles.sha256(bytes).equals(p.sha256())) {
      problems.add(PatchMessages.patchChanged(who, p.path()));
      return null;
    }
    Patch patch = new Patch();
    patch.parse(new ByteArrayInputStream(bytes));
    List<String> errors = patch.getErrors().stream().filter(e -> e.getSeverity() == FormatError.Severity.ERROR)
        .map(e -> e.getMessage() + (e.getLineText().isBlank() ? "" : ": " + e.getLineText().strip())).toList();
    if (!errors.isEmpty() || patch.getFiles().isEmpty()) {
      problems.add(PatchMessages.malformed(who, p.path(), errors));
      return null;
    }
    for (FileHeader file : patch.getFiles()) {
      for (String path : Arrays.asList(file.getOldPath(), file.getNewPath())) {
        if (path != null && !path.equals(DiffEntry.DEV_NULL) && leaves(path)) {
          problems.add(PatchMessages.pathLeaves(who, p.path(), path));
          return null;
        }
      }
    }
    return patch;
  }

  /** Whether a path from a patch leads out of the component's folder. */
  static boolean leaves(String path) {
    String p = path.replace('\\', '/');
    return p.startsWith("/") || p.matches("^[A-Za-z]:.*") || Arrays.asList(p.split("/")).contains("..")
        || Arrays.stream(p.split("/")).anyMatch(name -> name.equalsIgnoreCase(".git"));
  }

  /** Stops the build with every problem found, when there was one. */
  public void throwIfAnyFailed() throws CodebaseException {
    if (!problems.isEmpty()) {
      throw new CodebaseException(PatchMessages.failed(problems));
    }
  }
}
