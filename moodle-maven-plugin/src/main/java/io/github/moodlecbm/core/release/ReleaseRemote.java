package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.SourceUrls;
import io.github.moodlecbm.core.mirror.GitAccess;
import io.github.moodlecbm.core.mirror.Retry;
import io.github.moodlecbm.core.mirror.TransportFailure;
import io.github.moodlecbm.core.mirror.TransportTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;

/**
 * The git repository that releases are published to and servers pull from: any URL JGit handles
 * (a path, file://, https with a settings.xml server, ssh). Never pushed to with force.
 */
public final class ReleaseRemote {
  static final String WHO = "release remote";

  private final String url;
  private final String fetchUrl;
  private final String pushUrl;
  private final String serverId;
  private final GitAccess access;
  private final Retry retry;

  /**
   * @param url the remote as the site declares it
   * @param fetchUrl and {@code pushUrl}: after the URL rewrites
   */
  public ReleaseRemote(String url, String fetchUrl, String pushUrl, String serverId, GitAccess access, BuildLog log) {
    this.url = url;
    this.fetchUrl = fetchUrl;
    this.pushUrl = pushUrl;
    this.serverId = serverId;
    this.access = access;
    this.retry = Retry.standard(log);
  }

  /** The remote's URL, without credentials. */
  public String url() {
    return SourceUrls.redact(url);
  }

  /**
   * Fetches the remote's branches and tags as the remote has them (under {@code
   * refs/remotes/release/}), then makes its tags that no local tag names tags here too.
   */
  public void fetch(ReleaseRepository local) throws CodebaseException {
    Optional<ServerCredentials> credentials = access.credentials(WHO, serverId, fetchUrl);
    TransportTrace trace = new TransportTrace();
    try {
      retry.run(WHO, trace, () -> access.configure(Git.wrap(local.repository()).fetch()
              .setRemote(fetchUrl)
              .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + "*:" + ReleaseRepository.REMOTE_HEADS + "*"),
                  new RefSpec("+" + Constants.R_TAGS + "*:" + ReleaseRepository.REMOTE_TAGS + "*"))
              .setTagOpt(TagOpt.NO_TAGS)
              .setRemoveDeletedRefs(true), credentials, trace)
          .call());
      local.adoptRemoteTags();
    } catch (GitAPIException | RuntimeException | java.io.IOException e) {
      throw failure("fetch from", credentials, trace.classify(e), e, local);
    }
  }

  /** What a push did. */
  enum Pushed { DONE, REJECTED }

  /**
   * Pushes the branch, then the tags. A remote that moved on meanwhile rejects the branch: the
   * caller builds on the new head and pushes again.
   */
  Pushed push(ReleaseRepository local, String branch, List<String> tags) throws CodebaseException {
    Repository repo = local.repository();
    Optional<ServerCredentials> credentials = access.credentials(WHO, serverId, pushUrl);
    TransportTrace trace = new TransportTrace();
    try {
      String ref = Constants.R_HEADS + branch;
      // Never forced: a remote that moved on rejects the push as not a fast-forward.
      RemoteRefUpdate.Status status = status(run(repo, credentials, trace, List.of(new RefSpec(ref + ":" + ref))), ref);
      if (status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED) {
        return Pushed.REJECTED;
      }
      requireOk(ref, status);
      List<RefSpec> specs = new ArrayList<>();
      for (String tag : tags) {
        specs.add(new RefSpec(Constants.R_TAGS + tag + ":" + Constants.R_TAGS + tag));
      }
      if (!specs.isEmpty()) {
        for (RemoteRefUpdate u : run(repo, credentials, trace, specs).getRemoteUpdates()) {
          requireOk(u.getRemoteName(), u.getStatus());
        }
      }
      return Pushed.DONE;
    } catch (GitAPIException | RuntimeException e) {
      throw failure("push to", credentials, trace.classify(e), e, local);
    }
  }

  private PushResult run(Repository repo, Optional<ServerCredentials> credentials, TransportTrace trace,
      List<RefSpec> specs) throws GitAPIException {
    return retry.run(WHO, trace, () -> {
      PushResult last = null;
      for (PushResult r : access.configure(Git.wrap(repo).push(), credentials, trace)
          .setRemote(pushUrl).setForce(false).setRefSpecs(specs).call()) {
        last = r;
      }
      return last;
    });
  }

  private static RemoteRefUpdate.Status status(PushResult result, String ref) {
    RemoteRefUpdate u = result == null ? null : result.getRemoteUpdate(ref);
    return u == null ? RemoteRefUpdate.Status.NOT_ATTEMPTED : u.getStatus();
  }

  private void requireOk(String ref, RemoteRefUpdate.Status status) throws CodebaseException {
    if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
      throw new CodebaseException(
          ReleaseMessages.pushRefused(url(), ref, status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    }
  }

  private CodebaseException failure(String action, Optional<ServerCredentials> credentials, TransportFailure failure,
      Exception e, ReleaseRepository local) {
    return GitAccess.accessProblem(WHO, url(), action.startsWith("push") ? pushUrl : fetchUrl, credentials, failure, e)
        .orElseGet(() -> failure.exception(ReleaseMessages.releaseRemoteFailed(action, url(), e, local.gitDir()), e));
  }
}
