package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.assembly.ObjectSource;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevFlag;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.pack.PackStatistics;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The objects of a release written into the release repository: the code base's tree (only what
 * the repository lacks, as one pack: see {@link ReleasePack}), the commit and its annotated tag.
 */
final class ReleaseObjects {
  private ReleaseObjects() {}

  /**
   * Writes a release's objects: the tree's objects missing here, copied from {@code source} as its
   * repositories store them, then the commit and its annotated tag. No ref moves: see {@link
   * ReleaseRepository#publishLocally}.
   *
   * @param parent the previous release, or null for the first
   */
  static ReleaseRepository.Written write(Repository repo, ObjectSource source, AnyObjectId tree, AnyObjectId parent,
      String message, String tag, String tagMessage, PersonIdent ident, PersonIdent tagger) throws IOException {
    List<RevObject> missing = new ArrayList<>();
    Map<AnyObjectId, ObjectReader> route = new HashMap<>();
    try (RevWalk ids = new RevWalk(repo)) {
      Listing listing = new Listing(source, holdsObjects(repo) ? repo.getObjectDatabase() : null, ids,
          ids.newFlag("listed"), missing, route);
      listing.tree("", ids.lookupTree(tree));
    }
    PackStatistics copied = null;
    if (!missing.isEmpty()) {
      copied = ReleasePack.write(repo, source.newReader(), route, missing);
    }
    // The commit and the tag: two small objects, written loose.
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId commit = insertCommit(inserter, tree, parent, message, ident, ident);
      ObjectId tagId = insertTag(inserter, commit, tag, tagMessage, tagger);
      inserter.flush();
      return copied == null ? new ReleaseRepository.Written(commit, tagId, 0, 0, 0)
          : new ReleaseRepository.Written(commit, tagId, copied.getTotalObjects(), copied.getReusedObjects(),
              copied.getReusedDeltas());
    }
  }

  /** A copy of a release commit on another parent: same tree, authors and message given. */
  static ObjectId[] rewrite(Repository repo, RevCommit release, AnyObjectId parent, String message, String tag,
      String tagMessage, PersonIdent tagger) throws IOException {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId commit = insertCommit(inserter, release.getTree(), parent, message, release.getAuthorIdent(),
          release.getCommitterIdent());
      ObjectId tagId = insertTag(inserter, commit, tag, tagMessage, tagger);
      inserter.flush();
      return new ObjectId[] {commit, tagId};
    }
  }

  private static ObjectId insertCommit(ObjectInserter inserter, AnyObjectId tree, AnyObjectId parent, String message,
      PersonIdent author, PersonIdent committer) throws IOException {
    CommitBuilder c = new CommitBuilder();
    c.setTreeId(tree);
    if (parent != null) {
      c.setParentId(parent);
    }
    c.setAuthor(author);
    c.setCommitter(committer);
    c.setMessage(message);
    return inserter.insert(c);
  }

  private static ObjectId insertTag(ObjectInserter inserter, ObjectId commit, String tag, String message, PersonIdent ident)
      throws IOException {
    TagBuilder t = new TagBuilder();
    t.setTag(tag);
    t.setObjectId(commit, Constants.OBJ_COMMIT);
    t.setTagger(ident);
    t.setMessage(message);
    return inserter.insert(t);
  }

  /**
   * Whether the repository holds any object: a first release's does not, and asking an empty
   * repository for each of a code base's objects costs more than copying them (JGit looks at the
   * pack folder again after every miss).
   */
  private static boolean holdsObjects(Repository repo) throws IOException {
    Path objects = repo.getDirectory().toPath().resolve("objects");
    if (Files.exists(objects.resolve("info/alternates")) || holds(objects.resolve("pack"), "*.idx")) {
      return true;
    }
    try (DirectoryStream<Path> loose = Files.newDirectoryStream(objects, "[0-9a-f][0-9a-f]")) {
      for (Path folder : loose) {
        if (holds(folder, "*")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean holds(Path folder, String glob) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
      return files.iterator().hasNext();
    }
  }

  /**
   * The objects of a tree that {@code target} lacks (null: an empty repository), each once, a tree
   * before what it holds, and the reader of the repository whose packs are expected to hold each
   * (none for what the build wrote itself); only trees are read. A tree the repository has is whole there: releases are written one whole pack at a time.
   */
  private record Listing(ObjectSource source, ObjectDatabase target, RevWalk ids, RevFlag listed, List<RevObject> into,
      Map<AnyObjectId, ObjectReader> route) {
    void tree(String path, RevObject tree) throws IOException {
      if (tree.has(listed) || target != null && target.has(tree)) {
        return;
      }
      add(tree, source.packedAt(path));
      byte[] raw = source.open(path, tree).getCachedBytes();
      // The files of a folder all come from one repository (only folders are grafted): the first one's.
      ObjectReader files = null;
      CanonicalTreeParser p = new CanonicalTreeParser();
      for (p.reset(raw); !p.eof(); p.next()) {
        FileMode mode = p.getEntryFileMode();
        if (mode == FileMode.TREE) {
          tree(child(path, p), ids.lookupTree(p.getEntryObjectId()));
        } else if (mode != FileMode.GITLINK) {
          RevObject blob = ids.lookupBlob(p.getEntryObjectId());
          if (!blob.has(listed) && (target == null || !target.has(blob))) {
            if (files == null) {
              files = source.packedAt(child(path, p));
            }
            add(blob, files);
          }
        }
      }
    }

    private static String child(String path, CanonicalTreeParser p) {
      return path.isEmpty() ? p.getEntryPathString() : path + "/" + p.getEntryPathString();
    }

    private void add(RevObject object, ObjectReader packed) {
      object.add(listed);
      into.add(object);
      if (packed != null) {
        route.put(object, packed);
      }
    }
  }
}
