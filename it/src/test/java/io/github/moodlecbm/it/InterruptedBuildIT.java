package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.StandardSites;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed with SIGKILL (a CI timeout, an OOM killer) at any moment leaves a cache that the
 * next build uses without any cleanup, and a code base that the next build makes right.
 */
class InterruptedBuildIT {
  @TempDir Path tmp;

  @ParameterizedTest(name = "killed {2} ms after \"{1}\" ({0})")
  @CsvSource({
    "while cloning Moodle,         '[moodle] cloning',       300",
    "while cloning a plugin,       '[mod_hvp] cloning',      0",
    "after resolution,             'Wrote moodle.lock',      0",
    "while writing the code base,  'moodle-cbm-assemble',    400",
  })
  void aKilledBuildIsFollowedByAGoodOne(String moment, String trigger, long delayMillis) throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 4000)) {
      SiteProject site = SiteProject.create(tmp.resolve("site"), "killed", "4.5",
          StandardSites.moodle45().stream().map(p -> SiteProject.plugin(p.component(), p.repo(), p.pinKind(), p.pin(), p.path()))
              .collect(Collectors.joining("\n")));
      String[] args = {"package", "-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      String marker = trigger.equals("moodle-cbm-assemble") ? ":assemble (default-assemble)" : trigger;

      Process mvn = site.start(args);
      StringBuilder seen = new StringBuilder();
      boolean triggered = false;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(mvn.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          seen.append(line).append('\n');
          if (line.contains(marker)) {
            triggered = true;
            Thread.sleep(delayMillis);
            mvn.destroyForcibly();
            break;
          }
        }
      }
      assertTrue(mvn.waitFor(60, TimeUnit.SECONDS));
      assertTrue(triggered, "the build reached \"" + marker + "\" before it ended:\n" + seen);

      SiteProject.Run next = site.build(args);
      assertFalse(next.says("ERROR"), next.log());
      StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(site.dir.resolve("target/moodle"));
      ConcurrentBuildsIT.assertMirrorsWhole(tmp.resolve("cache"));
    }
  }
}
