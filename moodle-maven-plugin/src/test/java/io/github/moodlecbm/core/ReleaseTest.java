package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.release.Publisher;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseStage;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.RecordingLog;
import io.github.moodlecbm.fixture.StandAloneRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases: made from a build's tree, read back, published to a remote, restored. */
class ReleaseTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  @TempDir Path tmp;

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  @BeforeAll
  static void world() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  /** One machine building the site: its project folder, mirror cache and release repository. */
  private final class Machine {
    final Path project;
    final Path cache;
    final ReleaseTarget target;
    final RecordingLog log = new RecordingLog();
    Instant clock = T0;

    Machine(String name, String remote) {
      this.project = tmp.resolve(name);
      this.cache = tmp.resolve(name + "-cache");
      this.target = new ReleaseTarget(tmp.resolve(name + "-releases.git"), remote, null, "main");
    }

    BuildSettings settings() throws CodebaseException {
      return SiteBuilds.settings(eco, project, cache, false).workTree(false);
    }

    Released release(String version, Site site, String... allowRemoval) throws Exception {
      clock = clock.plusSeconds(60);
      return SiteBuilds.release(site, settings(), log, target, new Releaser.Request("org.example", "site", version, "@{version}",
          "main", Set.of(allowRemoval), clock, clock), VerificationState.PASSED);
    }

    Publisher.Publication publish() throws Exception {
      try (Workspace workspace = new Workspace(settings(), log)) {
        return new ReleaseStage(workspace).publish(target, Set.of()).orElseThrow();
      }
    }

    Repository releases() throws Exception {
      return new FileRepositoryBuilder().setGitDir(target.repository().toFile()).setMustExist(true).build();
    }
  }

  private static Site site(String xpTag, PluginSpec... more) throws CodebaseException {
    List<PluginSpec> plugins = new ArrayList<>(List.of(
        plugin("block_xp", "FMCorz/moodle-block_xp", "tag", xpTag),
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE")));
    plugins.addAll(List.of(more));
    return SiteBuilds.site("4.5", plugins.toArray(PluginSpec[]::new));
  }

  private static PluginSpec hvp() throws CodebaseException {
    return plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27");
  }

  private Path remote() throws Exception {
    Path remote = tmp.resolve("remote.git");
    new FileRepositoryBuilder().setGitDir(remote.toFile()).setBare().build().create(true);
    return remote;
  }

  @Test
  void aReleaseIsATaggedCommitOfTheTreeWithItsChangelogAndNeedsNoMirror() throws Exception {
    Machine m = new Machine("site", null);
    Released r = m.release("1.0.0-SNAPSHOT", site("v19.1", hvp()));
    assertTrue(r.created());
    assertEquals("1.0.0-20261126.090100", r.tag());
    FileUtils.delete(m.cache.toFile(), FileUtils.RECURSIVE);
    FileUtils.delete(m.project.resolve("target").toFile(), FileUtils.RECURSIVE);
    try (Repository release = m.releases(); RevWalk walk = new RevWalk(release); ObjectWalk objects = new ObjectWalk(release)) {
      RevCommit head = walk.parseCommit(release.resolve("refs/heads/main"));
      assertEquals(r.commit(), head);
      assertEquals(r.tree(), head.getTree().getId());
      assertEquals(0, head.getParentCount());
      String attendance = eco.commit("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE").abbreviate(7).name();
      assertEquals("Moodle 4.5.2 (Build: 20241007), 3 plugins: first release\n\n"
          + "Moodle 4.5.2 (Build: 20241007)\n"
          + "+ block_xp v19.1\n"
          + "+ mod_attendance 2024100701 (MOODLE_405_STABLE @ " + attendance + ")\n"
          + "+ mod_hvp 1.27\n\n"
          + "Site: org.example:site:1.0.0-SNAPSHOT\n"
          + "Lock-SHA256: " + Manifest.sha256(Files.readString(m.project.resolve("moodle.lock"))) + "\n"
          + "Verification: passed\n", head.getFullMessage());
      assertEquals("moodle-cbm", head.getAuthorIdent().getName());
      assertEquals(Instant.parse("2026-11-26T09:01:00Z"), head.getCommitterIdent().getWhenAsInstant());
      RevTag tag = walk.parseTag(release.exactRef(Constants.R_TAGS + r.tag()).getObjectId());
      assertEquals(head, tag.getObject());
      Manifest manifest = Manifest.parse(tag.getFullMessage()).orElseThrow();
      assertEquals(r.tag(), manifest.tag());
      assertEquals("2024072100", manifest.plugins().get("block_xp").version());
      assertEquals("2024100702.00", manifest.moodle().version());
      // Every object of the release is in the release repository itself.
      objects.markStart(objects.parseAny(head));
      objects.checkConnectivity();
      assertFalse(Files.exists(m.target.repository().resolve("objects/info/alternates")));
    }
  }

  /** What the last release said it copied: objects, of them copied as the mirrors store them, of those deltas. */
  private static long[] copied(RecordingLog log) {
    String line = log.lines.stream().filter(l -> l.startsWith("Copied ")).reduce((a, b) -> b).orElseThrow();
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("Copied (\\d+) objects of the code base into the release repository in [0-9.]+ s, (\\d+) as the mirrors"
            + " store them \\((\\d+) of them deltas\\)").matcher(line);
    assertTrue(m.matches(), line);
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
  }

  @Test
  void eachReleaseCopiesWhatTheRepositoryLacksAsTheMirrorsStoreItAndTheRepositoryStandsAlone() throws Exception {
    Machine m = new Machine("site", null);
    Released one = m.release("1.0.0-SNAPSHOT", site("v19.1", hvp()));
    long[] first = copied(m.log);
    assertTrue(first[1] > first[0] / 2 && first[2] > 0, "copied as the mirrors store them, deltas included: "
        + java.util.Arrays.toString(first));
    Released two = m.release("1.0.0-SNAPSHOT", site("v19.2", hvp()));
    long[] second = copied(m.log);
    try (Repository release = m.releases(); ObjectWalk walk = new ObjectWalk(release)) {
      walk.markStart(walk.parseTree(two.tree()));
      walk.markUninteresting(walk.parseTree(one.tree()));
      int lacking = 0;
      while (walk.nextObject() != null) {
        lacking++;
      }
      assertTrue(lacking > 0 && lacking < first[0] / 10, lacking + " objects of the second release's tree");
      assertEquals(lacking, second[0], "the second release copied only what the first lacked");
    }
    FileUtils.delete(m.cache.toFile(), FileUtils.RECURSIVE);
    FileUtils.delete(m.project.resolve("target").toFile(), FileUtils.RECURSIVE);
    // Each object is there once it was copied: both trees' objects, two commits and two tags.
    assertEquals(first[0] + second[0] + 4, StandAloneRepository.check(m.target.repository(), 2));
  }

  @Test
  void anUnchangedCodeBaseMakesNoReleaseAndAPinChangeMakesOneListingExactlyIt() throws Exception {
    Machine m = new Machine("site", null);
    Released one = m.release("1.0.0-SNAPSHOT", site("v19.1"));
    Released again = m.release("1.0.0-SNAPSHOT", site("v19.1"));
    assertFalse(again.created());
    assertEquals(one.tag(), again.tag());
    assertTrue(m.log.anyContains("Code base unchanged since " + one.tag()), m.log.lines.toString());
    Released two = m.release("1.0.0-SNAPSHOT", site("v19.2"));
    assertTrue(two.created());
    assertEquals(List.of("~ block_xp v19.1 -> v19.2"), two.changelog().lines());
    try (Repository release = m.releases(); RevWalk walk = new RevWalk(release)) {
      RevCommit head = walk.parseCommit(release.resolve("refs/heads/main"));
      assertEquals(one.commit(), head.getParent(0));
      assertTrue(head.getFullMessage().startsWith("Moodle 4.5.2 (Build: 20241007), 2 plugins: 1 updated\n\n~ block_xp v19.1 -> v19.2\n\nSite:"),
          head.getFullMessage());
      assertEquals(2, new ReleaseHistory(ReleaseRepository.open(m.target.repository())).list("main").size());
    }
  }

  @Test
  void droppingAPluginNeedsItsUninstallFirstAndThenSaysSo() throws Exception {
    Machine m = new Machine("site", null);
    Released one = m.release("1.0.0-SNAPSHOT", site("v19.1", hvp()));
    CodebaseException refused = assertThrows(CodebaseException.class, () -> m.release("1.0.0-SNAPSHOT", site("v19.1")));
    assertEquals("Release stopped: this build drops mod_hvp, which the previous release " + one.tag() + " has. Moodle cannot"
        + " run with a plugin that is installed in its database but missing from disk. Uninstall it from the site first"
        + " (Site administration > Plugins > Plugins overview > Uninstall), then release with -Dmoodle.allowRemoval=mod_hvp.",
        refused.getMessage());
    try (Repository release = m.releases()) {
      assertEquals(one.commit(), release.resolve("refs/heads/main"), "nothing was released");
    }
    Released two = m.release("1.0.0-SNAPSHOT", site("v19.1"), "mod_hvp");
    assertEquals(List.of("- mod_hvp"), two.changelog().lines());
  }

  @Test
  void aReleaseVersionIsItsTagAndTagsAreImmutable() throws Exception {
    Machine m = new Machine("site", null);
    Released r = m.release("2.3.0", site("v19.1"));
    assertEquals("2.3.0", r.tag());
    assertFalse(m.release("2.3.0", site("v19.1")).created());
    CodebaseException taken = assertThrows(CodebaseException.class, () -> m.release("2.3.0", site("v19.2")));
    assertTrue(taken.getMessage().startsWith("Release tag 2.3.0 already exists with another code base."), taken.getMessage());
  }

  @Test
  void theSameLockAndTimeGiveTheSameCommitOnAnyMachine() throws Exception {
    Machine a = new Machine("a", null);
    Machine b = new Machine("b", null);
    ObjectId first = a.release("1.0.0", site("v19.2")).commit();
    ObjectId second = b.release("1.0.0", site("v19.2")).commit();
    assertEquals(first, second);
    assertNotEquals(a.target.repository(), b.target.repository());
  }

  @Test
  void aFreshMachineContinuesTheRemotesHistoryAndPublishesBranchThenTag() throws Exception {
    String remote = remote().toUri().toString();
    Machine a = new Machine("a", remote);
    Released one = a.release("1.0.0-SNAPSHOT", site("v19.1"));
    Publisher.Publication p = a.publish();
    assertEquals(List.of(one.tag()), p.tags());
    assertEquals(List.of(), a.publish().tags(), "nothing left to publish");
    // Another machine, empty release repository: its release follows the remote's.
    Machine b = new Machine("b", remote);
    b.clock = a.clock;
    Released two = b.release("1.0.0-SNAPSHOT", site("v19.2"));
    assertEquals(List.of("~ block_xp v19.1 -> v19.2"), two.changelog().lines());
    b.publish();
    try (Repository r = new FileRepositoryBuilder().setGitDir(tmp.resolve("remote.git").toFile()).build();
        RevWalk walk = new RevWalk(r)) {
      RevCommit head = walk.parseCommit(r.resolve("refs/heads/main"));
      assertEquals(two.commit(), head);
      assertEquals(one.commit(), head.getParent(0));
      assertEquals(two.commit(), walk.peel(walk.parseAny(r.resolve("refs/tags/" + two.tag()))));
    }
  }

  /** Machines a and b on one remote, which has a's first release; b's clock is a's. */
  private Machine[] twoMachinesAfterAFirstPublishedRelease() throws Exception {
    String remote = remote().toUri().toString();
    Machine a = new Machine("a", remote);
    Machine b = new Machine("b", remote);
    a.release("1.0.0-SNAPSHOT", site("v19.1"));
    a.publish();
    b.clock = a.clock;
    return new Machine[] {a, b};
  }

  @Test
  void twoMachinesPublishingOneAfterTheOtherBothLandInOneLine() throws Exception {
    Machine[] ab = twoMachinesAfterAFirstPublishedRelease();
    Machine a = ab[0];
    Machine b = ab[1];
    // Both build on the first release; a publishes first.
    Released fromA = a.release("1.0.0-SNAPSHOT", site("v19.1", hvp()));
    Released fromB = b.release("1.0.0-SNAPSHOT", site("v19.2", hvp()));
    a.publish();
    Publisher.Publication p = b.publish();
    assertEquals(1, p.reparented());
    // Both were made in the same second: the remote has that tag name, so b's release takes the next.
    assertEquals(fromA.tag(), fromB.tag());
    assertEquals(List.of(fromB.tag() + "-2"), p.tags());
    try (Repository r = new FileRepositoryBuilder().setGitDir(tmp.resolve("remote.git").toFile()).build();
        RevWalk walk = new RevWalk(r)) {
      RevCommit head = walk.parseCommit(r.resolve("refs/heads/main"));
      assertEquals(fromB.tree(), head.getTree());
      assertEquals(fromA.commit(), head.getParent(0));
      assertEquals(List.of("~ block_xp v19.1 -> v19.2"), List.of(head.getFullMessage().split("\n\n")[1]));
      assertEquals(head, walk.peel(walk.parseAny(r.resolve("refs/tags/" + fromB.tag() + "-2"))));
      assertEquals(fromA.commit(), walk.peel(walk.parseAny(r.resolve("refs/tags/" + fromA.tag()))));
    }
  }

  @Test
  void aPublishThatWouldUndoAnotherReleaseNeedsAPerson() throws Exception {
    Machine[] ab = twoMachinesAfterAFirstPublishedRelease();
    Machine a = ab[0];
    Machine b = ab[1];
    a.release("1.0.0-SNAPSHOT", site("v19.2"));
    b.release("1.0.0-SNAPSHOT", site("v19.1", hvp()));
    a.publish();
    CodebaseException e = assertThrows(CodebaseException.class, b::publish);
    assertTrue(e.getMessage().contains("has block_xp 2024111800, newer than this build's 2024072100"), e.getMessage());
  }

  @Test
  void anUnreachableRemoteLetsTheReleaseBeMadeAndThePublishSayWhy() throws Exception {
    String remote = "https://user:secret@127.0.0.1:9/releases.git";
    Machine m = new Machine("site", remote);
    Released r = m.release("1.0.0-SNAPSHOT", site("v19.1"));
    assertTrue(r.created());
    assertTrue(m.log.anyContains("WARN Cannot fetch from the release remote https://127.0.0.1:9/releases.git"), m.log.lines.toString());
    CodebaseException e = assertThrows(CodebaseException.class, m::publish);
    assertTrue(e.getMessage().startsWith("Cannot fetch from the release remote https://127.0.0.1:9/releases.git: connection refused"),
        e.getMessage());
    assertFalse(e.getMessage().contains("secret"));
    assertFalse(String.join("\n", m.log.lines).contains("secret"));
  }

  @Test
  void theZipOfACodeBaseIsTheSameBytesInAnyTimeZone() throws Exception {
    Machine m = new Machine("site", null);
    Released r = m.release("1.0.0", site("v19.1", hvp()));
    java.util.TimeZone zone = java.util.TimeZone.getDefault();
    byte[] first;
    byte[] second;
    try (Workspace workspace = new Workspace(m.settings(), m.log)) {
      ReleaseStage build = new ReleaseStage(workspace);
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Auckland"));
      int files = build.zip(r.tree(), T0, tmp.resolve("a.zip"));
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("America/Los_Angeles"));
      build.zip(r.tree(), T0, tmp.resolve("b.zip"));
      first = Files.readAllBytes(tmp.resolve("a.zip"));
      second = Files.readAllBytes(tmp.resolve("b.zip"));
      var expected = ExpectedCodebase.commit(m.target.repository(), r.commit()).files();
      assertEquals(expected.size(), files);
      try (var zip = new java.util.zip.ZipFile(tmp.resolve("a.zip").toFile())) {
        List<String> names = zip.stream().filter(e -> !e.isDirectory()).map(java.util.zip.ZipEntry::getName).toList();
        assertEquals(new ArrayList<>(expected.keySet()), names, "every file, in git's order");
        var version = zip.getEntry("blocks/xp/version.php");
        assertEquals(java.time.LocalDateTime.of(2026, 11, 26, 9, 0), version.getTimeLocal());
        try (var hasher = new org.eclipse.jgit.lib.ObjectInserter.Formatter()) {
          assertEquals(expected.get("blocks/xp/version.php").getValue(),
              hasher.idFor(Constants.OBJ_BLOB, zip.getInputStream(version).readAllBytes()));
        }
      }
    } finally {
      java.util.TimeZone.setDefault(zone);
    }
    assertTrue(java.util.Arrays.equals(first, second), "reproducible");
  }

  @Test
  void aCheckoutRestoresAReleaseExactlyAndNeverEmptiesAForeignFolder() throws Exception {
    Machine m = new Machine("site", null);
    Released one = m.release("1.0.0-SNAPSHOT", site("v19.1", hvp()));
    m.release("1.0.0-SNAPSHOT", site("v19.2", hvp()));
    Path out = tmp.resolve("restored");
    try (ReleaseRepository releases = ReleaseRepository.open(m.target.repository())) {
      ReleaseHistory history = new ReleaseHistory(releases);
      history.checkout(one.tag(), out, tmp.resolve("state/checkout.index"));
    }
    ExpectedCodebase.commit(m.target.repository(), one.commit()).assertMatches(out);
    Files.createDirectories(tmp.resolve("foreign"));
    Files.writeString(tmp.resolve("foreign/notes.txt"), "mine");
    try (ReleaseRepository releases = ReleaseRepository.open(m.target.repository())) {
      CodebaseException refused = assertThrows(CodebaseException.class,
          () -> new ReleaseHistory(releases).checkout(one.tag(), tmp.resolve("foreign"), tmp.resolve("state/foreign.index")));
      assertTrue(refused.getMessage().contains("is not empty and no checkout of a release wrote it"), refused.getMessage());
      assertEquals("mine", Files.readString(tmp.resolve("foreign/notes.txt")));
      CodebaseException unknown = assertThrows(CodebaseException.class,
          () -> new ReleaseHistory(releases).checkout("9.9.9", tmp.resolve("x"), tmp.resolve("state/x.index")));
      assertTrue(unknown.getMessage().startsWith("There is no release 9.9.9 in the release repository (newest: "), unknown.getMessage());
    }
  }
}
