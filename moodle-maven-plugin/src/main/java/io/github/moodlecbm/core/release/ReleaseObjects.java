package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.assembly.ObjectSource;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The objects of a release written into the release repository: the code base's tree (only what
 * the repository lacks), the commit and its annotated tag.
 */
final class ReleaseObjects {
  private ReleaseObjects() {}

  /**
   * Writes a release's objects: the tree's objects missing here, copied from {@code source}, then
   * the commit and its annotated tag. No ref moves: see {@link ReleaseRepository#publishLocally}.
   *
   * @param parent the previous release, or null for the first
   */
  static ReleaseRepository.Written write(Repository repo, ObjectSource source, AnyObjectId tree, AnyObjectId parent, String message,
      String tag, String tagMessage, PersonIdent ident, PersonIdent tagger) throws IOException {
    // JGit's one internal class used here, on purpose: a first release copies some 48,000 objects,
    // and PackInserter writes them as one pack, where the public ObjectInserter of a file
    // repository writes a loose file per object (48,000 files, then a repository that wants a gc).
    // JGit has no public way to insert into a pack: ObjectInserter.newPackParser needs a pack
    // stream, which only PackWriter (internal too) makes. The repository is always a
    // FileRepository: open() builds it with FileRepositoryBuilder.
    try (PackInserter inserter = ((FileRepository) repo).getObjectDatabase().newPackInserter()) {
      inserter.checkExisting(true);
      long copied = copyTree(source, "", inserter, repo.getObjectDatabase(), tree);
      ObjectId commit = insertCommit(inserter, tree, parent, message, ident, ident);
      ObjectId tagId = insertTag(inserter, commit, tag, tagMessage, tagger);
      inserter.flush();
      return new ReleaseRepository.Written(commit, tagId, copied);
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

  /** Copies a tree and everything below it that the repository lacks, large files streamed; returns how many objects. */
  private static long copyTree(ObjectSource source, String path, ObjectInserter inserter, ObjectDatabase target,
      AnyObjectId tree) throws IOException {
    if (target.has(tree)) {
      return 0;
    }
    long copied = 1;
    byte[] raw = source.open(path, tree).getCachedBytes();
    CanonicalTreeParser p = new CanonicalTreeParser();
    for (p.reset(raw); !p.eof(); p.next()) {
      FileMode mode = p.getEntryFileMode();
      ObjectId id = p.getEntryObjectId();
      String child = path.isEmpty() ? p.getEntryPathString() : path + "/" + p.getEntryPathString();
      if (mode == FileMode.TREE) {
        copied += copyTree(source, child, inserter, target, id);
      } else if (mode != FileMode.GITLINK && !target.has(id)) {
        copied++;
        ObjectLoader blob = source.open(child, id);
        if (blob.isLarge()) {
          try (InputStream in = blob.openStream()) {
            inserter.insert(Constants.OBJ_BLOB, blob.getSize(), in);
          }
        } else {
          inserter.insert(Constants.OBJ_BLOB, blob.getCachedBytes());
        }
      }
    }
    inserter.insert(Constants.OBJ_TREE, raw);
    return copied;
  }
}
