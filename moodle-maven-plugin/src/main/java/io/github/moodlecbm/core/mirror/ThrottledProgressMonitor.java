package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.BuildLog;
import org.eclipse.jgit.lib.ProgressMonitor;

/**
 * Reports a long fetch as a plain line every few seconds, never a redraw, so that batch-mode logs
 * stay readable: {@code [core] Receiving objects 45% (1200/2666)}.
 */
final class ThrottledProgressMonitor implements ProgressMonitor {
  private static final long INTERVAL_NANOS = 5_000_000_000L;

  private final String who;
  private final BuildLog log;
  private String task;
  private int total;
  private int done;
  private long lastReport = System.nanoTime();
  private int objects;

  ThrottledProgressMonitor(String who, BuildLog log) {
    this.who = who;
    this.log = log;
  }

  @Override
  public void start(int totalTasks) {}

  @Override
  public void beginTask(String title, int totalWork) {
    task = title;
    total = totalWork;
    done = 0;
    if (title != null && title.startsWith("Receiving objects") && totalWork > 0) {
      objects += totalWork;
    }
  }

  /** How many objects the fetch received, as the pack told. */
  int objectsReceived() {
    return objects;
  }

  @Override
  public void update(int completed) {
    done += completed;
    long now = System.nanoTime();
    if (now - lastReport >= INTERVAL_NANOS) {
      lastReport = now;
      if (total > 0) {
        log.info("[" + who + "] " + task + " " + (100L * done / total) + "% (" + done + "/" + total + ")");
      } else {
        log.info("[" + who + "] " + task + " (" + done + ")");
      }
    }
  }

  @Override
  public void endTask() {}

  @Override
  public boolean isCancelled() {
    return Thread.currentThread().isInterrupted();
  }

  @Override
  public void showDuration(boolean enabled) {}
}
