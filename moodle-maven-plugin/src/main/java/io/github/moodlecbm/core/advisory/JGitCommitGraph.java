package io.github.moodlecbm.core.advisory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The commit graph of a JGit repository (a mirror). Ids that are not full commit ids of the
 * repository, abbreviated ones included, are unknown; a failure to read the repository is an
 * {@link UncheckedIOException}.
 */
public final class JGitCommitGraph implements CommitGraph {
  private final Repository repository;

  public JGitCommitGraph(Repository repository) {
    this.repository = repository;
  }

  @Override
  public boolean has(String commit) {
    ObjectId id = id(commit);
    if (id == null) {
      return false;
    }
    try (ObjectReader reader = repository.newObjectReader()) {
      return reader.has(id) && reader.open(id).getType() == Constants.OBJ_COMMIT;
    } catch (MissingObjectException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean isAncestor(String ancestor, String descendant) {
    ObjectId base = id(ancestor);
    ObjectId tip = id(descendant);
    if (base == null || tip == null) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit b = walk.parseCommit(base);
      RevCommit t = walk.parseCommit(tip);
      return b.equals(t) || walk.isMergedInto(b, t);
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectId id(String commit) {
    if (commit == null) {
      return null;
    }
    String s = commit.trim().toLowerCase(Locale.ROOT);
    return ObjectId.isId(s) ? ObjectId.fromString(s) : null;
  }
}
