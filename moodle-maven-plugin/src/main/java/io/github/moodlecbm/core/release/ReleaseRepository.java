package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * The site's release repository: a bare git repository whose branch is the history of the code
 * bases released, one commit per release, each tagged. It is self-contained: every object of a
 * release is copied into it from the build's store (only the objects of the release's tree, never
 * the plugins' histories), so deleting the mirror cache never breaks it.
 */
public final class ReleaseRepository implements AutoCloseable {
  /** What a release call did. */
  public record Release(ObjectId commit, ObjectId tree, String tag, boolean created) {}

  private final Path gitDir;
  private final Repository repo;

  private ReleaseRepository(Path gitDir, Repository repo) {
    this.gitDir = gitDir;
    this.repo = repo;
  }

  /** Opens the repository, creating it (bare) on first use. */
  public static ReleaseRepository open(Path gitDir) throws IOException {
    Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build();
    if (!Files.isDirectory(gitDir.resolve("objects"))) {
      Files.createDirectories(gitDir.getParent());
      repo.create(true);
    }
    return new ReleaseRepository(gitDir, repo);
  }

  public Repository repository() {
    return repo;
  }

  /** The head commit of a release branch, if any release was made on it. */
  public Optional<RevCommit> head(String branch) throws IOException {
    Ref ref = repo.exactRef(Constants.R_HEADS + branch);
    if (ref == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return Optional.of(walk.parseCommit(ref.getObjectId()));
    }
  }

  /**
   * Records a code base as a release: copies the tree's objects from {@code source}, commits it on
   * {@code branch} on top of the current head and tags it. When the head already has this tree,
   * nothing is done. The branch moves before the tag, so a killed build never leaves a tag
   * without its commit; both updates are checked.
   *
   * @param message the commit message (the changelog); the tag gets {@code tagMessage}
   */
  public Release release(Repository source, AnyObjectId tree, String branch, String tag, String message,
      String tagMessage, PersonIdent ident) throws CodebaseException, IOException {
    try (ExclusiveLock lock = ExclusiveLock.acquire(gitDir.resolveSibling(gitDir.getFileName() + ".lock"))) {
      Optional<RevCommit> head = head(branch);
      if (head.isPresent() && head.get().getTree().equals(tree)) {
        return new Release(head.get().copy(), tree.copy(), null, false);
      }
      Ref existingTag = repo.exactRef(Constants.R_TAGS + tag);
      if (existingTag != null) {
        throw new CodebaseException(io.github.moodlecbm.core.Messages.releaseTagExists(tag));
      }
      ObjectId commit;
      ObjectId tagId;
      try (ObjectReader reader = source.newObjectReader();
          PackInserter inserter = ((FileRepository) repo).getObjectDatabase().newPackInserter()) {
        inserter.checkExisting(true);
        copyTree(reader, inserter, repo.getObjectDatabase(), tree);
        CommitBuilder c = new CommitBuilder();
        c.setTreeId(tree);
        head.ifPresent(h -> c.setParentId(h));
        c.setAuthor(ident);
        c.setCommitter(ident);
        c.setMessage(message);
        commit = inserter.insert(c);
        TagBuilder t = new TagBuilder();
        t.setTag(tag);
        t.setObjectId(commit, Constants.OBJ_COMMIT);
        t.setTagger(ident);
        t.setMessage(tagMessage);
        tagId = inserter.insert(t);
        inserter.flush();
      }
      update(Constants.R_HEADS + branch, head.map(RevCommit::copy).orElse(null), commit);
      update(Constants.R_TAGS + tag, null, tagId);
      return new Release(commit, tree.copy(), tag, true);
    }
  }

  /** Copies a tree and everything below it that the repository lacks. */
  private static void copyTree(ObjectReader reader, ObjectInserter inserter, ObjectDatabase target, AnyObjectId tree)
      throws IOException {
    if (target.has(tree)) {
      return;
    }
    byte[] raw = reader.open(tree, Constants.OBJ_TREE).getCachedBytes();
    for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree); !p.eof(); p.next()) {
      FileMode mode = p.getEntryFileMode();
      ObjectId id = p.getEntryObjectId();
      if (mode == FileMode.TREE) {
        copyTree(reader, inserter, target, id);
      } else if (mode != FileMode.GITLINK && !target.has(id)) {
        inserter.insert(Constants.OBJ_BLOB, reader.open(id, Constants.OBJ_BLOB).getCachedBytes());
      }
    }
    inserter.insert(Constants.OBJ_TREE, raw);
  }

  private void update(String ref, ObjectId expected, ObjectId to) throws IOException {
    RefUpdate u = repo.updateRef(ref);
    u.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    u.setNewObjectId(to);
    RefUpdate.Result r = u.update();
    switch (r) {
      case NEW:
      case FAST_FORWARD:
        return;
      default:
        throw new IOException("cannot update " + ref + " in " + gitDir + ": " + r);
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
