package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
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
  private final ObjectReader store;
  private final ObjectReader moodle;
  private final Map<String, ObjectReader> byPath;
  private final Set<String> written;
  private final List<ObjectReader> readers;

  private ObjectSources(ObjectReader store, ObjectReader moodle, Map<String, ObjectReader> byPath, Set<String> written,
      List<ObjectReader> readers) {
    this.store = store;
    this.moodle = moodle;
    this.byPath = byPath;
    this.written = written;
    this.readers = readers;
  }

  /** The sources of the code base of {@code lock}, whose trees are in {@code storeRepo}. */
  public static ObjectSources of(Repository storeRepo, MirrorCache mirrors, Lock lock) throws IOException {
    List<ObjectReader> readers = new ArrayList<>();
    Map<String, ObjectReader> byRepo = new HashMap<>();
    ObjectReader store = storeRepo.newObjectReader();
    readers.add(store);
    ObjectReader moodle = reader(mirrors, lock.moodle().source(), byRepo, readers);
    Map<String, ObjectReader> byPath = new HashMap<>();
    Set<String> written = new HashSet<>();
    written.add("");
    for (Lock.Plugin p : lock.plugins().values()) {
      String install = p.installPath();
      byPath.put(install, reader(mirrors, p.source(), byRepo, readers));
      ancestors(install, "", written);
      String inRepo = p.path().isEmpty() ? "" : p.path() + "/";
      for (Lock.Submodule s : p.submodules()) {
        if (!s.path().startsWith(inRepo)) {
          continue;
        }
        String location = install + "/" + s.path().substring(inRepo.length());
        byPath.put(location, reader(mirrors, s.source(), byRepo, readers));
        written.add(install);
        ancestors(location, install, written);
      }
    }
    return new ObjectSources(store, moodle, byPath, written, readers);
  }

  private static ObjectReader reader(MirrorCache mirrors, String source, Map<String, ObjectReader> byRepo,
      List<ObjectReader> readers) throws IOException {
    var mirror = mirrors.mirror(source);
    if (!mirror.exists()) {
      return null;
    }
    ObjectReader r = byRepo.get(mirror.directory().toString());
    if (r == null) {
      r = mirror.repository().newObjectReader();
      byRepo.put(mirror.directory().toString(), r);
      readers.add(r);
    }
    return r;
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
  ObjectReader readerFor(String path) {
    if (written.contains(path)) {
      return store;
    }
    for (String p = path; ; p = p.substring(0, p.lastIndexOf('/'))) {
      ObjectReader r = byPath.get(p);
      if (r != null) {
        return r;
      }
      if (p.indexOf('/') < 0) {
        return moodle == null ? store : moodle;
      }
    }
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

  private int misses;

  /** How many objects were not where they were expected, and were found through the store. */
  int misses() {
    return misses;
  }

  @Override
  public ObjectSources fork() {
    Map<ObjectReader, ObjectReader> copies = new java.util.IdentityHashMap<>();
    List<ObjectReader> own = new ArrayList<>();
    for (ObjectReader r : readers) {
      ObjectReader copy = r.newReader();
      copies.put(r, copy);
      own.add(copy);
    }
    Map<String, ObjectReader> paths = new HashMap<>();
    byPath.forEach((path, r) -> paths.put(path, r == null ? null : copies.get(r)));
    return new ObjectSources(copies.get(store), moodle == null ? null : copies.get(moodle), paths, written, own);
  }

  @Override
  public void close() {
    readers.forEach(ObjectReader::close);
  }
}
