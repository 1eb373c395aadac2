package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.StandardSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * of two sites built with {@code mvn -T 2}. Both succeed, and every mirror stays whole.
 */
class ConcurrentBuildsIT {
  private static final boolean GIT_CLI = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
      .anyMatch(dir -> Files.isExecutable(Path.of(dir, "git")));

  @TempDir Path tmp;

  private static String plugins(List<StandardSites.Plugin> plugins) {
    return plugins.stream().map(p -> SiteProject.plugin(p.component(), p.repo(), p.pinKind(), p.pin(), p.path()))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void twoBuildsInTwoJvmsShareOneEmptyCache() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject a = SiteProject.create(tmp.resolve("a"), "site-a", "4.5", plugins(StandardSites.moodle45()));
      SiteProject b = SiteProject.create(tmp.resolve("b"), "site-b", "5.1+", plugins(StandardSites.moodle51()));
      String[] args = {"package", "-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<SiteProject.Run> runA = pool.submit(() -> a.mvn(args));
        Future<SiteProject.Run> runB = pool.submit(() -> b.mvn(args));
        assertEquals(0, runA.get().exitCode(), runA.get().log());
        assertEquals(0, runB.get().exitCode(), runB.get().log());
      } finally {
        pool.shutdownNow();
      }
      StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(a.dir.resolve("target/moodle"));
      StandardSites.expected(eco, "MOODLE_501_STABLE", StandardSites.moodle51()).assertMatches(b.dir.resolve("target/moodle"));
      assertMirrorsWhole(tmp.resolve("cache"));
    }
  }

  @Test
  void aReactorOfTwoSitesBuildsInParallel() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject.create(tmp.resolve("hosting/site-a"), "site-a", "4.5", plugins(StandardSites.moodle45()));
      SiteProject.create(tmp.resolve("hosting/site-b"), "site-b", "5.1+", plugins(StandardSites.moodle51()));
      Files.writeString(tmp.resolve("hosting/pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
          + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.example</groupId>\n  <artifactId>hosting</artifactId>\n"
          + "  <version>1.0-SNAPSHOT</version>\n  <packaging>pom</packaging>\n"
          + "  <modules>\n    <module>site-a</module>\n    <module>site-b</module>\n  </modules>\n</project>\n");
      SiteProject reactor = new SiteProject(tmp.resolve("hosting"), SiteProject.defaultMavenHome());
      SiteProject.Run run = reactor.build("-T", "2", "package", "-Dmoodle.rewrites=" + eco.rewrite(),
          "-Dmoodle.cacheDir=" + tmp.resolve("cache"));
      assertFalse(run.says("WARNING] *****"), "the plugin is thread-safe: " + run.log());
      StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(tmp.resolve("hosting/site-a/target/moodle"));
      StandardSites.expected(eco, "MOODLE_501_STABLE", StandardSites.moodle51()).assertMatches(tmp.resolve("hosting/site-b/target/moodle"));
      assertMirrorsWhole(tmp.resolve("cache"));
    }
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
