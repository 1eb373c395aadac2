package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Makes and publishes releases: a build's code base becomes a commit on the release branch, on top
 * of the newest release (the remote's, when one is configured, so that history stays linear
 * across machines), with a changelog for message and an annotated tag carrying its manifest.
 */
public final class Releaser {
  /** Who commits releases: fixed, so that the same lock and time give the same commit anywhere. */
  static final String AUTHOR = "moodle-cbm";
  static final String EMAIL = "moodle-cbm@localhost";

  /**
   * What a release is made of besides the code base.
   *
   * @param version the site's version; a SNAPSHOT release gets a timestamped tag
   * @param verification {@link Manifest#PASSED} or {@link Manifest#SKIPPED}
   * @param installTest {@link Manifest#PASSED} when moodle:install-test passed in this build, else null
   * @param allowRemoval the components this build may drop
   * @param buildTime when the build started (SNAPSHOT tags)
   * @param commitTime the commit's and tag's time: Maven's {@code project.build.outputTimestamp}
   *     when set, else {@code buildTime}
   */
  public record Request(String groupId, String artifactId, String version, String tagFormat, String branch,
      String verification, String installTest, Set<String> allowRemoval, Instant buildTime, Instant commitTime) {
    /** A request of a build that ran no install test. */
    public Request(String groupId, String artifactId, String version, String tagFormat, String branch, String verification,
        Set<String> allowRemoval, Instant buildTime, Instant commitTime) {
      this(groupId, artifactId, version, tagFormat, branch, verification, null, allowRemoval, buildTime, commitTime);
    }

    String site() {
      return groupId + ":" + artifactId + ":" + version;
    }

    PersonIdent ident() {
      return new PersonIdent(AUTHOR, EMAIL, commitTime, ZoneOffset.UTC);
    }

    /** The tag says when the release was really made, even when the commit's time is fixed. */
    PersonIdent tagger() {
      return new PersonIdent(AUTHOR, EMAIL, buildTime, ZoneOffset.UTC);
    }
  }

  /**
   * What a release call did.
   *
   * @param created false when the code base was released already (then {@code tag} names that release)
   */
  public record Outcome(String tag, ObjectId commit, ObjectId tree, boolean created, Changelog changelog, Manifest manifest) {}

  private final ReleaseRepository releases;
  private final Optional<ReleaseRemote> remote;
  private final BuildLog log;

  public Releaser(ReleaseRepository releases, Optional<ReleaseRemote> remote, BuildLog log) {
    this.releases = releases;
    this.remote = remote;
    this.log = log;
  }

  /**
   * Records the code base of {@code lock} (its objects read from {@code objects}) as a release,
   * unless the newest release already has it.
   */
  public Outcome release(ObjectSource objects, Lock lock, Request request)
      throws CodebaseException, IOException {
    try (ExclusiveLock held = releases.lock()) {
      Optional<RevCommit> local = releases.head(request.branch());
      Optional<RevCommit> base = base(request.branch(), local);
      ObjectId tree = ObjectId.fromString(lock.tree());
      Optional<String> baseTag = base.isPresent() ? releases.tagOf(base.get()) : Optional.empty();
      if (base.isPresent() && base.get().getTree().equals(tree)) {
        if (!base.equals(local)) {
          releases.moveBranch(request.branch(), local.orElse(null), base.get());
        }
        // The release's own manifest, as its tag records it; computed only for a release without one.
        Manifest recorded = releases.manifest(base.get()).orElse(null);
        if (recorded == null) {
          recorded = Manifest.of(request.site(), null, request.verification(), request.installTest(), lock, tree,
              new TreeFiles(objects));
        }
        return unchanged(base.get(), baseTag.orElse(base.get().abbreviate(7).name()), recorded);
      }
      Manifest current = Manifest.of(request.site(), null, request.verification(), request.installTest(), lock, tree,
              new TreeFiles(objects));
      Manifest previous = base.isPresent() ? previousManifest(base.get(), baseTag) : null;
      Changelog changelog = new Changelog(previous, current);
      String previousTag = baseTag.orElse("before");
      List<String> refused = changelog.removed().stream().filter(c -> !request.allowRemoval().contains(c)).toList();
      if (!refused.isEmpty()) {
        throw new CodebaseException(Messages.removalRefused(refused, previousTag));
      }
      for (Changelog.Downgrade d : changelog.downgrades()) {
        log.warn(Messages.downgrade(d.component(), d.from(), d.to(), previousTag));
      }
      String tag = TagNames.format(request.tagFormat(), request.groupId(), request.artifactId(), request.version(),
          current.moodle().release(), request.buildTime());
      Optional<RevCommit> existing = releases.tagged(tag);
      if (existing.isPresent()) {
        if (existing.get().getTree().equals(tree)) {
          return unchanged(existing.get(), tag, current);
        }
        if (!TagNames.isSnapshot(request.version())) {
          throw new CodebaseException(Messages.releaseTagExists(tag));
        }
        tag = freeName(tag);
      }
      Manifest manifest = current.withTag(tag);
      ObjectId[] written = releases.write(objects, tree, base.orElse(null), changelog.message(), tag,
          tagMessage(tag, manifest), request.ident(), request.tagger());
      releases.publishLocally(request.branch(), local.orElse(null), written[0], tag, written[1]);
      return new Outcome(tag, written[0], tree, true, changelog, manifest);
    }
  }

  private Outcome unchanged(RevCommit commit, String tag, Manifest manifest) {
    log.info("Code base unchanged since " + tag + ": no new release.");
    return new Outcome(tag, commit.copy(), commit.getTree().copy(), false, null, manifest.withTag(tag));
  }

  /**
   * The release to build on: the remote's head when the local history lacks it, else the local
   * head. A remote that cannot be reached leaves the local history, with a warning: the release is
   * made, and {@code mvn deploy} publishes it later.
   */
  private Optional<RevCommit> base(String branch, Optional<RevCommit> local) throws IOException {
    if (remote.isEmpty()) {
      return local;
    }
    try {
      remote.get().fetch(releases);
    } catch (CodebaseException e) {
      log.warn(e.getMessage());
      log.warn("The release is made on the local history; mvn deploy publishes it once the release remote can be reached.");
      return local;
    }
    Optional<RevCommit> remoteHead = releases.remoteHead(branch);
    if (remoteHead.isEmpty() || local.isPresent() && releases.isAncestor(remoteHead.get(), local.get())) {
      return local;
    }
    if (local.isPresent() && !releases.isAncestor(local.get(), remoteHead.get())) {
      log.warn("The release remote has releases this repository lacks; the releases made here and not"
          + " published are left behind, this release follows " + releases.tagOf(remoteHead.get()).orElse(remoteHead.get().name()) + ".");
    }
    return remoteHead;
  }

  private Manifest previousManifest(RevCommit base, Optional<String> tag) throws IOException {
    Optional<Manifest> m = releases.manifest(base);
    if (m.isEmpty()) {
      log.warn("The previous release has no manifest (tag " + tag.orElse("missing") + "): the changelog lists every plugin.");
    }
    return m.orElse(null);
  }

  private String freeName(String tag) throws IOException {
    for (int n = 2; ; n++) {
      if (!releases.tagTaken(tag + "-" + n)) {
        return tag + "-" + n;
      }
    }
  }

  static String tagMessage(String tag, Manifest manifest) {
    return "Release " + tag + "\n\n" + manifest.render();
  }

  /** What a publication did. */
  public record Publication(String branch, List<String> tags, int reparented) {}

  /**
   * Pushes the releases the remote lacks: the branch, then their tags. When another build
   * published first, the releases made here are made again on the remote's head (same trees, new
   * commits, same tag names) and pushed, unless that would remove or downgrade what the other
   * release brought: then a person decides.
   */
  public Publication publish(String branch, Set<String> allowRemoval) throws CodebaseException, IOException {
    ReleaseRemote target = remote.orElseThrow();
    try (ExclusiveLock held = releases.lock()) {
      int reparented = 0;
      for (int attempt = 0; ; attempt++) {
        target.fetch(releases);
        Optional<RevCommit> local = releases.head(branch);
        Optional<RevCommit> remoteHead = releases.remoteHead(branch);
        if (local.isEmpty() || remoteHead.isPresent() && releases.isAncestor(local.get(), remoteHead.get())) {
          return new Publication(branch, List.of(), reparented);
        }
        RevCommit head = local.get();
        if (remoteHead.isPresent() && !releases.isAncestor(remoteHead.get(), head)) {
          Optional<RevCommit> moved = reparent(branch, head, remoteHead.get(), allowRemoval);
          reparented++;
          if (moved.isEmpty()) {
            return new Publication(branch, List.of(), reparented);
          }
          head = moved.get();
        }
        List<String> tags = new ArrayList<>();
        Map<ObjectId, List<String>> byCommit = releases.tagsByCommit();
        for (RevCommit c : releases.between(remoteHead.orElse(null), head)) {
          tags.addAll(byCommit.getOrDefault(c.getId(), List.of()));
        }
        if (target.push(releases, branch, tags) == ReleaseRemote.Pushed.DONE) {
          return new Publication(branch, tags, reparented);
        }
        if (attempt >= 3) {
          throw new CodebaseException("The release remote " + target.url() + " kept moving while this build published"
              + " to it. Run mvn deploy again.");
        }
        log.info("The release remote moved on while this build published; building on its new head.");
      }
    }
  }

  /**
   * Makes the releases of {@code head} that {@code remoteHead} lacks again on top of it. A release
   * whose code base the remote already has is dropped. Returns the new head, or empty when nothing
   * is left to publish.
   */
  private Optional<RevCommit> reparent(String branch, RevCommit head, RevCommit remoteHead, Set<String> allowRemoval)
      throws CodebaseException, IOException {
    Map<ObjectId, List<String>> byCommit = releases.tagsByCommit();
    String remoteTag = releases.tagOf(remoteHead).orElse(remoteHead.abbreviate(7).name());
    RevCommit base = remoteHead;
    Optional<Manifest> baseManifest = releases.manifest(remoteHead);
    for (RevCommit release : releases.between(remoteHead, head)) {
      List<String> tags = byCommit.getOrDefault(release.getId(), List.of());
      Optional<Manifest> mine = releases.manifest(release);
      if (release.getTree().equals(base.getTree())) {
        for (String t : tags) {
          releases.deleteTag(t);
        }
        continue;
      }
      if (mine.isEmpty() || baseManifest.isEmpty()) {
        throw new CodebaseException(Messages.remoteNeedsAPerson(remoteTag,
            "its manifest or this build's cannot be read, so the changes cannot be compared."));
      }
      Changelog changelog = new Changelog(baseManifest.get(), mine.get());
      List<String> removed = changelog.removed().stream().filter(c -> !allowRemoval.contains(c)).toList();
      if (!removed.isEmpty()) {
        throw new CodebaseException(Messages.remoteNeedsAPerson(remoteTag, "it has " + String.join(", ", removed)
            + ", which this build does not."));
      }
      if (!changelog.downgrades().isEmpty()) {
        Changelog.Downgrade d = changelog.downgrades().get(0);
        throw new CodebaseException(Messages.remoteNeedsAPerson(remoteTag, "it has " + d.component() + " " + d.from()
            + ", newer than this build's " + d.to() + "."));
      }
      PersonIdent tagger = new PersonIdent(AUTHOR, EMAIL, releases.madeAt(release, mine.get().tag()), ZoneOffset.UTC);
      for (String t : tags) {
        releases.deleteTag(t);
      }
      // Same tag name, unless the remote has a tag of that name already (a build in the same second).
      String tag = releases.tagTaken(mine.get().tag()) ? freeName(mine.get().tag()) : mine.get().tag();
      mine = Optional.of(mine.get().withTag(tag));
      ObjectId[] written = releases.rewrite(release, base, changelog.message(), tag, tagMessage(tag, mine.get()),
          tagger);
      releases.publishLocally(branch, releases.head(branch).orElse(null), written[0], tag, written[1]);
      log.info("Release " + tag + " made again on top of " + remoteTag + ", published meanwhile by another build.");
      base = releases.head(branch).orElseThrow();
      baseManifest = mine;
    }
    if (base == remoteHead) {
      releases.moveBranch(branch, releases.head(branch).orElse(null), remoteHead);
      log.info("The release remote has this code base already (" + remoteTag + ").");
      return Optional.empty();
    }
    return Optional.of(base);
  }

}
