package io.github.moodlecbm.core.assembly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.UnpackedObject;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Reads each object from the first of a few repositories that has it: the given mirrors in order,
 * then the loose objects of the build's store (the trees the assembly wrote), then the store with
 * its alternates. Git itself looks for an object in every pack of a repository and of all its
 * alternates before its loose objects, loading each mirror's pack index to do so: for the few
 * objects a step writes and reads back, or a plugin whose repositories are known, that is most of
 * the time of the step. Closing this reader closes the mirrors' readers it was given.
 */
final class ChainedReader extends ObjectReader {
  private final List<ObjectReader> mirrors;
  private final ObjectDirectory loose;
  private final ObjectReader store;

  /**
   * @param store the build's store
   * @param mirrors readers of mirrors, read first in this order; closed with this reader
   */
  ChainedReader(Repository store, List<ObjectReader> mirrors) {
    this(mirrors, store.getObjectDatabase() instanceof ObjectDirectory d ? d : null, store.newObjectReader());
  }

  private ChainedReader(List<ObjectReader> mirrors, ObjectDirectory loose, ObjectReader store) {
    this.mirrors = List.copyOf(mirrors);
    this.loose = loose;
    this.store = store;
  }

  /** A reader of the store alone, which finds everything through its alternates. */
  ObjectReader store() {
    return store;
  }

  @Override
  public ChainedReader newReader() {
    List<ObjectReader> copies = new ArrayList<>();
    for (ObjectReader r : mirrors) {
      copies.add(r.newReader());
    }
    return new ChainedReader(copies, loose, store.newReader());
  }

  @Override
  public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
    Set<ObjectId> found = new LinkedHashSet<>();
    for (ObjectReader r : mirrors) {
      found.addAll(r.resolve(id));
    }
    found.addAll(store.resolve(id));
    return found;
  }

  @Override
  public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
    for (ObjectReader r : mirrors) {
      if (r.has(id)) {
        return r.open(id, typeHint);
      }
    }
    if (loose != null) {
      try {
        return UnpackedObject.parse(Files.readAllBytes(loose.fileFor(id).toPath()), id);
      } catch (NoSuchFileException e) {
        // not loose in the store
      }
    }
    return store.open(id, typeHint);
  }

  /** The object when it is loose in the store, else null (nothing else is searched). */
  ObjectLoader loose(AnyObjectId id) throws IOException {
    if (loose == null) {
      return null;
    }
    try {
      return UnpackedObject.parse(Files.readAllBytes(loose.fileFor(id).toPath()), id);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Keeps an object loose in the store (nothing when the store is not a folder of objects). */
  void keep(int type, byte[] bytes) throws IOException {
    if (loose != null) {
      try (LooseInserter inserter = new LooseInserter(loose)) {
        inserter.insert(type, bytes);
      }
    }
  }

  @Override
  public boolean has(AnyObjectId id) throws IOException {
    for (ObjectReader r : mirrors) {
      if (r.has(id)) {
        return true;
      }
    }
    return loose != null && loose.fileFor(id).isFile() || store.has(id);
  }

  @Override
  public Set<ObjectId> getShallowCommits() {
    return Set.of();
  }

  @Override
  public void close() {
    mirrors.forEach(ObjectReader::close);
    store.close();
  }
}
