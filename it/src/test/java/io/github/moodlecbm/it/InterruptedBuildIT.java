package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.assembly.AssembleStage;
import io.github.moodlecbm.core.assembly.WorkTreeIndex;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.HttpGitServer;
import io.github.moodlecbm.fixture.PackGate;
import io.github.moodlecbm.fixture.StandardSites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed with SIGKILL (a CI timeout, an OOM killer) at any moment leaves a cache that the
 * next build uses without any cleanup, and a code base that the next build makes right.
 *
 * <p>Each moment is observed, not guessed from a delay: a thread of the test reads the build's
 * output while the test polls the disk for what exists only inside the moment. When it is seen,
 * the build is stopped (SIGSTOP), so that nothing moves while the test looks again, and killed
 * (SIGKILL) only if it is still inside the moment; a build that had moved past it, or never
 * reached it, fails the test. Where a moment would be too short to see, the test holds it open:
 * the plugin's pack is served by a local HTTP git host that holds the download half-way, and after
 * resolution the assembly waits for the work tree's lock, which the test holds.
 */
class InterruptedBuildIT {
  private static final String HVP = "h5p/moodle-mod_hvp";
  private static final String TOKEN = "glpat-t0ken";

  @TempDir static Path shared;
  private static Ecosystem eco;
  private static HttpGitServer host;

  @TempDir Path tmp;

  /**
   * One world for the four cases (making it takes most of a minute): Moodle-sized (4,000 more
   * files), so that Moodle's clone and the writing of its code base last seconds; mod_hvp packed
   * as a hosted repository is, and served over HTTP by a host (behind its login) that can hold its
   * pack.
   */
  @BeforeAll
  static void world() {
    eco = Ecosystem.create(shared.resolve("world"), 4000);
    eco.repo(HVP).pack();
    host = HttpGitServer.start(shared.resolve("world"), "ci-bot", TOKEN);
  }

  @AfterAll
  static void close() {
    host.close();
    eco.close();
  }

  private SiteProject site;
  private Path cache;
  private String[] args;

  private void site() throws IOException {
    site = SiteProject.create(tmp.resolve("site"), "killed", "4.5",
        StandardSites.moodle45().stream().map(p -> SiteProject.plugin(p.component(), p.repo(), p.pinKind(), p.pin(), p.path()))
            .collect(Collectors.joining("\n")))
        .withLogin(host, "ci-bot", TOKEN);
    cache = tmp.resolve("cache");
    // mod_hvp from the HTTP host (the longest prefix wins), everything else from the local copies
    String rewrites = Ecosystem.url(HVP) + "=" + host.url("github.com/" + HVP + ".git") + "," + eco.rewrite();
    args = new String[] {"package", "-Dmoodle.rewrites=" + rewrites, "-Dmoodle.cacheDir=" + cache};
  }

  @Test
  void aBuildKilledWhileCloningMoodleIsFollowedByAGoodOne() throws Exception {
    site();
    String observed = killAt(new Moment() {
      @Override
      public String seen(String log) throws IOException {
        // part of the pack written already: the kill lands in the middle of it
        // clones run side by side: Moodle's is the one announced and not finished, receiving into its own staging folder
        List<Path> incoming = incomingPacks(cache, "_moodle_moodle-").stream().filter(InterruptedBuildIT::notEmpty).toList();
        return underWay(log, "[moodle] cloning") && !incoming.isEmpty() ? "Moodle's clone receiving into " + describe(incoming) : null;
      }

      @Override
      public String passed(String log) {
        return lineWith(log, "[moodle] cloned");
      }
    });
    buildAgainAndCheck(observed);
  }

  @Test
  void aBuildKilledWhileCloningAPluginIsFollowedByAGoodOne() throws Exception {
    site();
    PackGate gate = host.holdNextPack("github.com/" + HVP + ".git");
    String observed;
    try {
      observed = killAt(new Moment() {
        @Override
        public String seen(String log) throws IOException {
          List<Path> incoming = incomingPacks(cache, "_moodle-mod_hvp-");
          boolean announced = underWay(log, "[mod_hvp] cloning " + Ecosystem.url(HVP));
          return gate.holding() && announced && !incoming.isEmpty()
              ? "mod_hvp's clone receiving into " + describe(incoming) + ", the host holding " + gate : null;
        }

        @Override
        public String passed(String log) {
          return lineWith(log, "[mod_hvp] cloned " + Ecosystem.url(HVP));
        }
      });
    } finally {
      gate.open();
    }
    buildAgainAndCheck(observed);
  }

  @Test
  void aBuildKilledAfterResolutionIsFollowedByAGoodOne() throws Exception {
    site();
    Path lock = site.dir.resolve("moodle.lock");
    Path workDir = site.dir.resolve("target/moodle-cbm");
    Path output = site.dir.resolve("target/moodle");
    // Maven announces the assemble goal within a millisecond of the lock's line, sooner than a
    // test can kill; what must not have begun is the goal's work. The assembly starts by taking
    // the work tree's lock (WorkTreeWriter's guard): held here, it keeps the build from writing
    // anything, however late the kill lands.
    Files.createDirectories(workDir);
    String observed;
    Path guardFile = AssembleStage.workTreeIndex(workDir).lockFile();
    try (FileChannel guard = FileChannel.open(guardFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = guard.lock()) {
      observed = killAt(new Moment() {
        @Override
        public String seen(String log) throws IOException {
          return log.contains("Wrote moodle.lock") && Files.isRegularFile(lock) && !Files.exists(output)
              ? "moodle.lock written (" + Files.size(lock) + " bytes), target/moodle not begun"
                  + (log.contains(":assemble (default-assemble)") ? ", the assemble goal waiting for the work tree" : "")
              : null;
        }

        @Override
        public String passed(String log) {
          if (Files.exists(output)) {
            return "target/moodle exists";
          }
          return Optional.ofNullable(lineWith(log, "Code base written to")).orElse(lineWith(log, "files written"));
        }
      });
    }
    buildAgainAndCheck(observed);
  }

  @Test
  void aBuildKilledWhileWritingTheCodeBaseIsFollowedByAGoodOne() throws Exception {
    site();
    Path output = site.dir.resolve("target/moodle");
    // the writer's lock: held from before the first file until after the index is written
    WorkTreeIndex index = AssembleStage.workTreeIndex(site.dir.resolve("target/moodle-cbm"));
    String observed = killAt(new Moment() {
      @Override
      public String seen(String log) throws IOException {
        if (!Files.isDirectory(output) || !index.busy()) {
          return null;
        }
        long files;
        try (Stream<Path> walk = Files.walk(output)) {
          files = walk.filter(Files::isRegularFile).count();
        }
        return files > 0 ? "the work tree's writer at work, " + files + " files in target/moodle" : null;
      }

      @Override
      public String passed(String log) {
        return lineWith(log, "Code base written to");
      }
    });
    buildAgainAndCheck(observed);
  }

  /** What a test sees of a build from outside. */
  private interface Moment {
    /** What shows that the build is inside the moment now, or null; {@code log} is its output so far. */
    String seen(String log) throws IOException;

    /** What in the whole output of the killed build shows it had gone past the moment, or null. */
    String passed(String log) throws IOException;
  }

  /**
   * Runs the build until the moment is seen, stops it, looks again, and kills it; returns what was
   * seen at the kill. Fails if the build ended or never reached the moment, or had moved past it.
   */
  private String killAt(Moment moment) throws Exception {
    Process mvn = site.start(args);
    Output output = new Output(mvn);
    String seen;
    String missed = null;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    try {
      while ((seen = moment.seen(output.text())) == null && missed == null) {
        if (!mvn.isAlive()) {
          missed = "the build ended before the moment came";
        } else if (System.nanoTime() > deadline) {
          missed = "the moment did not come within ten minutes";
        }
        Thread.sleep(1);
      }
      if (seen != null) {
        if (!signal("STOP", mvn)) {
          missed = "the build ended before it could be stopped, after " + seen;
        } else {
          // stopped, the build cannot move: what is seen now is what the kill lands on
          String still = moment.seen(output.text());
          if (still == null) {
            missed = "the build had left the moment when it was stopped, after " + seen;
          }
          seen = still;
        }
      }
    } finally {
      mvn.descendants().forEach(ProcessHandle::destroyForcibly);
      mvn.destroyForcibly();
    }
    assertTrue(mvn.waitFor(60, TimeUnit.SECONDS));
    String log = output.whole();
    assertNull(missed, missed + ":\n" + log);
    String passed = moment.passed(log);
    assertNull(passed, "the build had gone past the moment (" + seen + "): " + passed + "\n" + log);
    String observed = "killed with " + seen + "; its last line: " + lastLine(log);
    System.out.println(getClass().getSimpleName() + ": " + observed);
    return observed;
  }

  /** The next build, as it is, must make the code base right, and leave every mirror whole. */
  private void buildAgainAndCheck(String observed) throws Exception {
    SiteProject.Run next = site.mvn(args);
    assertEquals(0, next.exitCode(), () -> observed + "; the next build failed:\n" + next.log());
    assertFalse(next.says("ERROR"), () -> observed + "; the next build:\n" + next.log());
    try {
      StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(site.dir.resolve("target/moodle"));
      ConcurrentBuildsIT.assertMirrorsWhole(cache);
    } catch (AssertionError e) {
      throw new AssertionError(observed + "; after the next build: " + e.getMessage(), e);
    }
  }

  /** Sends a signal to the build's JVM (bin/mvn execs it) and anything it started; false if it had ended. */
  private static boolean signal(String name, Process process) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-" + name, String.valueOf(process.pid())));
    process.descendants().forEach(p -> command.add(String.valueOf(p.pid())));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    kill.getInputStream().readAllBytes();
    return kill.waitFor() == 0 && process.isAlive();
  }

  /** The last clone the log announced (clones run one at a time), if it has not ended. */
  /** Whether the log announced a clone ({@code "[who] cloning url"}) that it has not said finished. */
  private static boolean underWay(String log, String announced) {
    String done = announced.replace("] cloning", "] cloned");
    return log.lines().anyMatch(l -> l.contains(announced)) && log.lines().noneMatch(l -> l.contains(done + " ") || l.endsWith(done));
  }

  /** {@code <cache>/<key>.git.tmp-*}{@code /objects/incoming_*.pack}: JGit's pack parser receiving a first fetch. */
  /** The incoming packs of the mirrors whose folder name holds {@code key}. */
  private static List<Path> incomingPacks(Path cache, String key) throws IOException {
    if (!Files.isDirectory(cache)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(cache)) {
      for (Path staging : entries.filter(p -> p.getFileName().toString().contains(".git.tmp-"))
          .filter(p -> p.getFileName().toString().contains(key)).toList()) {
        try (Stream<Path> objects = Files.list(staging.resolve("objects"))) {
          objects.filter(p -> p.getFileName().toString().matches("incoming_.*\\.pack")).forEach(found::add);
        } catch (java.nio.file.NoSuchFileException e) {
          // the staging folder is being made, or was just moved into place
        }
      }
    }
    return found;
  }

  private static boolean notEmpty(Path file) {
    try {
      return Files.size(file) > 0;
    } catch (IOException e) {
      return false; // renamed since it was listed
    }
  }

  private static String describe(List<Path> files) throws IOException {
    StringBuilder out = new StringBuilder();
    for (Path f : files) {
      long size = Files.exists(f) ? Files.size(f) : -1;
      out.append(out.isEmpty() ? "" : ", ").append(f.getParent().getParent().getFileName()).append("/objects/")
          .append(f.getFileName()).append(" (").append(size).append(" bytes)");
    }
    return out.toString();
  }

  private static String lineWith(String log, String text) {
    return log.lines().filter(l -> l.contains(text)).findFirst().orElse(null);
  }

  private static String lastLine(String log) {
    List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1);
  }

  /** A build's output, read line by line on a thread of its own as it comes. */
  private static final class Output {
    private final StringBuffer text = new StringBuffer();
    private final Thread reader;

    Output(Process process) {
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            text.append(line).append('\n');
          }
        } catch (IOException e) {
          text.append("(reading the output failed: ").append(e).append(")\n");
        }
      }, "mvn-output");
      reader.setDaemon(true);
      reader.start();
    }

    String text() {
      return text.toString();
    }

    /** Everything, once the process has ended and its output is closed. */
    String whole() throws InterruptedException {
      reader.join(TimeUnit.SECONDS.toMillis(60));
      return text.toString();
    }
  }
}
