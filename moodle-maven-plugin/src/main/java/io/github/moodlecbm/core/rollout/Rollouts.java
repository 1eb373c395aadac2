package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Releases;
import java.io.IOException;

/**
 * {@code mvn moodle:rollout} and {@code mvn moodle:rollback}: the environment checked before any
 * release is read, then the release taken there (or back) by {@link Rollout}.
 */
public final class Rollouts {
  private Rollouts() {}

  /** Takes a release to an environment, from the release repository after fetching the release remote's releases. */
  public static Rollout.Outcome rollout(Workspace workspace, ReleaseTarget target, Rollout.Request request)
      throws CodebaseException, IOException {
    Rollout.checkEnvironment(request, workspace.settings().servers(), true);
    Rollout.Outcome outcome;
    try (ReleaseRepository releases = Releases.open(workspace, target)) {
      outcome = new Rollout(releases, workspace.settings().servers(), workspace.log()).rollout(request);
    }
    report(workspace, outcome);
    return outcome;
  }

  /**
   * Takes an environment back to the release live before; reads the release repository as it is
   * here (no fetch, no secrets: a rollback must not wait for the network).
   */
  public static Rollout.Outcome rollback(Workspace workspace, ReleaseTarget target, Rollout.Request request)
      throws CodebaseException, IOException {
    Rollout.checkEnvironment(request, workspace.settings().servers(), false);
    Rollout.Outcome outcome;
    try (ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
      outcome = new Rollout(releases, workspace.settings().servers(), workspace.log()).rollback(request);
    }
    report(workspace, outcome);
    return outcome;
  }

  private static void report(Workspace workspace, Rollout.Outcome outcome) {
    if (outcome.switched()) {
      workspace.log().info(RolloutMessages.webRoot(outcome.webRoot()));
    }
  }
}
