package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.assembly.ObjectSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The site's release repository: a bare git repository whose branch is the history of the code
 * bases released, one commit per release, each with an annotated tag whose message is the
 * release's {@link Manifest}. It is self-contained: every object of a release is copied into it
 * from the build's store (only the objects of the release's tree, never the plugins' histories),
 * so deleting the mirror cache never breaks it.
 */
public final class ReleaseRepository implements AutoCloseable {
  /** Where the branches and tags of the release remote are fetched to, as the remote has them. */
  static final String REMOTE_HEADS = "refs/remotes/release/heads/";
  static final String REMOTE_TAGS = "refs/remotes/release/tags/";

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
      Files.createDirectories(gitDir.toAbsolutePath().getParent());
      repo.create(true);
      StoredConfig config = repo.getConfig();
      // Releases are never rewritten or garbage: keep every reflog entry, never prune.
      config.setBoolean("core", null, "logAllRefUpdates", true);
      config.setInt("gc", null, "auto", 0);
      config.setBoolean("gc", null, "autoDetach", false);
      config.save();
    }
    return new ReleaseRepository(gitDir, repo);
  }

  /** Whether a release repository exists there. */
  public static boolean exists(Path gitDir) {
    return Files.isDirectory(gitDir.resolve("objects"));
  }

  public Path gitDir() {
    return gitDir;
  }

  public Repository repository() {
    return repo;
  }

  /** Serialises the builds of one release repository, within this JVM and across processes. */
  public ExclusiveLock lock() throws IOException {
    return ExclusiveLock.acquire(gitDir.resolveSibling(gitDir.getFileName() + ".lock"));
  }

  /** The head commit of a release branch, if any release was made on it. */
  public Optional<RevCommit> head(String branch) throws IOException {
    return commit(Constants.R_HEADS + branch);
  }

  /** The release remote's branch as last fetched. */
  public Optional<RevCommit> remoteHead(String branch) throws IOException {
    return commit(REMOTE_HEADS + branch);
  }

  private Optional<RevCommit> commit(String refName) throws IOException {
    Ref ref = repo.exactRef(refName);
    if (ref == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      return Optional.of(walk.parseCommit(ref.getObjectId()));
    }
  }

  /** The commit a tag names, if the tag exists. */
  public Optional<RevCommit> tagged(String tag) throws IOException {
    return commit(Constants.R_TAGS + tag);
  }

  /** Whether {@code ancestor} is {@code commit} or one of its ancestors. */
  public boolean isAncestor(AnyObjectId ancestor, AnyObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(commit));
    }
  }

  /** The commits reachable from {@code head} and not from {@code base} (null: none excluded), oldest first. */
  public List<RevCommit> between(AnyObjectId base, AnyObjectId head) throws IOException {
    List<RevCommit> result = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(head));
      if (base != null) {
        walk.markUninteresting(walk.parseCommit(base));
      }
      walk.setRevFilter(RevFilter.ALL);
      for (RevCommit c : walk) {
        result.add(0, c);
      }
    }
    return result;
  }

  /**
   * Each release commit's tag names (annotated tags peeled): the tags here and those of the
   * release remote as last fetched.
   */
  public Map<ObjectId, List<String>> tagsByCommit() throws IOException {
    Map<ObjectId, List<String>> result = new HashMap<>();
    forEachTag((name, tag, target) -> {
      List<String> names = result.computeIfAbsent(target.copy(), k -> new ArrayList<>());
      if (!names.contains(name)) {
        names.add(name);
      }
    });
    result.values().forEach(l -> l.sort(null));
    return result;
  }

  private interface TagVisitor {
    void visit(String name, RevObject tag, RevObject target) throws IOException;
  }

  private void forEachTag(TagVisitor visitor) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      for (String prefix : List.of(Constants.R_TAGS, REMOTE_TAGS)) {
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
          try {
            RevObject tag = walk.parseAny(ref.getObjectId());
            visitor.visit(ref.getName().substring(prefix.length()), tag, walk.peel(tag));
          } catch (MissingObjectException e) {
            // a tag whose object is not here names no release
          }
        }
      }
    }
  }

  /** The tag of a release commit, the newest name when it has several. */
  public Optional<String> tagOf(AnyObjectId commit) throws IOException {
    List<String> names = tagsByCommit().get(commit.toObjectId());
    return names == null || names.isEmpty() ? Optional.empty() : Optional.of(names.get(names.size() - 1));
  }

  /** The manifest of a release, from its tag here or the remote's. */
  public Optional<Manifest> manifest(AnyObjectId commit) throws IOException {
    List<Manifest> found = new ArrayList<>();
    forEachTag((name, tag, target) -> {
      if (found.isEmpty() && target.equals(commit) && tag instanceof RevTag t) {
        Manifest.parse(t.getFullMessage()).ifPresent(found::add);
      }
    });
    return found.stream().findFirst();
  }

  /** The manifest a release's tag carries. */
  public Optional<Manifest> manifest(String tag) throws IOException {
    Optional<RevCommit> commit = tagged(tag);
    return commit.isPresent() ? manifest(commit.get()) : Optional.empty();
  }

  /** Whether a tag name is taken, here or on the release remote. */
  public boolean tagTaken(String tag) throws IOException {
    return repo.exactRef(Constants.R_TAGS + tag) != null || repo.exactRef(REMOTE_TAGS + tag) != null;
  }

  /** Makes the release remote's tags, as fetched, tags here too, where no tag has their name. */
  void adoptRemoteTags() throws IOException {
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(REMOTE_TAGS)) {
      String name = Constants.R_TAGS + ref.getName().substring(REMOTE_TAGS.length());
      if (repo.exactRef(name) == null) {
        RefUpdate u = repo.updateRef(name);
        u.setExpectedOldObjectId(ObjectId.zeroId());
        u.setNewObjectId(ref.getObjectId());
        check(name, u.update());
      }
    }
  }

  /**
   * Writes a release's objects: the tree's objects missing here, copied from {@code source}, then
   * the commit and its annotated tag. No ref moves: see {@link #publishLocally}.
   *
   * @param parent the previous release, or null for the first
   */
  public Written write(ObjectSource source, AnyObjectId tree, AnyObjectId parent, String message, String tag,
      String tagMessage, PersonIdent ident, PersonIdent tagger) throws IOException {
    return ReleaseObjects.write(repo, source, tree, parent, message, tag, tagMessage, ident, tagger);
  }

  /**
   * What writing a release did.
   *
   * @param objects how many objects of the release's tree were copied (those the repository lacked)
   * @param reused of those, how many were copied as the mirrors store them, compressed
   * @param deltas of those, how many as deltas
   */
  public record Written(ObjectId commit, ObjectId tag, long objects, long reused, long deltas) {}

  /** When a release was tagged (made), or committed when it has no annotated tag here. */
  public java.time.Instant madeAt(RevCommit commit, String tag) throws IOException {
    Ref ref = repo.exactRef(Constants.R_TAGS + tag);
    if (ref != null) {
      try (RevWalk walk = new RevWalk(repo)) {
        if (walk.parseAny(ref.getObjectId()) instanceof RevTag t && t.getTaggerIdent() != null) {
          return t.getTaggerIdent().getWhenAsInstant();
        }
      }
    }
    return commit.getCommitterIdent().getWhenAsInstant();
  }

  /** A copy of a release commit on another parent: same tree, authors and message given. */
  public ObjectId[] rewrite(RevCommit release, AnyObjectId parent, String message, String tag, String tagMessage,
      PersonIdent tagger) throws IOException {
    return ReleaseObjects.rewrite(repo, release, parent, message, tag, tagMessage, tagger);
  }

  /**
   * Moves the branch to a release, then creates its tag: the branch first, so that a killed build
   * never leaves a tag without its place in the history. The branch moves only from {@code
   * expected} (compare and swap; null: the branch must not exist); the tag must be new.
   */
  public void publishLocally(String branch, AnyObjectId expected, ObjectId commit, String tag, ObjectId tagId)
      throws IOException {
    moveBranch(branch, expected, commit);
    RefUpdate t = repo.updateRef(Constants.R_TAGS + tag);
    t.setExpectedOldObjectId(ObjectId.zeroId());
    t.setNewObjectId(tagId);
    t.setRefLogMessage("release " + tag, false);
    check(Constants.R_TAGS + tag, t.update());
  }

  /** Moves a branch from {@code expected} (null: absent) to {@code to}, along history or not. */
  public void moveBranch(String branch, AnyObjectId expected, ObjectId to) throws IOException {
    RefUpdate u = repo.updateRef(Constants.R_HEADS + branch);
    u.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected.toObjectId());
    u.setNewObjectId(to);
    u.setForceUpdate(true);
    u.setRefLogMessage("release", false);
    check(Constants.R_HEADS + branch, u.update());
  }

  /** Drops a tag that was never published (its release was made again on another parent). */
  public void deleteTag(String tag) throws IOException {
    RefUpdate u = repo.updateRef(Constants.R_TAGS + tag);
    u.setForceUpdate(true);
    check(Constants.R_TAGS + tag, u.delete());
  }

  private void check(String ref, RefUpdate.Result r) throws IOException {
    switch (r) {
      case NEW:
      case FAST_FORWARD:
      case FORCED:
      case NO_CHANGE:
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
