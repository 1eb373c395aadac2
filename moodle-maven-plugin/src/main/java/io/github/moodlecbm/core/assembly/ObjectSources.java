package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The objects of an assembled code base, each read from the repository that has it: a plugin's
 * from its mirror, a submodule's from the submodule's, Moodle's from Moodle's, and the trees the
 * assembly wrote (the root, the folders above the install paths, plugins with submodules) from
 * the build's store. The store can read them all through its alternates, but git searches the
 * mirrors one by one, checking each mirror's pack folder on every miss: with fifty plugins, that
 * is most of the time of writing a code base. Anything not where it is expected is read through
 * the store.
 */
public final class ObjectSources implements ObjectSource, AutoCloseable {
  /** The store, its loose objects (the trees the assembly wrote) read first. */
  private final ChainedReader store;
  private final Mirror moodle;
  private final Map<String, Mirror> byPath;
  private final Set<String> written;
  /** This instance's readers, one per mirror, opened when first needed: a no-op opens none. */
  private final Map<Path, ObjectReader> readers = new HashMap<>();
  /** The store's repository when these sources opened it themselves, closed with them. */
  private Repository owned;

  private ObjectSources(ChainedReader store, Mirror moodle, Map<String, Mirror> byPath, Set<String> written) {
    this.store = store;
    this.moodle = moodle;
    this.byPath = byPath;
    this.written = written;
  }

  /** The sources of the code base of {@code lock}, opening the store; closing them closes it. */
  public static ObjectSources open(BuildRepository store, MirrorCache mirrors, Lock lock) throws IOException {
    Repository repo = store.open();
    try {
      ObjectSources sources = of(repo, mirrors, lock);
      sources.owned = repo;
      return sources;
    } catch (RuntimeException e) {
      repo.close();
      throw e;
    }
  }

  /** The sources of the code base of {@code lock}, whose trees are in {@code storeRepo}. */
  public static ObjectSources of(Repository storeRepo, MirrorCache mirrors, Lock lock) {
    Mirror moodle = existing(mirrors, lock.moodle().source());
    Map<String, Mirror> byPath = new HashMap<>();
    Set<String> written = new HashSet<>();
    written.add("");
    for (Lock.Plugin p : lock.plugins().values()) {
      String install = p.installPath();
      byPath.put(install, existing(mirrors, p.source()));
      ancestors(install, "", written);
      String inRepo = p.path().isEmpty() ? "" : p.path() + "/";
      for (Lock.Submodule s : p.submodules()) {
        if (!s.path().startsWith(inRepo)) {
          continue;
        }
        String location = install + "/" + s.path().substring(inRepo.length());
        byPath.put(location, existing(mirrors, s.source()));
        written.add(install);
        ancestors(location, install, written);
      }
    }
    return new ObjectSources(new ChainedReader(storeRepo, List.of()), moodle, byPath, written);
  }

  private static Mirror existing(MirrorCache mirrors, String source) {
    Mirror mirror = mirrors.mirror(source);
    return mirror.exists() ? mirror : null;
  }

  /** Adds the folders above {@code path}, down to {@code top} (exclusive of path). */
  private static void ancestors(String path, String top, Set<String> into) {
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      String parent = path.substring(0, slash);
      if (parent.length() < top.length()) {
        break;
      }
      into.add(parent);
    }
  }

  /** The reader expected to have the object at a path. */
  ObjectReader readerFor(String path) throws IOException {
    if (written.contains(path)) {
      return store;
    }
    for (String p = path; ; p = p.substring(0, p.lastIndexOf('/'))) {
      if (byPath.containsKey(p)) {
        return reader(byPath.get(p));
      }
      if (p.indexOf('/') < 0) {
        return reader(moodle);
      }
    }
  }

  private ObjectReader reader(Mirror mirror) throws IOException {
    if (mirror == null) {
      return store;
    }
    ObjectReader r = readers.get(mirror.directory());
    if (r == null) {
      r = mirror.repository().newObjectReader();
      readers.put(mirror.directory(), r);
    }
    return r;
  }

  @Override
  public ObjectLoader open(String path, AnyObjectId id) throws IOException {
    ObjectReader expected = readerFor(path);
    if (expected != store) {
      try {
        return expected.open(id);
      } catch (MissingObjectException e) {
        // not where it was expected (a rewritten plugin tree, say): the store finds it
        misses++;
      }
    }
    return store.open(id);
  }

  /**
   * Each object read from a mirror is kept loose in the build's store, and read from there the next
   * time: the checks and the release read a few objects of every plugin (its version.php, language
   * file, licence), and a build where one pin moved then opens that plugin's mirror alone instead of
   * loading every mirror's pack index again. Objects are named by their content: a kept copy is
   * never stale.
   */
  @Override
  public TreeFiles.Objects keepingWhatIsRead() {
    // The same few trees are read again and again (the root and the folders above each plugin, a
    // plugin's folder for each file name looked for): the last ones read are kept in memory too.
    Map<ObjectId, ObjectLoader> recent = new java.util.LinkedHashMap<ObjectId, ObjectLoader>(RECENT, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<ObjectId, ObjectLoader> eldest) {
        return size() > RECENT;
      }
    };
    return (path, id) -> {
      ObjectLoader known = recent.get(id);
      if (known != null) {
        return known;
      }
      ObjectLoader read = store.loose(id);
      if (read == null) {
        read = open(path, id);
        if (readerFor(path) != store) {
          store.keep(read.getType(), read.getCachedBytes());
        }
      }
      ObjectLoader cached = new ObjectLoader.SmallObject(read.getType(), read.getCachedBytes());
      recent.put(id.copy(), cached);
      return cached;
    };
  }

  /** How many objects {@link #keepingWhatIsRead()} keeps in memory. */
  private static final int RECENT = 256;

  private int misses;

  /** How many objects were not where they were expected, and were found through the store. */
  int misses() {
    return misses;
  }

  /** A reader of the store, which sees every mirror through its alternates. */
  @Override
  public ObjectReader newReader() {
    return store.store().newReader();
  }

  /** A mirror's reader; none for the trees the assembly wrote, loose in the store. */
  @Override
  public ObjectReader packedAt(String path) throws IOException {
    if (written.contains(path)) {
      return null;
    }
    return readerFor(path);
  }

  @Override
  public ObjectSources fork() {
    return new ObjectSources(store.newReader(), moodle, byPath, written);
  }

  @Override
  public void close() {
    readers.values().forEach(ObjectReader::close);
    store.close();
    if (owned != null) {
      owned.close();
    }
  }
}
