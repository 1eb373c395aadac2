package io.github.moodlecbm.core.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.BuildLog;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

class RetryTest {
  private final List<String> warnings = new ArrayList<>();
  private final BuildLog log = new BuildLog() {
    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {
      warnings.add(message);
    }

    @Override
    public void debug(String message) {}
  };

  private final Retry retry = new Retry(List.of(Duration.ZERO, Duration.ZERO), log);

  @Test
  void aTimeoutIsTriedAgainUntilItPasses() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result = retry.run("block_xp", () -> {
      if (calls.incrementAndGet() < 3) {
        throw new TransportException("https://alice:s3cret@git.example.org/x.git: read timed out",
            new SocketTimeoutException("Read timed out"));
      }
      return "fetched";
    });
    assertEquals("fetched", result);
    assertEquals(3, calls.get());
    assertEquals(2, warnings.size());
    assertTrue(warnings.get(0).startsWith("[block_xp] Read timed out; trying again in 0 s (1/2)"), warnings.get(0));
  }

  @Test
  void attemptsAreBounded() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(TransportException.class, () -> retry.run("block_xp", () -> {
      calls.incrementAndGet();
      throw new TransportException("connection reset", new java.net.SocketException("Connection reset"));
    }));
    assertEquals(3, calls.get());
  }

  @Test
  void aMissingRepositoryOrRefusedCredentialsFailAtOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(NoRemoteRepositoryException.class, () -> retry.run("block_xp", () -> {
      calls.incrementAndGet();
      throw new NoRemoteRepositoryException(new URIish("https://git.example.org/x.git"), "not found");
    }));
    assertEquals(1, calls.get());
    assertFalse(new TransportTrace().classify(new TransportException("https://git.example.org/x.git: not authorized")).mayPass());
    assertFalse(new TransportTrace().classify(new IOException("disk full")).mayPass());
    TransportTrace busy = new TransportTrace();
    busy.answered(503);
    assertTrue(busy.classify(new TransportException("https://git.example.org/x.git: 503 Service Unavailable")).mayPass());
  }
}
