package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.config.UrlRewrites;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.revwalk.RevCommit;

/** A site's release repository and release remote, as a build reaches them. */
public final class Releases {
  private Releases() {}

  /** The release remote of a target, with this build's rewrites, credentials and ssh setup; empty when none is set. */
  public static Optional<ReleaseRemote> remote(Workspace workspace, ReleaseTarget target) {
    if (target.remote() == null) {
      return Optional.empty();
    }
    UrlRewrites rewrites = workspace.settings().rewrites();
    return Optional.of(new ReleaseRemote(target.remote(), rewrites.apply(target.remote()), rewrites.applyForPush(target.remote()),
        target.serverId(), workspace.mirrors().access(), workspace.log()));
  }

  /**
   * Opens a site's release repository for reading, first bringing the release remote's releases
   * into it when one is configured and can be reached (a warning otherwise). The caller closes it.
   */
  public static ReleaseRepository open(Workspace workspace, ReleaseTarget target) throws IOException {
    BuildLog log = workspace.log();
    if (!ReleaseRepository.exists(target.repository()) && target.remote() == null) {
      log.warn(ReleaseMessages.noRepositoryYet(target.repository()));
    }
    ReleaseRepository releases = ReleaseRepository.open(target.repository());
    Optional<ReleaseRemote> remote = remote(workspace, target);
    if (remote.isPresent()) {
      try (ExclusiveLock held = releases.lock()) {
        remote.get().fetch(releases);
        Optional<RevCommit> local = releases.head(target.branch());
        Optional<RevCommit> remoteHead = releases.remoteHead(target.branch());
        if (remoteHead.isPresent() && (local.isEmpty() || releases.isAncestor(local.get(), remoteHead.get()))) {
          releases.moveBranch(target.branch(), local.orElse(null), remoteHead.get());
        }
      } catch (CodebaseException e) {
        log.warn(e.getMessage());
        log.warn(ReleaseMessages.showingLocal(target.repository()));
      } catch (IOException | RuntimeException e) {
        releases.close();
        throw e;
      }
    }
    return releases;
  }
}
