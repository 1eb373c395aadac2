package io.github.moodlecbm.core.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads files and folders of a git tree without a working tree. */
public final class TreeFiles {
  private final ObjectReader reader;

  public TreeFiles(ObjectReader reader) {
    this.reader = reader;
  }

  /** The text of the file at {@code path} in {@code tree}, if there is such a file. */
  public Optional<String> text(AnyObjectId tree, String path) throws IOException {
    Optional<ObjectId> blob = entry(tree, path, false);
    if (blob.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new String(reader.open(blob.get()).getCachedBytes(), StandardCharsets.UTF_8));
  }

  /** The id of the folder at {@code path} in {@code tree} ("" is the tree itself). */
  public Optional<ObjectId> folder(AnyObjectId tree, String path) throws IOException {
    if (path.isEmpty()) {
      return Optional.of(tree.copy());
    }
    return entry(tree, path, true);
  }

  public boolean exists(AnyObjectId tree, String path) throws IOException {
    if (path.isEmpty()) {
      return true;
    }
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      return walk != null;
    }
  }

  /** The names of the sub-folders directly inside a folder. */
  public List<String> subFolders(AnyObjectId folder) throws IOException {
    List<String> names = new ArrayList<>();
    CanonicalTreeParser p = new CanonicalTreeParser(null, reader, folder);
    for (; !p.eof(); p.next()) {
      if (p.getEntryFileMode() == FileMode.TREE) {
        names.add(p.getEntryPathString());
      }
    }
    return names;
  }

  private Optional<ObjectId> entry(AnyObjectId tree, String path, boolean wantFolder)
      throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
      if (walk == null) {
        return Optional.empty();
      }
      boolean isFolder = walk.getFileMode(0) == FileMode.TREE;
      boolean isFile = (walk.getFileMode(0).getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB);
      if (wantFolder ? !isFolder : !isFile) {
        return Optional.empty();
      }
      return Optional.of(walk.getObjectId(0));
    }
  }
}
