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
import org.eclipse.jgit.treewalk.TreeWalk;
import io.github.moodlecbm.core.layout.TreeEditor;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;

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
  private final Upstream upstream;
  private final boolean skipApplied;
  private final List<String> problems = new ArrayList<>();

  /** Where a component's pin moved since the last build, for the messages of a patch that fails. */
  public interface Upstream {
    /**
     * The move of {@code who}'s pin since the lock the build started from, with the commits in
     * between that changed any of {@code files} (paths in the component's folder); empty when the
     * pin did not move or its history is not at hand.
     */
    java.util.Optional<Moved> moved(String who, List<String> files) throws IOException;

    Upstream NONE = (who, files) -> java.util.Optional.empty();
  }

  /**
   * A pin's move.
   *
   * @param commits each "abbreviated id subject" of a commit that changed the patched files, newest first
   * @param trees the component's tree at each of those commits (null where it had none), to find
   *     the one that brought a patch upstream
   */
  public record Moved(String before, String after, List<String> commits, List<ObjectId> trees) {
    public Moved(String before, String after, List<String> commits) {
      this(before, after, commits, List.of());
    }
  }

  /**
   * @param store the repository that finds every object of the trees patched (the build's store)
   * @param inserter writes the patched objects into it
   * @param projectDir the site project's folder, which the patches' paths start from
   * @param log says each patch applied, with the files it changed
   */
  public Patcher(Repository store, ObjectInserter inserter, Path projectDir, BuildLog log) {
    this(store, inserter, projectDir, log, Upstream.NONE, false);
  }

  /**
   * @param upstream where the pins moved, for the messages of patches that fail
   * @param skipApplied a patch already upstream is left out with a warning rather than stop the build
   */
  public Patcher(Repository store, ObjectInserter inserter, Path projectDir, BuildLog log, Upstream upstream,
      boolean skipApplied) {
    this.store = store;
    this.inserter = inserter;
    this.projectDir = projectDir;
    this.log = log;
    this.upstream = upstream;
    this.skipApplied = skipApplied;
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
      byte[] bytes = read(who, p);
      Patch patch = bytes == null ? null : parse(who, p, bytes);
      if (patch == null) {
        continue;
      }
      Attempt attempt = attempt(current, patch, bytes);
      if (attempt.outcome() == Outcome.APPLIES) {
        current = attempt.applied().tree();
        log.info(PatchMessages.applied(who, p.path(), attempt.applied().paths()));
        continue;
      }
      List<String> files = files(patch);
      java.util.Optional<Moved> moved = upstream.moved(who, files);
      String by = attempt.outcome() == Outcome.ALREADY_UPSTREAM && moved.isPresent() ? broughtBy(moved.get(), bytes) : null;
      if (attempt.outcome() == Outcome.ALREADY_UPSTREAM && skipApplied) {
        log.warn(PatchMessages.alreadyUpstreamSkipped(who, p.path(), moved.orElse(null), by));
      } else if (attempt.outcome() == Outcome.ALREADY_UPSTREAM) {
        problems.add(PatchMessages.alreadyUpstream(who, p.path(), moved.orElse(null), by));
      } else {
        problems.add(PatchMessages.doesNotApply(who, p.path(), attempt.applied().errors(), files, moved.orElse(null)));
      }
    }
    return current;
  }

  /** What a patch would do to a version of its component. */
  public enum Outcome { APPLIES, STOPS_APPLYING, ALREADY_UPSTREAM, UNREADABLE }

  /**
   * What each patch would do to {@code tree}, another version of the component, in order (each
   * one that applies is applied before the next is tried); nothing is reported.
   */
  public List<Outcome> outcomes(AnyObjectId tree, List<Lock.Patch> patches) throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    ObjectId current = tree.copy();
    int before = problems.size();
    for (Lock.Patch p : patches) {
      byte[] bytes = read("", p);
      Patch patch = bytes == null ? null : parse("", p, bytes);
      if (patch == null) {
        outcomes.add(Outcome.UNREADABLE);
        continue;
      }
      Attempt attempt = attempt(current, patch, bytes);
      outcomes.add(attempt.outcome());
      if (attempt.outcome() == Outcome.APPLIES) {
        current = attempt.applied().tree();
      }
    }
    problems.subList(before, problems.size()).clear();
    return outcomes;
  }

  /**
   * The commit that brought a patch upstream: the oldest of those that changed its files whose
   * tree already has it (its reverse applies there); null when none can be told.
   */
  private String broughtBy(Moved moved, byte[] bytes) throws IOException {
    Patch reverse = new Patch();
    reverse.parse(new ByteArrayInputStream(ReversePatch.of(bytes)));
    for (int i = moved.trees().size() - 1; i >= 0; i--) {
      ObjectId tree = moved.trees().get(i);
      if (tree != null && applied(tree, reverse).tree() != null) {
        return moved.commits().get(i);
      }
    }
    return null;
  }

  /** A patch tried on a tree: what it does there, and what applying it gave. */
  private record Attempt(Outcome outcome, Applied applied) {}

  /** Applies the patch; when it does not apply, whether its reverse does (it is already upstream). */
  private Attempt attempt(AnyObjectId tree, Patch patch, byte[] bytes) throws IOException {
    Applied result = applied(tree, patch);
    if (result.tree() != null) {
      return new Attempt(Outcome.APPLIES, result);
    }
    Patch reverse = new Patch();
    reverse.parse(new ByteArrayInputStream(ReversePatch.of(bytes)));
    boolean upstream = !reverse.getFiles().isEmpty() && applied(tree, reverse).tree() != null;
    return new Attempt(upstream ? Outcome.ALREADY_UPSTREAM : Outcome.STOPS_APPLYING, result);
  }

  /** One patch on a tree: the tree after it (null when it did not apply), why not, the files it changed. */
  private record Applied(ObjectId tree, List<String> errors, List<String> paths) {}

  /**
   * Applies a patch to a tree of any size in time proportional to the files it changes: git's
   * applier reads a whole tree into an index, so it is given a tree of the patch's files alone, and
   * what it makes of them is put back into {@code tree}.
   */
  private Applied applied(AnyObjectId tree, Patch patch) throws IOException {
    List<String> files = files(patch);
    try (ObjectReader reader = store.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
      TreeEditor sparse = new TreeEditor();
      for (String f : files) {
        try (TreeWalk at = TreeWalk.forPath(reader, f, tree)) {
          if (at != null && at.getFileMode(0) != FileMode.TREE) {
            sparse.put(f, at.getFileMode(0), at.getObjectId(0));
          }
        }
      }
      PatchApplier.Result result =
          new PatchApplier(store, walk.parseTree(sparse.apply(reader, inserter, null)), inserter).applyPatch(patch);
      if (!result.getErrors().isEmpty()) {
        return new Applied(null, result.getErrors().stream().map(Object::toString).toList(), result.getPaths());
      }
      TreeEditor back = new TreeEditor();
      for (String f : files) {
        try (TreeWalk at = TreeWalk.forPath(reader, f, result.getTreeId())) {
          if (at != null) {
            back.put(f, at.getFileMode(0), at.getObjectId(0));
          } else {
            back.remove(f);
          }
        }
      }
      return new Applied(back.apply(reader, inserter, tree), List.of(), result.getPaths());
    }
  }

  /** The files a patch changes, each once, in its order. */
  private static List<String> files(Patch patch) {
    java.util.LinkedHashSet<String> files = new java.util.LinkedHashSet<>();
    for (FileHeader f : patch.getFiles()) {
      for (String path : Arrays.asList(f.getOldPath(), f.getNewPath())) {
        if (path != null && !path.equals(DiffEntry.DEV_NULL)) {
          files.add(path);
        }
      }
    }
    return List.copyOf(files);
  }

  /** The patch's bytes as the lock records them; null when they are gone or changed (a problem is recorded). */
  private byte[] read(String who, Lock.Patch p) throws IOException {
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
    return bytes;
  }

  /** The patch, parsed and checked; null when it cannot be applied (a problem is recorded). */
  private Patch parse(String who, Lock.Patch p, byte[] bytes) {
    Patch patch = new Patch();
    try {
      patch.parse(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // read from memory
    }
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
