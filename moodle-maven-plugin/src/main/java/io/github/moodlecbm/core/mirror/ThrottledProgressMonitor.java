package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.BuildLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.BatchingProgressMonitor;

/**
 * Reports a long fetch as a plain line every few seconds, never a redraw, so that batch-mode logs
 * stay readable: {@code [core] Receiving objects 45% (1200/2666)}. A task that ends within the
 * first seconds says nothing. JGit's monitor batches the updates; this one also lets a few seconds
 * pass between lines, where JGit's would write one a second.
 */
final class ThrottledProgressMonitor extends BatchingProgressMonitor {
  private final String who;
  private final BuildLog log;
  private final long intervalNanos;
  private long lastLine;
  private int objects;

  ThrottledProgressMonitor(String who, BuildLog log) {
    this(who, log, Duration.ofSeconds(5));
  }

  /** A monitor that writes its first line after {@code interval}, then at most one per interval. */
  ThrottledProgressMonitor(String who, BuildLog log, Duration interval) {
    this.who = who;
    this.log = log;
    this.intervalNanos = interval.toNanos();
    // JGit's monitor reports a new percentage at once, start delay or not: the interval starts here.
    this.lastLine = System.nanoTime();
    setDelayStart(intervalNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void beginTask(String title, int totalWork) {
    super.beginTask(title, totalWork);
    if (title != null && title.startsWith("Receiving objects") && totalWork > 0) {
      objects += totalWork;
    }
  }

  /** How many objects the fetch received, as the pack told. */
  int objectsReceived() {
    return objects;
  }

  @Override
  protected void onUpdate(String taskName, int workCurr, Duration duration) {
    if (due()) {
      log.info("[" + who + "] " + taskName + " (" + workCurr + ")");
    }
  }

  @Override
  protected void onUpdate(String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {
    if (due()) {
      log.info("[" + who + "] " + taskName + " " + percentDone + "% (" + workCurr + "/" + workTotal + ")");
    }
  }

  @Override
  protected void onEndTask(String taskName, int workCurr, Duration duration) {}

  @Override
  protected void onEndTask(String taskName, int workCurr, int workTotal, int percentDone, Duration duration) {}

  private boolean due() {
    long now = System.nanoTime();
    if (now - lastLine < intervalNanos) {
      return false;
    }
    lastLine = now;
    return true;
  }

  @Override
  public boolean isCancelled() {
    return Thread.currentThread().isInterrupted();
  }
}
