package io.github.moodlecbm.core.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import io.github.moodlecbm.fixture.PackGate;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a first fetch leaves on disk while it receives, which the crash tests (InterruptedBuildIT)
 * kill a build on: JGit's pack parser writes the pack as it arrives to {@code
 * objects/incoming_*.pack} inside the mirror's staging folder, and the file is gone once the
 * clone is in place.
 */
class CloneUnderWayTest {
  @TempDir Path tmp;

  @Test
  void aFirstFetchReceivesIntoAnIncomingPackInsideItsStagingFolder() throws Exception {
    try (GitFixture repo = GitFixture.init(tmp.resolve("host/team/moodle-local_big.git"))) {
      repo.onBranch("main").commit("1.0", FakePlugin.files("", "local_big", 2024100700L, "1.0", null, "2024100700")
          .andThen(c -> {
            for (int i = 0; i < 200; i++) {
              c.file("classes/c" + i + ".php", "<?php\n// " + i + "\n" + "x".repeat(i * 10) + "\n");
            }
          })).tag("v1.0").pack();
    }
    RecordingLog log = new RecordingLog();
    Path cache = tmp.resolve("cache");
    try (HttpGitServer host = HttpGitServer.start(tmp.resolve("host"), "ci-bot", "t0ken");
        MirrorCache mirrors = new MirrorCache(cache, UrlRewrites.none(),
            new Servers(List.of(new ServerCredentials(host.hostAndPort(), "ci-bot", "t0ken"))), tmp.resolve("ssh"), log)) {
      PackGate gate = host.holdNextPack("team/moodle-local_big.git");
      Mirror mirror = mirrors.mirror(host.url("team/moodle-local_big.git"));
      CompletableFuture<Void> fetch = CompletableFuture.runAsync(() -> {
        try {
          mirror.fetch("local_big");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(gate.awaitHolding(Duration.ofSeconds(60)), "the fetch asks for the pack");
      List<Path> incoming = List.of();
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); incoming.isEmpty() && System.nanoTime() < end; ) {
        incoming = incomingPacks(cache);
        Thread.sleep(5);
      }
      assertEquals(1, incoming.size(), "one pack arriving: " + gate);
      Path staging = incoming.get(0).getParent().getParent();
      assertTrue(staging.getFileName().toString().startsWith(mirror.directory().getFileName() + ".tmp-"), staging.toString());
      assertFalse(mirror.exists(), "no mirror before the clone is whole");
      assertTrue(log.anyContains("[local_big] cloning"));
      assertFalse(log.anyContains("[local_big] cloned"));

      gate.open();
      fetch.get(60, TimeUnit.SECONDS);
      assertTrue(mirror.exists());
      assertTrue(log.anyContains("[local_big] cloned"));
      assertEquals(List.of(), incomingPacks(cache));
      assertFalse(Files.exists(staging), "the staging folder became the mirror");
    }
  }

  /** {@code <cache>/<key>.git.tmp-*}{@code /objects/incoming_*.pack}. */
  static List<Path> incomingPacks(Path cache) throws Exception {
    try (Stream<Path> entries = Files.list(cache)) {
      return entries.filter(p -> p.getFileName().toString().contains(".git.tmp-"))
          .flatMap(staging -> {
            try (Stream<Path> objects = Files.list(staging.resolve("objects"))) {
              return objects.filter(p -> p.getFileName().toString().matches("incoming_.*\\.pack")).toList().stream();
            } catch (java.io.IOException e) {
              return Stream.empty();
            }
          })
          .toList();
    }
  }
}
