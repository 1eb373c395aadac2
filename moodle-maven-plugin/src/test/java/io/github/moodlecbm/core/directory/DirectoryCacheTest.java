package io.github.moodlecbm.core.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.fixture.FakeDirectory;
import io.github.moodlecbm.fixture.RecordingLog;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryCacheTest {
  @TempDir Path tmp;

  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private String url;
  private final RecordingLog log = new RecordingLog();

  @BeforeEach
  void serve() throws Exception {
    body.set(listing("v4.5.1").json());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/1.3/pluglist.php", exchange -> {
      requests.incrementAndGet();
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    url = "http://user:secret@127.0.0.1:" + server.getAddress().getPort() + "/api/1.3/pluglist.php";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static FakeDirectory listing(String tag) {
    return new FakeDirectory()
        .plugin("mod_attendance", "https://github.com/danmarsden/moodle-mod_attendance",
            FakeDirectory.version("2024100701", "4.5.1", "MOODLE_405_STABLE", tag, "4.5"),
            FakeDirectory.version("2025041400", "5.0.0", "MOODLE_500_STABLE", "v5.0.0", "5.0"))
        .plugin("block_xp", "https://github.com/FMCorz/moodle-block_xp",
            FakeDirectory.version("2024111800", "19.2", "master", null, "4.4", "4.5", "5.0"));
  }

  private DirectoryCache cache(Instant now, boolean refresh, boolean offline) {
    return new DirectoryCache(url, tmp.resolve("cache"), refresh, offline, log, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void theListingReadsAsTheDirectoryGivesIt() throws Exception {
    PluginDirectory d = cache(Instant.now(), false, false).load();
    PluginDirectory.Plugin attendance = d.plugin("mod_attendance").orElseThrow();
    assertEquals("https://github.com/danmarsden/moodle-mod_attendance", attendance.repository().orElseThrow());
    assertEquals("2025041400", attendance.versions().get(0).version(), "newest first");
    assertEquals("v4.5.1", attendance.version("2024100701").orElseThrow().vcstag());
    assertEquals("2024100701", attendance.release("4.5.1").orElseThrow().version());
    assertEquals("4.4, 4.5, 5.0", d.plugin("block_xp").orElseThrow().versions().get(0).supports());
    assertTrue(d.plugin("mod_unknown").isEmpty());
    assertTrue(log.lines.stream().anyMatch(l -> l.matches("Downloaded the plugins directory \\(2 plugins, 0\\.0 MB\\) in [0-9.]+ s\\.")), log.lines::toString);
  }

  @Test
  void downloadedOnceThenAgainWhenADayOldOrAsked() throws Exception {
    Instant now = Instant.now();
    cache(now, false, false).load();
    cache(now.plusSeconds(3600), false, false).load();
    assertEquals(1, requests.get(), "an hour later, the copy serves");

    body.set(listing("v4.5.1-new").json());
    PluginDirectory refreshed = cache(now, true, false).load();
    assertEquals(2, requests.get(), "-Dmoodle.update downloads again");
    assertEquals("v4.5.1-new", refreshed.plugin("mod_attendance").orElseThrow().version("2024100701").orElseThrow().vcstag());

    cache(now.plus(Duration.ofHours(25)), false, false).load();
    assertEquals(3, requests.get(), "a day old: downloaded again");
  }

  @Test
  void unreachableOrBrokenFallsBackToTheCopyWithItsAge() throws Exception {
    Instant now = Instant.now();
    cache(now, false, false).load();

    status.set(500);
    PluginDirectory d = cache(now.plus(Duration.ofDays(3)), false, false).load();
    assertTrue(d.plugin("mod_attendance").isPresent());
    String warning = log.lines.stream().filter(l -> l.startsWith("WARN")).findFirst().orElseThrow();
    assertTrue(warning.matches("WARN The plugins directory http://127\\.0\\.0\\.1:\\d+/api/1\\.3/pluglist\\.php cannot be reached"
        + " \\(HTTP 500\\): using the copy downloaded 3 days ago\\."), warning);
    assertFalse(String.join("\n", log.lines).contains("secret"), "credentials are never shown");

    status.set(200);
    body.set("<html>maintenance</html>");
    assertTrue(cache(now.plus(Duration.ofDays(3)), false, false).load().plugin("block_xp").isPresent(),
        "a page that is not a listing does not replace the copy");

    log.lines.clear();
    cache(now.plus(Duration.ofDays(3)), false, true).load();
    assertEquals(List.of("Offline: the plugins directory as downloaded 3 days ago."), log.lines);
  }

  @Test
  void withoutACopyAnUnreachableDirectoryIsAClearError() throws Exception {
    server.stop(0);
    CodebaseException e = assertThrows(CodebaseException.class, () -> cache(Instant.now(), false, false).load());
    assertTrue(e.getMessage().startsWith("The plugins directory http://127.0.0.1:"), e.getMessage());
    assertTrue(e.getMessage().endsWith("and there is no copy of it in the cache. Give each plugin a <source>, or point"
        + " -Dmoodle.pluginDirectory at a saved copy of pluglist.php."), e.getMessage());
    assertFalse(e.getMessage().contains("secret"));

    CodebaseException offline = assertThrows(CodebaseException.class, () -> cache(Instant.now(), false, true).load());
    assertTrue(offline.getMessage().startsWith("Offline, and the plugins directory http://127.0.0.1:"), offline.getMessage());
  }

  @Test
  void aLocalFileIsReadAsItIs() throws Exception {
    Path file = listing("v4.5.1").write(tmp.resolve("pluglist.json"));
    PluginDirectory d = new DirectoryCache(file.toString(), tmp.resolve("cache"), false, true, log).load();
    assertTrue(d.plugin("block_xp").isPresent());
    assertTrue(new DirectoryCache(file.toUri().toString(), tmp.resolve("cache"), false, false, log).load().plugin("block_xp").isPresent());
    CodebaseException missing = assertThrows(CodebaseException.class,
        () -> new DirectoryCache(tmp.resolve("nope.json").toString(), tmp.resolve("cache"), false, false, log).load());
    assertTrue(missing.getMessage().startsWith("The plugins directory file " + tmp.resolve("nope.json") + " does not exist."));
    assertEquals(0, requests.get());
  }
}
