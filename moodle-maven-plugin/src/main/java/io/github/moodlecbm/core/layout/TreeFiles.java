package io.github.moodlecbm.core.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/** Reads files and folders of a git tree without a working tree. */
public final class TreeFiles {
  /**
   * Where the objects are read from, told the path of each from the tree the reading starts at:
   * an object source that knows which repository holds which folder reads faster.
   */
  public interface Objects {
    ObjectLoader open(String path, AnyObjectId id) throws IOException;
  }

  private final Objects objects;

  public TreeFiles(ObjectReader reader) {
    this.objects = (path, id) -> reader.open(id);
  }

  public TreeFiles(Objects objects) {
    this.objects = objects;
  }

  /**
   * These files as seen from the folder at {@code base}: the trees given to the view are that
   * folder's or its sub-folders', and the object source is told each object's full path.
   */
  public TreeFiles at(String base) {
    if (base.isEmpty()) {
      return this;
    }
    return new TreeFiles((path, id) -> objects.open(path.isEmpty() ? base : base + "/" + path, id));
  }

  /**
   * Whether a symbolic link in {@code folder} (a path from the tree's root, "" for the root itself)
   * to {@code target} leads out of the tree: an absolute target, or more {@code ..} than folders.
   */
  public static boolean linkLeaves(String folder, String target) {
    if (target.startsWith("/") || target.startsWith("\\") || target.matches("^[A-Za-z]:.*")) {
      return true;
    }
    int depth = folder.isEmpty() ? 0 : folder.split("/").length;
    for (String part : target.replace('\\', '/').split("/")) {
      if (part.equals("..")) {
        depth--;
        if (depth < 0) {
          return true;
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        depth++;
      }
    }
    return false;
  }

  /** The text of the file at {@code path} in {@code tree}, if there is such a file. */
  public Optional<String> text(AnyObjectId tree, String path) throws IOException {
    Optional<ObjectId> blob = entry(tree, path, false);
    if (blob.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new String(objects.open(path, blob.get()).getCachedBytes(), StandardCharsets.UTF_8));
  }

  /** The id of the file at {@code path} in {@code tree}, if there is such a file. */
  public Optional<ObjectId> file(AnyObjectId tree, String path) throws IOException {
    return entry(tree, path, false);
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
    return find(tree, path) != null;
  }

  /** The names of the sub-folders directly inside a folder. */
  public List<String> subFolders(AnyObjectId folder) throws IOException {
    List<String> names = new ArrayList<>();
    CanonicalTreeParser p = new CanonicalTreeParser();
    p.reset(objects.open("", folder).getCachedBytes());
    for (; !p.eof(); p.next()) {
      if (p.getEntryFileMode() == FileMode.TREE) {
        names.add(p.getEntryPathString());
      }
    }
    return names;
  }

  private Optional<ObjectId> entry(AnyObjectId tree, String path, boolean wantFolder)
      throws IOException {
    CanonicalTreeParser found = find(tree, path);
    if (found == null) {
      return Optional.empty();
    }
    FileMode mode = found.getEntryFileMode();
    boolean isFolder = mode == FileMode.TREE;
    boolean isFile = mode.getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB;
    if (wantFolder ? !isFolder : !isFile) {
      return Optional.empty();
    }
    return Optional.of(found.getEntryObjectId());
  }

  /** The parser positioned on the entry at {@code path}, descending one folder at a time; null if none. */
  private CanonicalTreeParser find(AnyObjectId tree, String path) throws IOException {
    String[] names = path.split("/");
    AnyObjectId folder = tree;
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      CanonicalTreeParser p = new CanonicalTreeParser();
      p.reset(objects.open(at.toString(), folder).getCachedBytes());
      byte[] name = names[i].getBytes(StandardCharsets.UTF_8);
      while (!p.eof() && !nameIs(p, name)) {
        p.next();
      }
      if (p.eof()) {
        return null;
      }
      if (i == names.length - 1) {
        return p;
      }
      if (p.getEntryFileMode() != FileMode.TREE) {
        return null;
      }
      folder = p.getEntryObjectId();
      if (at.length() > 0) {
        at.append('/');
      }
      at.append(names[i]);
    }
    return null;
  }

  private static boolean nameIs(CanonicalTreeParser p, byte[] name) {
    return p.getNameLength() == name.length
        && java.util.Arrays.equals(p.getEntryPathBuffer(), p.getNameOffset(), p.getNameOffset() + name.length, name, 0, name.length);
  }
}
