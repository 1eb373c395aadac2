package io.github.moodlecbm.core.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.moodlecbm.fixture.RecordingLog;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.junit.jupiter.api.Test;

class ThrottledProgressMonitorTest {
  private final RecordingLog log = new RecordingLog();

  @Test
  void aLineSaysTheTaskItsPercentageAndItsCounts() {
    ThrottledProgressMonitor progress = new ThrottledProgressMonitor("core", log, Duration.ZERO);
    progress.beginTask("Receiving objects", 2666);
    progress.update(1200);
    progress.endTask();
    progress.beginTask("Resolving deltas", ProgressMonitor.UNKNOWN);
    progress.update(12);
    progress.endTask();
    assertEquals(List.of("[core] Receiving objects 45% (1200/2666)", "[core] Resolving deltas (12)"), log.lines);
  }

  @Test
  void linesComeAtMostOncePerIntervalAndNotAtAllForAShortTask() {
    ThrottledProgressMonitor progress = new ThrottledProgressMonitor("core", log, Duration.ofHours(1));
    progress.beginTask("Receiving objects", 100);
    for (int i = 0; i < 100; i++) {
      progress.update(1);
    }
    progress.endTask();
    assertEquals(List.of(), log.lines);
  }

  @Test
  void theObjectsReceivedAddUpOverTheFetchesReceivingTasks() {
    ThrottledProgressMonitor progress = new ThrottledProgressMonitor("core", log, Duration.ofHours(1));
    progress.beginTask("Receiving objects", 2666);
    progress.endTask();
    progress.beginTask("Resolving deltas", 1000);
    progress.endTask();
    progress.beginTask("Receiving objects", 34);
    progress.endTask();
    assertEquals(2700, progress.objectsReceived());
  }
}
