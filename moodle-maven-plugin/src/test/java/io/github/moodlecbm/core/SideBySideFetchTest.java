package io.github.moodlecbm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import io.github.moodlecbm.fixture.PackGate;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cold build clones its sources side by side, not one after the other; a source that fails
 * among them is reported for its component, in the pom's order, and is not fetched twice.
 */
class SideBySideFetchTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  static HttpGitServer host;
  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
    for (String name : new String[] {"first", "second"}) {
      try (GitFixture plugin = GitFixture.init(shared.resolve("hosted/team/moodle-local_" + name + ".git"))) {
        plugin.onBranch("main").commit("1.0", FakePlugin.files("", "local_" + name, 2024100700L, "1.0", null, "2024100700"))
            .tag("v1.0").pack();
      }
    }
    host = HttpGitServer.open(shared.resolve("hosted"));
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  private static PluginSpec hosted(String component, String repository) throws CodebaseException {
    return PluginSpec.declare(component, host.url(repository), null, "v1.0", null, null);
  }

  @Test
  void whileOneCloneIsHeldTheNextSourcesAreCloned() throws Exception {
    PackGate gate = host.holdNextPack("team/moodle-local_first.git");
    RecordingLog log = new RecordingLog();
    var site = SiteBuilds.site("4.5", hosted("local_first", "team/moodle-local_first.git"),
        hosted("local_second", "team/moodle-local_second.git"));
    CompletableFuture<SiteBuilds.Build> build = CompletableFuture.supplyAsync(() -> {
      try {
        return SiteBuilds.build(site, SiteBuilds.settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false), log);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      assertTrue(gate.awaitHolding(Duration.ofSeconds(60)), "local_first's pack is asked for: " + gate);
      String second = "cloned " + host.url("team/moodle-local_second.git");
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); !log.anyContains(second) && System.nanoTime() < end; ) {
        Thread.sleep(20);
      }
      assertTrue(gate.holding(), "local_first is still held: " + gate);
      assertTrue(log.anyContains(second), "local_second is cloned while local_first receives: " + log.lines);
      assertTrue(log.anyContains("[moodle] cloned"), "and Moodle too: " + log.lines);
    } finally {
      gate.open();
    }
    SiteBuilds.Build done = build.get(120, TimeUnit.SECONDS);
    assertEquals(2, done.lock().plugins().size());
    assertTrue(Files.isRegularFile(tmp.resolve("site/target/moodle/local/first/version.php")));
    assertTrue(Files.isRegularFile(tmp.resolve("site/target/moodle/local/second/version.php")));
  }

  @Test
  void aSourceThatFailsAmongOthersIsReportedForItsComponentOnce() throws Exception {
    String missingA = "team/moodle-local_gone.git";
    String missingB = "team/moodle-local_lost.git";
    // what one fetch of a missing repository asks the host
    int one;
    try (MirrorCache alone = new MirrorCache(tmp.resolve("alone"), UrlRewrites.none(), Servers.none(), tmp.resolve("ssh"),
        BuildLog.SILENT)) {
      int before = host.requests(missingA);
      assertThrows(CodebaseException.class, () -> alone.mirror(host.url(missingA)).fetch("local_gone"));
      one = host.requests(missingA) - before;
    }
    int beforeA = host.requests(missingA);
    int beforeB = host.requests(missingB);
    var site = SiteBuilds.site("4.5", hosted("local_first", "team/moodle-local_first.git"),
        hosted("local_gone", missingA), hosted("local_lost", missingB), hosted("local_second", "team/moodle-local_second.git"));
    CodebaseException e = assertThrows(CodebaseException.class,
        () -> SiteBuilds.build(site, SiteBuilds.settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false), BuildLog.SILENT));
    assertTrue(e.getMessage().startsWith("local_gone: "), "the first failing component in the pom's order: " + e.getMessage());
    assertTrue(e.getMessage().contains(host.url(missingA)), e.getMessage());
    assertEquals(one, host.requests(missingA) - beforeA, "fetched once, its failure kept for resolution to report");
    assertTrue(host.requests(missingB) - beforeB <= one, "the other failing source is fetched at most once");
    assertFalse(Files.exists(tmp.resolve("site/moodle.lock")), "no lock after a failed resolution");
  }
}
