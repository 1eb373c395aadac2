package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.HttpGitServer;
import io.github.moodlecbm.fixture.PackGate;
import io.github.moodlecbm.fixture.StandardSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two CI jobs on one runner share one mirror cache: two builds in two JVMs at once, and a reactor
 * of two sites built with {@code mvn -T 2}. Both succeed, and every mirror stays whole. Each line of
 * output is timed as it arrives, to prove that the builds did overlap.
 */
class ConcurrentBuildsIT {
  private static final boolean GIT_CLI = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
      .anyMatch(dir -> Files.isExecutable(Path.of(dir, "git")));

  private static final String TOKEN = "glpat-t0ken";

  @TempDir Path tmp;

  private static String plugins(List<StandardSites.Plugin> plugins) {
    return plugins.stream().map(p -> SiteProject.plugin(p.component(), p.repo(), p.pinKind(), p.pin(), p.path()))
        .collect(Collectors.joining("\n"));
  }

  /**
   * Both builds need Moodle's mirror: one clones it, the other waits for its lock. The host holds
   * that clone's pack half-way until both builds have begun moodle-maven-plugin's work, so each
   * one's work starts before the other's can end, on a fast machine as on a slow one.
   */
  @Test
  void twoBuildsInTwoJvmsShareOneEmptyCache() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0);
        HttpGitServer host = HttpGitServer.start(tmp.resolve("world"), "ci-bot", TOKEN)) {
      PackGate gate = holdMoodle(eco, host);
      Started started = new Started("site-a", "site-b");
      SiteProject a = SiteProject.create(tmp.resolve("a"), "site-a", "4.5", plugins(StandardSites.moodle45()))
          .withLogin(host, "ci-bot", TOKEN).onEachLine(started::see);
      SiteProject b = SiteProject.create(tmp.resolve("b"), "site-b", "5.1+", plugins(StandardSites.moodle51()))
          .withLogin(host, "ci-bot", TOKEN).onEachLine(started::see);
      String[] args = {"package", "-Dmoodle.rewrites=" + rewrites(eco, host), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      ExecutorService pool = Executors.newFixedThreadPool(2);
      SiteProject.Run runA;
      SiteProject.Run runB;
      try {
        Future<SiteProject.Run> futureA = pool.submit(() -> a.mvn(args));
        Future<SiteProject.Run> futureB = pool.submit(() -> b.mvn(args));
        started.await();
        gate.open();
        runA = futureA.get();
        runB = futureB.get();
      } finally {
        gate.open();
        pool.shutdownNow();
      }
      assertEquals(0, runA.exitCode(), runA.log());
      assertEquals(0, runB.exitCode(), runB.log());
      assertOverlapped("site-a", pluginWork(runA.lines()), "site-b", pluginWork(runB.lines()), runA.log() + "\n" + runB.log());
      StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(a.dir.resolve("target/moodle"));
      StandardSites.expected(eco, "MOODLE_501_STABLE", StandardSites.moodle51()).assertMatches(b.dir.resolve("target/moodle"));
      assertMirrorsWhole(tmp.resolve("cache"));
    }
  }

  /** As above, the held clone of Moodle keeps both modules' work open until both have begun. */
  @Test
  void aReactorOfTwoSitesBuildsInParallel() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0);
        HttpGitServer host = HttpGitServer.start(tmp.resolve("world"), "ci-bot", TOKEN)) {
      PackGate gate = holdMoodle(eco, host);
      SiteProject.create(tmp.resolve("hosting/site-a"), "site-a", "4.5", plugins(StandardSites.moodle45()));
      SiteProject.create(tmp.resolve("hosting/site-b"), "site-b", "5.1+", plugins(StandardSites.moodle51()));
      Files.writeString(tmp.resolve("hosting/pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
          + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.example</groupId>\n  <artifactId>hosting</artifactId>\n"
          + "  <version>1.0-SNAPSHOT</version>\n  <packaging>pom</packaging>\n"
          + "  <modules>\n    <module>site-a</module>\n    <module>site-b</module>\n  </modules>\n</project>\n");
      Started started = new Started("site-a", "site-b");
      SiteProject reactor = new SiteProject(tmp.resolve("hosting"), SiteProject.defaultMavenHome())
          .withLogin(host, "ci-bot", TOKEN).onEachLine(started::see);
      ExecutorService pool = Executors.newSingleThreadExecutor();
      SiteProject.Run run;
      try {
        Future<SiteProject.Run> future = pool.submit(() -> reactor.build("-T", "2", "package",
            "-Dmoodle.rewrites=" + rewrites(eco, host), "-Dmoodle.cacheDir=" + tmp.resolve("cache")));
        started.await();
        gate.open();
        run = future.get();
      } finally {
        gate.open();
        pool.shutdownNow();
      }
      assertFalse(run.says("WARNING] *****"), "the plugin is thread-safe: " + run.log());
      assertInterleaved(run.lines(), "site-a", "site-b", run.log());
      StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(tmp.resolve("hosting/site-a/target/moodle"));
      StandardSites.expected(eco, "MOODLE_501_STABLE", StandardSites.moodle51()).assertMatches(tmp.resolve("hosting/site-b/target/moodle"));
      assertMirrorsWhole(tmp.resolve("cache"));
    }
  }

  /** Moodle from the HTTP host (behind its login), packed as a hosted repository is, its first pack download held. */
  private static PackGate holdMoodle(Ecosystem eco, HttpGitServer host) {
    eco.repo("moodle/moodle").pack();
    return host.holdNextPack("github.com/moodle/moodle.git");
  }

  /** Moodle from the HTTP host (the longest prefix wins), every plugin from the local copies. */
  private static String rewrites(Ecosystem eco, HttpGitServer host) {
    return Ecosystem.url("moodle/moodle") + "=" + host.url("github.com/moodle/moodle.git") + "," + eco.rewrite();
  }

  /** {@code [INFO] --- moodle:0.1.0-SNAPSHOT:resolve (default-resolve) @ site-a ---} (Maven 3.8 names the artifact). */
  private static final Pattern EXECUTION = Pattern.compile("--- (\\S+?):\\S+:\\S+ \\(\\S+\\) @ (\\S+) ---");

  /** The module of a line that starts an execution of moodle-maven-plugin, else null. */
  static String pluginExecution(String line) {
    Matcher m = EXECUTION.matcher(line);
    return m.find() && (m.group(1).equals("moodle") || m.group(1).equals("moodle-maven-plugin")) ? m.group(2) : null;
  }

  /** Waits, for a gate to open, until each module has begun an execution of moodle-maven-plugin. */
  private static final class Started {
    private final Map<String, CountDownLatch> modules = new ConcurrentHashMap<>();

    Started(String... names) {
      for (String name : names) {
        modules.put(name, new CountDownLatch(1));
      }
    }

    void see(String line) {
      String module = pluginExecution(line);
      if (module != null && modules.containsKey(module)) {
        modules.get(module).countDown();
      }
    }

    /** Returns when all have begun, or after ten minutes: the assertions then say what happened. */
    void await() throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      for (CountDownLatch started : modules.values()) {
        started.await(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * The lines a single-module build printed inside moodle-maven-plugin's executions: from an
   * execution line of the plugin to the next execution line of another plugin or Maven's closing
   * rule.
   */
  static List<SiteProject.Line> pluginWork(List<SiteProject.Line> lines) {
    List<SiteProject.Line> work = new ArrayList<>();
    boolean inside = false;
    for (SiteProject.Line line : lines) {
      if (EXECUTION.matcher(line.text()).find()) {
        inside = pluginExecution(line.text()) != null;
      } else if (line.text().startsWith("[INFO] -----")) {
        inside = false;
      }
      if (inside) {
        work.add(line);
      }
    }
    return work;
  }

  /** Each build's first line of plugin work came before the other's last one. */
  static void assertOverlapped(String nameA, List<SiteProject.Line> a, String nameB, List<SiteProject.Line> b, String logs) {
    assertFalse(a.isEmpty() || b.isEmpty(), "both builds ran the plugin:\n" + logs);
    long zero = Math.min(a.get(0).nanos(), b.get(0).nanos());
    LongFunction<String> ms = t -> (t - zero) / 1_000_000 + " ms";
    String times = nameA + "'s plugin work from " + ms.apply(a.get(0).nanos()) + " to " + ms.apply(a.get(a.size() - 1).nanos())
        + ", " + nameB + "'s from " + ms.apply(b.get(0).nanos()) + " to " + ms.apply(b.get(b.size() - 1).nanos());
    assertTrue(a.get(0).nanos() < b.get(b.size() - 1).nanos() && b.get(0).nanos() < a.get(a.size() - 1).nanos(),
        "the two builds ran one after the other: " + times + "\n" + logs);
    System.out.println("ConcurrentBuildsIT: overlapped, " + times);
  }

  /**
   * In the one log of a reactor, an execution line of moodle-maven-plugin for one module comes
   * between the first and the last of the other's: the two modules' work interleaved. (Which
   * module begins first is the scheduler's choice.)
   */
  static void assertInterleaved(List<SiteProject.Line> lines, String a, String b, String log) {
    List<Integer> ofA = new ArrayList<>();
    List<Integer> ofB = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String module = pluginExecution(lines.get(i).text());
      if (a.equals(module)) {
        ofA.add(i);
      } else if (b.equals(module)) {
        ofB.add(i);
      }
    }
    assertFalse(ofA.isEmpty() || ofB.isEmpty(), "both modules ran the plugin:\n" + log);
    String found = null;
    for (int i : ofB) {
      if (i > ofA.get(0) && i < ofA.get(ofA.size() - 1)) {
        found = "\"" + lines.get(i).text() + "\" (line " + i + ") between " + a + "'s first and last execution (lines "
            + ofA.get(0) + " to " + ofA.get(ofA.size() - 1) + ")";
        break;
      }
    }
    for (int i : ofA) {
      if (found == null && i > ofB.get(0) && i < ofB.get(ofB.size() - 1)) {
        found = "\"" + lines.get(i).text() + "\" (line " + i + ") between " + b + "'s first and last execution (lines "
            + ofB.get(0) + " to " + ofB.get(ofB.size() - 1) + ")";
      }
    }
    assertNotNull(found, "the modules' plugin executions did not interleave (" + a + " at lines " + ofA + ", " + b
        + " at lines " + ofB + "):\n" + log);
    System.out.println("ConcurrentBuildsIT: interleaved, " + found);
  }

  /**
   * Every object reachable from every ref of every mirror is there and readable (git fsck's
   * connectivity check, in JGit), and git's own {@code git fsck} agrees where git is installed.
   */
  static void assertMirrorsWhole(Path cache) throws Exception {
    List<Path> mirrors;
    try (Stream<Path> entries = Files.list(cache)) {
      mirrors = entries.filter(p -> p.getFileName().toString().endsWith(".git")).collect(Collectors.toCollection(ArrayList::new));
    }
    assertFalse(mirrors.isEmpty());
    for (Path mirror : mirrors) {
      try (Repository repo = new FileRepositoryBuilder().setGitDir(mirror.toFile()).setMustExist(true).build();
          ObjectWalk walk = new ObjectWalk(repo)) {
        for (Ref ref : repo.getRefDatabase().getRefs()) {
          walk.markStart(walk.parseAny(ref.getObjectId()));
        }
        walk.checkConnectivity();
      }
      if (GIT_CLI) {
        Process fsck = new ProcessBuilder("git", "--git-dir=" + mirror, "fsck", "--no-dangling", "--no-progress")
            .redirectErrorStream(true).start();
        String out = new String(fsck.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, fsck.waitFor(), "git fsck " + mirror + ":\n" + out);
      }
    }
    try (Stream<Path> entries = Files.list(cache)) {
      assertFalse(entries.anyMatch(p -> p.getFileName().toString().contains(".tmp-")), "no staging folder is left");
    }
  }
}
