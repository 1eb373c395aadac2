package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A university's fleet: three faculties' sites started from the archetypes, built in one reactor
 * build, looked at, updated through the catalog, and built by two CI runners at once.
 */
class FleetJourneyIT {
  private static final Pattern RELEASE = Pattern.compile("Release (1\\.0-\\d{8}\\.\\d{6}(?:-\\d+)?) \\(commit [0-9a-f]+\\) in \\S+/([a-z]+)\\.git");

  @TempDir Path tmp;

  private static String alone(String component) {
    return "            <plugin><component>" + component + "</component></plugin>";
  }

  /** The sites a build released, by name. */
  private static List<String> released(SiteProject.Run run) {
    List<String> sites = new ArrayList<>();
    Matcher m = RELEASE.matcher(run.log());
    while (m.find()) {
      sites.add(m.group(2));
    }
    return sites;
  }

  private static int count(String log, String text) {
    return log.split(Pattern.quote(text), -1).length - 1;
  }

  /** The line of the fleet's table (or plan) that starts with a component. */
  private static String row(SiteProject.Run run, String component) {
    return run.log().lines().map(l -> l.replaceFirst("^\\[(INFO|WARNING)\\] ", "")).filter(l -> l.startsWith(component + " "))
        .findFirst().orElse("");
  }

  /** A fleet from the archetypes whose catalog pins block_xp and mod_attendance, with its site law taking both. */
  private SiteProject campus(String xpTag) throws Exception {
    SiteProject fleet = SiteProject.generateFleet(tmp.resolve("fleets"), "campus", "4.5");
    fleet.declareCatalog(String.join("\n",
        SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", xpTag, null),
        SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null)));
    fleet.addSite("law").declarePlugins(alone("mod_attendance") + "\n" + alone("block_xp"));
    return fleet;
  }

  @Test
  void threeSitesTakeOneCatalogAndACatalogUpdateReleasesExactlyTheSitesThatTakeIt() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject fleet = campus("v19.1");
      // arts pins block_xp itself and adds a plugin the catalog lacks
      fleet.addSite("arts").declarePlugins(alone("mod_attendance") + "\n"
          + "            <plugin><component>block_xp</component><tag>v19.2</tag></plugin>\n"
          + SiteProject.plugin("tiny_c4l", "bfh/moodle-tiny_c4l", "tag", "v1.0.0", null));
      fleet.addSite("science").declarePlugins(alone("mod_attendance"));
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache")};

      // One reactor build on two threads: three releases, each source cloned once.
      SiteProject.Run first = fleet.build(SiteProject.args(common, "-T", "2", "package"));
      assertEquals(List.of("arts", "law", "science"), released(first).stream().sorted().toList(), first.log());
      assertEquals(1, count(first.log(), "cloning https://github.com/moodle/moodle.git"), first.log());
      assertEquals(1, count(first.log(), "cloning https://github.com/danmarsden/moodle-mod_attendance.git"), first.log());
      assertEquals(1, count(first.log(), "cloning https://github.com/FMCorz/moodle-block_xp.git"), first.log());
      assertTrue(first.says("Fleet catalog: 1 plugin as the catalog pins it; deviations: block_xp: tag v19.2 instead of the"
          + " catalog's tag v19.1; tiny_c4l: not in the catalog"), first.log());
      ExpectedCodebase.moodle(eco, "v4.5.2")
          .plugin("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", "mod/attendance")
          .plugin("FMCorz/moodle-block_xp", "v19.1", "blocks/xp")
          .assertMatches(fleet.dir.resolve("sites/law/target/moodle"));

      // Who runs what: arts' own pin is marked, and law's older block_xp.
      SiteProject.Run view = fleet.build(SiteProject.args(common, "moodle:fleet"));
      assertTrue(row(view, "block_xp").matches("block_xp\\s+19\\.1 \\(2024072100\\) \\^\\s+19\\.2 \\(2024111800\\) \\*\\s+-"),
          view.log());
      assertTrue(view.says("arts: block_xp: tag v19.2 instead of the catalog's tag v19.1"), view.log());
      assertTrue(Files.readString(fleet.dir.resolve("target/moodle-fleet.md")).contains("| component | law | arts | science |"));

      // What can move: one answer for the fleet, the catalog's pin for law.
      SiteProject.Run outdated = fleet.build(SiteProject.args(common, "moodle:outdated"));
      assertTrue(outdated.says("What can move in the fleet's 3 sites"), outdated.log());
      assertTrue(row(outdated, "block_xp").matches("block_xp\\s+law\\s+19\\.1 .*tag v19\\.2 .*catalog"), outdated.log());
      assertEquals(1, outdated.log().lines().filter(l -> l.matches("\\[INFO\\] component\\s.*")).count(),
          "one table for the fleet, none per site:\n" + outdated.log());

      // The update moves the catalog's pin in the fleet's pom, every other byte as it was.
      String pomBefore = Files.readString(fleet.pom());
      SiteProject.Run update = fleet.build(SiteProject.args(common, "moodle:update", "-Dmoodle.includes=block_xp"));
      assertTrue(update.says("catalog: block_xp <tag> -> v19.2 in " + fleet.pom() + " (for law)"), update.log());
      assertEquals(pomBefore.replace("<tag>v19.1</tag>", "<tag>v19.2</tag>"), Files.readString(fleet.pom()));

      // The next build releases law alone, with the change in its changelog.
      SiteProject.Run second = fleet.build(SiteProject.args(common, "-T", "2", "package"));
      assertEquals(List.of("law"), released(second), second.log());
      assertEquals(2, count(second.log(), ": no new release."), second.log());
      Path lawReleases = SiteProject.dataHome(fleet.dir).resolve("moodle-cbm/releases/org.example/law.git");
      try (Repository repo = new FileRepositoryBuilder().setGitDir(lawReleases.toFile()).setMustExist(true).build()) {
        String message = repo.parseCommit(repo.resolve(Constants.R_HEADS + "main")).getFullMessage();
        assertTrue(message.contains("~ block_xp v19.1 -> v19.2"), message);
      }

      // The next Moodle, planned for the fleet.
      SiteProject.Run upgrade = fleet.build(SiteProject.args(common, "moodle:upgrade-check", "-Dmoodle.target=5.0"));
      assertTrue(upgrade.says("Upgrade of the fleet's 3 sites to Moodle 5.0"), upgrade.log());
      assertTrue(row(upgrade, "mod_attendance").contains("law, arts, science"), upgrade.log());
    }
  }

  @Test
  void twoRunnersWithTheirOwnCachesBuildAndDeployTwoSitesAtOnce() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject fleet = campus("v19.2");
      fleet.addSite("arts").declarePlugins(alone("block_xp"));
      // each site publishes to its own remote: the fleet names them by the site's artifactId
      Path remotes = tmp.resolve("remotes");
      for (String site : List.of("law", "arts")) {
        GitFixture.init(remotes.resolve(site + ".git")).close();
      }
      String pom = Files.readString(fleet.pom());
      Files.writeString(fleet.pom(), pom.replaceFirst("<configuration>",
          "<configuration>\n            <releaseRemote>file://" + remotes + "/\\${project.artifactId}.git</releaseRemote>"));

      // Two CI runners: each its own checkout of the fleet and its own mirror cache.
      SiteProject runnerA = copy(fleet.dir, tmp.resolve("runner-a/campus"));
      SiteProject runnerB = copy(fleet.dir, tmp.resolve("runner-b/campus"));
      CompletableFuture<SiteProject.Run> a = CompletableFuture.supplyAsync(() -> run(runnerA,
          "-pl", "sites/law", "-am", "deploy", "-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("runner-a/cache")));
      CompletableFuture<SiteProject.Run> b = CompletableFuture.supplyAsync(() -> run(runnerB,
          "-pl", "sites/arts", "-am", "deploy", "-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("runner-b/cache")));
      SiteProject.Run law = a.get();
      SiteProject.Run arts = b.get();
      assertEquals(0, law.exitCode(), law.log());
      assertEquals(0, arts.exitCode(), arts.log());
      // the two builds ran at the same time
      assertTrue(law.lines().get(0).nanos() < arts.lines().get(arts.lines().size() - 1).nanos()
          && arts.lines().get(0).nanos() < law.lines().get(law.lines().size() - 1).nanos(), "the runners overlap");

      // each site's release in its own remote, with its own plugins
      assertTrue(law.says("Published "), law.log());
      assertTrue(arts.says("Published "), arts.log());
      assertEquals(ExpectedCodebase.moodle(eco, "v4.5.2")
          .plugin("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", "mod/attendance")
          .plugin("FMCorz/moodle-block_xp", "v19.2", "blocks/xp").files(),
          ExpectedCodebase.commit(remotes.resolve("law.git"), head(remotes.resolve("law.git"))).files());
      assertEquals(ExpectedCodebase.moodle(eco, "v4.5.2").plugin("FMCorz/moodle-block_xp", "v19.2", "blocks/xp").files(),
          ExpectedCodebase.commit(remotes.resolve("arts.git"), head(remotes.resolve("arts.git"))).files());
      // a runner fetched only what its site needs
      try (Stream<Path> mirrors = Files.list(tmp.resolve("runner-b/cache"))) {
        assertFalse(mirrors.anyMatch(p -> p.getFileName().toString().contains("mod_attendance")), "runner B has no attendance mirror");
      }
    }
  }

  private static SiteProject.Run run(SiteProject runner, String... args) {
    try {
      return runner.mvn(args);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static org.eclipse.jgit.lib.ObjectId head(Path gitDir) throws Exception {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
      return repo.resolve(Constants.R_HEADS + "main");
    }
  }

  /** A checkout of the fleet elsewhere, as a CI runner has it. */
  private static SiteProject copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return new SiteProject(to, SiteProject.defaultMavenHome());
  }
}
