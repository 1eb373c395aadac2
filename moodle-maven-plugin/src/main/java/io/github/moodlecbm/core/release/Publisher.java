package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Publishes the releases of a release repository to its release remote: the branch, then the tags,
 * never forced. When another build published first, the releases made here are made again on top
 * of the remote's newest release, unless that would remove or downgrade what the other release
 * brought: then a person decides.
 */
public final class Publisher {
  private final ReleaseRepository releases;
  private final ReleaseRemote remote;
  private final BuildLog log;

  public Publisher(ReleaseRepository releases, ReleaseRemote remote, BuildLog log) {
    this.releases = releases;
    this.remote = remote;
    this.log = log;
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
    ReleaseRemote target = remote;
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
          throw new CodebaseException(ReleaseMessages.remoteKeptMoving(target.url()));
        }
        log.info(ReleaseMessages.remoteMovedOn());
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
        throw new CodebaseException(ReleaseMessages.remoteManifestUnreadable(remoteTag));
      }
      Changelog changelog = new Changelog(baseManifest.get(), mine.get());
      List<String> removed = changelog.removed().stream().filter(c -> !allowRemoval.contains(c)).toList();
      if (!removed.isEmpty()) {
        throw new CodebaseException(ReleaseMessages.remoteHasMore(remoteTag, removed));
      }
      if (!changelog.downgrades().isEmpty()) {
        Changelog.Downgrade d = changelog.downgrades().get(0);
        throw new CodebaseException(ReleaseMessages.remoteHasNewer(remoteTag, d.component(), d.from(), d.to()));
      }
      PersonIdent tagger = new PersonIdent(Releaser.AUTHOR, Releaser.EMAIL, releases.madeAt(release, mine.get().tag()), ZoneOffset.UTC);
      for (String t : tags) {
        releases.deleteTag(t);
      }
      // Same tag name, unless the remote has a tag of that name already (a build in the same second).
      String tag = releases.tagTaken(mine.get().tag()) ? Releaser.freeName(releases, mine.get().tag()) : mine.get().tag();
      mine = Optional.of(mine.get().withTag(tag));
      ObjectId[] written = releases.rewrite(release, base, changelog.message(), tag, Releaser.tagMessage(tag, mine.get()),
          tagger);
      releases.publishLocally(branch, releases.head(branch).orElse(null), written[0], tag, written[1]);
      log.info(ReleaseMessages.remadeOnTop(tag, remoteTag));
      base = releases.head(branch).orElseThrow();
      baseManifest = mine;
    }
    if (base == remoteHead) {
      releases.moveBranch(branch, releases.head(branch).orElse(null), remoteHead);
      log.info(ReleaseMessages.remoteHasThisCodebase(remoteTag));
      return Optional.empty();
    }
    return Optional.of(base);
  }

}
