package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.resolve.ResolveMessages;
import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.layout.TreeEditor;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.overlay.Overlay;
import io.github.moodlecbm.core.overlay.OverlayFiles;
import io.github.moodlecbm.core.patch.Patcher;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.nio.file.Path;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Builds the code base as one git tree: Moodle's tree at its commit, with each plugin's tree (its
 * submodules flattened in, only its {@code <path>} when it names one) grafted at its install path,
 * parents before the subplugins that live inside them; each component's patches of the site's own
 * applied to its tree before it is grafted, and the site's overlay files put in last. No file of
 * the code base is written, only git objects; the tree id names the code base exactly, the same on
 * every machine for the same lock, patches and overlay.
 */
public final class CodebaseAssembler {
  private final BuildRepository store;
  private final MirrorCache mirrors;
  private final BuildLog log;
  private final Path projectDir;
  private CheckedTrees checked = CheckedTrees.none();

  /** @param projectDir the site project's folder, which the patches' paths in the lock start from */
  public CodebaseAssembler(BuildRepository store, MirrorCache mirrors, BuildLog log, Path projectDir) {
    this.store = store;
    this.mirrors = mirrors;
    this.log = log;
    this.projectDir = projectDir;
  }

  /**
   * The plugin trees the last assembly grafted and checked: a plugin whose commit, path and
   * submodules did not change is grafted from it without being read again.
   */
  CodebaseAssembler keeping(CheckedTrees trees) {
    this.checked = trees;
    return this;
  }

  /**
   * The lock with the code base's tree, and the tree each patched component's patches produced.
   * Every patch is tried before a failing one stops the assembly.
   */
  public Lock assemble(Lock lock) throws CodebaseException, IOException {
    return assemble(lock, Optional.empty(), false);
  }

  /**
   * @param before the lock the build started from, to say where the pin of a failing patch's
   *     component moved
   * @param skipApplied leave out, with a warning, a patch the pinned version already has
   */
  public Lock assemble(Lock lock, Optional<Lock> before, boolean skipApplied) throws CodebaseException, IOException {
    Set<java.nio.file.Path> sources = new LinkedHashSet<>();
    sources.add(mirrors.mirror(lock.moodle().source()).directory());
    for (Lock.Plugin p : lock.plugins().values()) {
      sources.add(mirrors.mirror(p.source()).directory());
      for (Lock.Submodule s : p.submodules()) {
        sources.add(mirrors.mirror(s.source()).directory());
      }
    }
    store.prepare(sources);
    try (Repository repo = store.open();
        ObjectReader reader = readerOf(repo, List.of(lock.moodle().source()));
        ObjectInserter inserter = repo.getObjectDatabase() instanceof ObjectDirectory objects
            ? new LooseInserter(objects) : repo.newObjectInserter();
        RevWalk walk = new RevWalk(reader)) {
      Patcher patcher = new Patcher(repo, inserter, projectDir, log, (who, files) -> moved(lock, before, who, files), skipApplied);
      ObjectId tree = treeOf(walk, lock.moodle().commit(), "moodle");
      Lock.Moodle core = lock.moodle();
      if (!core.patches().isEmpty()) {
        tree = patcher.apply("moodle", tree, core.patches());
        core = core.patchedTree(tree.name());
      }
      SortedMap<String, Lock.Plugin> plugins = new TreeMap<>(lock.plugins());
      List<Map.Entry<String, Lock.Plugin>> pending = new ArrayList<>(lock.plugins().entrySet());
      while (!pending.isEmpty()) {
        // One round grafts every plugin that no other pending plugin contains.
        TreeEditor round = new TreeEditor();
        List<Map.Entry<String, Lock.Plugin>> later = new ArrayList<>();
        for (Map.Entry<String, Lock.Plugin> e : pending) {
          String path = e.getValue().installPath();
          boolean inside = pending.stream().anyMatch(o -> o != e && path.startsWith(o.getValue().installPath() + "/"));
          if (inside) {
            later.add(e);
          } else {
            ObjectId plugin = pluginTree(repo, inserter, patcher, e.getKey(), e.getValue());
            round.put(path, FileMode.TREE, plugin);
            if (!e.getValue().patches().isEmpty()) {
              plugins.put(e.getKey(), e.getValue().patchedTree(plugin.name()));
            }
          }
        }
        tree = round.apply(reader, inserter, tree);
        pending = later;
      }
      patcher.throwIfAnyFailed();
      if (lock.overlay() != null) {
        Overlay overlay = OverlayFiles.read(projectDir).filter(o -> o.tree().equals(lock.overlay().tree()))
            .orElseThrow(() -> new CodebaseException(AssemblyMessages.overlayChanged()));
        tree = graft(reader, inserter, tree, overlay, lock);
      }
      inserter.flush();
      checked.write();
      log.debug("code base tree " + tree.name());
      return new Lock(lock.format(), tree.name(), core, plugins, lock.overlay());
    }
  }

  /**
   * The overlay's files put into the code base at their paths, last. A file that replaces one of
   * the code base is said, with the component it belongs to; a file where the code base has a
   * folder, or below one of its files, is refused.
   */
  private ObjectId graft(ObjectReader reader, ObjectInserter inserter, ObjectId tree, Overlay overlay, Lock lock)
      throws CodebaseException, IOException {
    TreeFiles files = new TreeFiles(reader);
    TreeEditor editor = new TreeEditor();
    List<String> problems = new ArrayList<>();
    for (Overlay.Entry e : overlay.entries()) {
      String path = e.path();
      String blocked = null;
      for (int slash = path.indexOf('/'); slash > 0 && blocked == null; slash = path.indexOf('/', slash + 1)) {
        String above = path.substring(0, slash);
        if (files.exists(tree, above) && files.folder(tree, above).isEmpty()) {
          blocked = above;
        }
      }
      if (blocked != null) {
        problems.add(AssemblyMessages.overlayBelowFile(path, blocked, owner(lock, blocked)));
        continue;
      }
      if (files.folder(tree, path).isPresent()) {
        problems.add(AssemblyMessages.overlayOnFolder(path, owner(lock, path)));
        continue;
      }
      if (files.exists(tree, path)) {
        log.warn(AssemblyMessages.overlayReplaces(path, owner(lock, path)));
      }
      editor.put(path, OverlayFiles.mode(e), inserter.insert(org.eclipse.jgit.lib.Constants.OBJ_BLOB, OverlayFiles.bytes(e)));
    }
    if (!problems.isEmpty()) {
      throw new CodebaseException(AssemblyMessages.overlayRefused(problems));
    }
    log.info(AssemblyMessages.overlayAdded(overlay.files()));
    return editor.apply(reader, inserter, tree);
  }

  /** The component a path of the code base belongs to: the plugin whose folder holds it, else Moodle. */
  private static String owner(Lock lock, String path) {
    String owner = "moodle";
    int longest = -1;
    for (Map.Entry<String, Lock.Plugin> e : lock.plugins().entrySet()) {
      String folder = e.getValue().installPath();
      if ((path.equals(folder) || path.startsWith(folder + "/")) && folder.length() > longest) {
        owner = e.getKey();
        longest = folder.length();
      }
    }
    return owner;
  }

  /**
   * Where a component's pin moved since {@code before}, with the commits in between that changed
   * the given files of its folder, newest first (ten at most).
   */
  private Optional<Patcher.Moved> moved(Lock lock, Optional<Lock> before, String who, List<String> files) throws IOException {
    String source;
    String now;
    String was;
    String folder;
    if (who.equals("moodle")) {
      source = lock.moodle().source();
      now = lock.moodle().commit();
      was = before.map(Lock::moodle).filter(m -> m.source().equals(source)).map(Lock.Moodle::commit).orElse(null);
      folder = "";
    } else {
      Lock.Plugin p = lock.plugins().get(who);
      source = p.source();
      now = p.commit();
      was = before.map(l -> l.plugins().get(who)).filter(b -> b.source().equals(source)).map(Lock.Plugin::commit).orElse(null);
      folder = p.path();
    }
    if (was == null || was.equals(now)) {
      return Optional.empty();
    }
    Mirror mirror = mirrors.mirror(source);
    List<String> commits = new ArrayList<>();
    List<ObjectId> trees = new ArrayList<>();
    if (mirror.exists()) {
      try (RevWalk walk = new RevWalk(mirror.repository())) {
        walk.markStart(walk.parseCommit(ObjectId.fromString(now)));
        try {
          walk.markUninteresting(walk.parseCommit(ObjectId.fromString(was)));
        } catch (MissingObjectException e) {
          // the earlier commit is gone: every commit that changed the files
        }
        walk.setTreeFilter(AndTreeFilter.create(
            PathFilterGroup.createFromStrings(files.stream().map(f -> folder.isEmpty() ? f : folder + "/" + f).toList()),
            TreeFilter.ANY_DIFF));
        for (RevCommit c : walk) {
          if (commits.size() == 10) {
            commits.add("...");
            break;
          }
          commits.add(c.abbreviate(7).name() + " " + c.getShortMessage());
          trees.add(folder.isEmpty() ? c.getTree().getId()
              : new TreeFiles(walk.getObjectReader()).folder(c.getTree(), folder).orElse(null));
        }
      }
    }
    return Optional.of(new Patcher.Moved(was, now, commits, trees));
  }

  /**
   * A reader of the store that looks in the mirrors of these sources first: the store finds every
   * object too, but only by searching every mirror's packs.
   */
  private ObjectReader readerOf(Repository repo, List<String> sources) throws IOException {
    List<ObjectReader> readers = new ArrayList<>();
    try {
      for (String source : new LinkedHashSet<>(sources)) {
        Mirror mirror = mirrors.mirror(source);
        if (mirror.exists()) {
          readers.add(mirror.repository().newObjectReader());
        }
      }
      return new ChainedReader(repo, readers);
    } catch (IOException | RuntimeException e) {
      readers.forEach(ObjectReader::close);
      throw e;
    }
  }

  /** A plugin's tree as the code base holds it, read from its mirror and its submodules'. */
  private ObjectId pluginTree(Repository repo, ObjectInserter inserter, Patcher patcher, String who, Lock.Plugin p)
      throws CodebaseException, IOException {
    String key = p.patches().isEmpty() ? CheckedTrees.key(p, mirrors) : null;
    Optional<CheckedTrees.Tree> known = key == null ? Optional.empty() : checked.find(key);
    if (known.isPresent() && (!known.get().inStore() || store.holds(ObjectId.fromString(known.get().tree())))) {
      return ObjectId.fromString(known.get().tree());
    }
    List<String> sources = new ArrayList<>();
    sources.add(p.source());
    p.submodules().forEach(s -> sources.add(s.source()));
    try (ObjectReader reader = readerOf(repo, sources);
        RevWalk walk = new RevWalk(reader)) {
      ObjectId commitTree = treeOf(walk, p.commit(), who);
      ObjectId tree = flatten(walk, reader, inserter, commitTree, p.submodules(), "", who);
      // a tree that flattening changed was written into the build's store, not read from a mirror
      boolean inStore = !tree.equals(commitTree);
      if (!p.path().isEmpty()) {
        try (TreeWalk tw = TreeWalk.forPath(reader, p.path(), tree)) {
          if (tw == null || tw.getFileMode(0) != FileMode.TREE) {
            throw new CodebaseException(ResolveMessages.pathNotFound(who, p.path(), p.source(), p.commit()));
          }
          tree = tw.getObjectId(0);
        }
      }
      if (!p.patches().isEmpty()) {
        tree = patcher.apply(who, tree, p.patches());
      }
      // Every file of the plugin is checked, as its patches leave it.
      boolean clean = new PluginTreeCheck(reader, log).check(who, tree);
      if (key != null && clean) {
        checked.put(key, tree, inStore);
      }
      return tree;
    }
  }

  /** Replaces each gitlink by its submodule's tree, recursively, and drops {@code .gitmodules}. */
  private ObjectId flatten(
      RevWalk walk, ObjectReader reader, ObjectInserter inserter, ObjectId tree,
      List<Lock.Submodule> submodules, String prefix, String who)
      throws CodebaseException, IOException {
    TreeEditor editor = new TreeEditor();
    boolean changed = false;
    try (TreeWalk gitmodules = TreeWalk.forPath(reader, ".gitmodules", tree)) {
      if (gitmodules != null) {
        editor.remove(".gitmodules");
        changed = true;
      }
    }
    for (Lock.Submodule s : submodules) {
      if (!s.path().startsWith(prefix)) {
        continue;
      }
      String rest = s.path().substring(prefix.length());
      boolean nested = submodules.stream().anyMatch(o -> o != s && o.path().startsWith(prefix) && rest.startsWith(o.path().substring(prefix.length()) + "/"));
      if (nested) {
        continue;
      }
      ObjectId subTree = flatten(walk, reader, inserter, treeOf(walk, s.commit(), who + "/" + s.path()), submodules, s.path() + "/", who);
      editor.put(rest, FileMode.TREE, subTree);
      changed = true;
    }
    return changed ? editor.apply(reader, inserter, tree) : tree;
  }

  private static ObjectId treeOf(RevWalk walk, String commit, String who) throws CodebaseException, IOException {
    ObjectId id = ObjectId.fromString(commit);
    try {
      return walk.parseCommit(id).getTree().getId();
    } catch (MissingObjectException e) {
      throw new CodebaseException(AssemblyMessages.commitNotInCache(who, commit), e);
    }
  }
}
