package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.Messages;
import java.time.Duration;
import java.util.List;

/**
 * Retries a network operation that failed for a reason that may pass (a host that cannot be
 * reached, a reset connection, a timeout, a server error), with growing pauses. A missing
 * repository, refused credentials, an unknown host key or a forbidden repository fail at once:
 * retrying them only delays the message. {@link TransportFailure#mayPass()} decides.
 */
public final class Retry {
  /** One attempt of the operation. */
  public interface Attempt<T, E extends Exception> {
    T run() throws E;
  }

  private final List<Duration> pauses;
  private final BuildLog log;

  Retry(List<Duration> pauses, BuildLog log) {
    this.pauses = pauses;
    this.log = log;
  }

  public static Retry standard(BuildLog log) {
    return new Retry(List.of(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6)), log);
  }

  /** Runs the attempt, trying again after a failure that its exception's types say may pass. */
  public <T, E extends Exception> T run(String who, Attempt<T, E> attempt) throws E {
    return run(who, new TransportTrace(), attempt);
  }

  /**
   * Runs the attempt, trying again after a failure that may pass, as told by the exception and by
   * what {@code trace} saw of the attempt's transports.
   */
  public <T, E extends Exception> T run(String who, TransportTrace trace, Attempt<T, E> attempt) throws E {
    for (int i = 0; ; i++) {
      try {
        return attempt.run();
      } catch (Exception e) {
        if (i >= pauses.size() || !trace.classify(e).mayPass()) {
          throw e;
        }
        Duration pause = pauses.get(i);
        log.warn(MirrorMessages.tryingAgain(who, Messages.redact(Messages.rootMessage(e)), pause, i + 1, pauses.size()));
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
