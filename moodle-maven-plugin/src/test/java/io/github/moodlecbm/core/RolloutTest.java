package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.rollout.Rollout;
import io.github.moodlecbm.core.rollout.Rollouts;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rollouts and rollbacks of releases to an environment's folder, and everything they refuse. */
class RolloutTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  @TempDir Path tmp;

  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
  private static final String TEMPLATE = "<?php\nunset($CFG);\nglobal $CFG;\n$CFG = new stdClass();\n"
      + "$CFG->dbtype = 'pgsql';\n$CFG->dbuser = '${server.staging-db.username}';\n$CFG->dbpass = '${server.staging-db.password}';\n"
      + "$CFG->wwwroot = '${wwwroot}';\n$CFG->dataroot = '${env.DATAROOT:-/var/moodledata}';\n$CFG->secret = '${env.SECRET}';\n"
      + "$CFG->note = '$${not.a.placeholder}';\n"
      + "require_once(__DIR__ . (is_dir(__DIR__ . '/public') ? '/public' : '') . '/lib/setup.php');\n";

  @BeforeAll
  static void world() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  private final RecordingLog log = new RecordingLog();
  private Instant clock = T0;
  private final Map<String, String> environment = new HashMap<>(Map.of("SECRET", "it's a \\secret"));
  private final Servers servers = new Servers(List.of(new ServerCredentials("staging-db", "moodle", "pa'ss")));

  private ReleaseTarget target() {
    return new ReleaseTarget(tmp.resolve("releases.git"), null, null, "main");
  }

  private Released release(Site site, VerificationState verification) throws Exception {
    clock = clock.plusSeconds(60);
    return SiteBuilds.release(site, SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false).workTree(false),
        log, target(), new Releaser.Request("org.example", "site", "1.0.0-SNAPSHOT", "@{version}", "main", Set.of(), clock, clock),
        verification);
  }

  /** {@code moodle:rollout} and {@code moodle:rollback}, as the goals run them. */
  private static final class Goals implements AutoCloseable {
    private final Workspace workspace;

    Goals(io.github.moodlecbm.core.config.BuildSettings settings, BuildLog log) {
      this.workspace = new Workspace(settings, log);
    }

    Rollout.Outcome rollout(ReleaseTarget target, Rollout.Request request) throws Exception {
      return Rollouts.rollout(workspace, target, request);
    }

    Rollout.Outcome rollback(ReleaseTarget target, Rollout.Request request) throws Exception {
      return Rollouts.rollback(workspace, target, request);
    }

    @Override
    public void close() {
      workspace.close();
    }
  }

  private static Site site(String moodle, String xpTag) throws CodebaseException {
    return SiteBuilds.site(moodle, plugin("block_xp", "FMCorz/moodle-block_xp", "tag", xpTag),
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", moodle.startsWith("5.1") ? "MOODLE_501_STABLE" : "MOODLE_405_STABLE"));
  }

  /** An environment of the site project: its config template and properties. */
  private Path environment(String name, String properties) throws Exception {
    Path folder = tmp.resolve("project/src/main/environments").resolve(name);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("config.php.template"), TEMPLATE);
    Files.writeString(folder.resolve("environment.properties"), "moodle.env.dir=" + tmp.resolve("srv").resolve(name) + "\n"
        + "wwwroot=https://" + name + ".example.org\n" + properties);
    return tmp.resolve("srv").resolve(name);
  }

  private Rollout.Request request(String env, String release, boolean dryRun, boolean allowUnverified) {
    return new Rollout.Request(tmp.resolve("project/src/main/environments"), env, tmp.resolve("project"), "org.example:site",
        release, "main", dryRun, allowUnverified, environment);
  }

  private Rollout.Outcome rollout(String env, String release) throws Exception {
    try (Goals build = new Goals(settings(), log)) {
      return build.rollout(target(), request(env, release, false, false));
    }
  }

  private Rollout.Outcome rollback(String env) throws Exception {
    try (Goals build = new Goals(settings(), log)) {
      return build.rollback(target(), request(env, null, false, false));
    }
  }

  private io.github.moodlecbm.core.config.BuildSettings settings() throws CodebaseException {
    return SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false).withServers(servers);
  }

  private ExpectedCodebase expected(ObjectId commit) {
    return ExpectedCodebase.commit(target().repository(), commit);
  }

  @Test
  void rolloutSharesUnchangedFilesAndRollbackGivesTheFirstReleaseBackByteForByte() throws Exception {
    Path dir = environment("staging", "moodle.env.keep=3\n");
    Released one = release(site("4.5", "v19.1"), VerificationState.PASSED);
    Released two = release(site("4.5", "v19.2"), VerificationState.PASSED);

    Rollout.Outcome first = rollout("staging", one.tag());
    assertTrue(first.switched());
    assertEquals(dir.resolve("current"), first.webRoot());
    assertEquals(Path.of("releases", one.tag()), Files.readSymbolicLink(dir.resolve("current")));
    Path config = dir.resolve("current/config.php");
    String php = Files.readString(config);
    assertTrue(php.contains("$CFG->dbpass = 'pa\\'ss';") && php.contains("$CFG->secret = 'it\\'s a \\\\secret';")
        && php.contains("$CFG->wwwroot = 'https://staging.example.org';") && php.contains("$CFG->dataroot = '/var/moodledata';")
        && php.contains("$CFG->note = '${not.a.placeholder}';"), php);
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    assertFalse(String.join("\n", log.lines).contains("pa'ss") || String.join("\n", log.lines).contains("secret'"), log.lines.toString());
    expected(one.commit()).assertMatchesBesides(dir.resolve("current").toRealPath(), Set.of("config.php"));
    byte[] firstConfig = Files.readAllBytes(config);

    environment.put("SECRET", "rotated");
    Rollout.Outcome second = rollout("staging", null);
    assertEquals(two.tag(), second.tag());
    assertEquals(one.tag(), second.previous());
    assertTrue(second.files().linked() > 0 && second.files().linked() < second.files().written(), second.files().toString());
    assertTrue(Files.isSameFile(dir.resolve("releases").resolve(one.tag()).resolve("version.php"),
        dir.resolve("releases").resolve(two.tag()).resolve("version.php")));
    expected(two.commit()).assertMatchesBesides(dir.resolve("current").toRealPath(), Set.of("config.php"));
    assertTrue(Files.readString(dir.resolve("current/config.php")).contains("'rotated'"));

    // Edited in place on the server: the file is shared, so the first release changed too.
    Path shared = dir.resolve("current/version.php");
    Files.writeString(shared, "// hot fix\n", java.nio.file.StandardOpenOption.APPEND);
    environment.clear(); // a rollback writes no config.php: it needs none of the secrets
    Rollout.Outcome back = rollback("staging");
    assertTrue(back.switched());
    assertEquals(one.tag(), back.tag());
    assertEquals(Path.of("releases", one.tag()), Files.readSymbolicLink(dir.resolve("current")));
    assertTrue(log.anyContains("Release " + one.tag() + " had been changed on disk: 1 files written back"), log.lines.toString());
    expected(one.commit()).assertMatchesBesides(dir.resolve("current").toRealPath(), Set.of("config.php"));
    assertArrayEquals(firstConfig, Files.readAllBytes(dir.resolve("current/config.php")));
    assertTrue(log.anyContains("WARN Going back from " + two.tag() + " to " + one.tag() + " lowers versions: block_xp 2024111800 -> 2024072100"),
        log.lines.toString());

    CodebaseException none = assertThrows(CodebaseException.class, () -> rollback("staging"));
    assertTrue(none.getMessage().startsWith("Nothing to roll back to in environment staging: " + one.tag()), none.getMessage());
    String audit = Files.readString(dir.resolve(".moodle-cbm/rollouts.log"));
    assertTrue(audit.contains(" rollout " + one.tag()) && audit.contains(" rollout " + two.tag() + " (was " + one.tag() + ")")
        && audit.contains(" rollback " + one.tag() + " (was " + two.tag() + ")"), audit);
  }

  @Test
  void aMoodle51ReleaseGetsConfigPhpAtTheRootNextToPublic() throws Exception {
    String group = Files.readAttributes(tmp, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
    Path dir = environment("production", "moodle.env.group=" + group + "\n");
    Released one = release(site("5.1+", "v19.2"), VerificationState.PASSED);
    Rollout.Outcome out = rollout("production", null);
    assertEquals(dir.resolve("current/public"), out.webRoot());
    assertTrue(Files.isRegularFile(dir.resolve("current/config.php")));
    assertTrue(Files.isRegularFile(dir.resolve("current/public/version.php")));
    assertFalse(Files.exists(dir.resolve("current/public/config.php")));
    assertEquals(group, Files.readAttributes(dir.resolve("current/config.php"), java.nio.file.attribute.PosixFileAttributes.class)
        .group().getName());
    expected(one.commit()).assertMatchesBesides(dir.resolve("current").toRealPath(), Set.of("config.php"));

    Files.writeString(tmp.resolve("project/src/main/environments/production/environment.properties"),
        "moodle.env.dir=" + dir + "\nwwwroot=x\nmoodle.env.group=no-such-group-here\nmoodle.env.kep=3\n");
    CodebaseException typo = assertThrows(CodebaseException.class, () -> rollout("production", null));
    assertTrue(typo.getMessage().startsWith("Environment production: " + tmp.resolve("project/src/main/environments/production"
        + "/environment.properties") + " has an unknown setting moodle.env.kep (settings: moodle.env.afterRollback,"), typo.getMessage());
    Files.writeString(tmp.resolve("project/src/main/environments/production/environment.properties"),
        "moodle.env.dir=" + dir + "\nwwwroot=x\nmoodle.env.group=no-such-group-here\n");
    CodebaseException noGroup = assertThrows(CodebaseException.class, () -> rollout("production", null));
    assertTrue(noGroup.getMessage().startsWith("Environment production: there is no group 'no-such-group-here' on this machine"),
        noGroup.getMessage());
  }

  @Test
  void hooksRunAroundTheSwitchAndAFailureSaysWhatIsLive() throws Exception {
    Path trace = tmp.resolve("trace.txt");
    Path dir = environment("staging", "moodle.env.beforeSwitch=echo \"before $MOODLE_CBM_ACTION $MOODLE_CBM_RELEASE was=$MOODLE_CBM_PREVIOUS\" >> "
        + trace + "; test ! -e stop-before\n"
        + "moodle.env.afterSwitch=echo \"after $MOODLE_CBM_ACTION $MOODLE_CBM_RELEASE $(readlink current)\" >> " + trace + "; test ! -e stop-after\n"
        + "moodle.env.afterRollback=echo \"afterRollback $MOODLE_CBM_RELEASE code=$MOODLE_CBM_CODE_ROOT\" >> " + trace + "\n");
    Released one = release(site("4.5", "v19.1"), VerificationState.PASSED);
    rollout("staging", null);
    Released two = release(site("4.5", "v19.2"), VerificationState.PASSED);

    Files.createFile(dir.resolve("stop-before"));
    CodebaseException before = assertThrows(CodebaseException.class, () -> rollout("staging", null));
    assertEquals("moodle.env.beforeSwitch failed (exit code 1): echo \"before $MOODLE_CBM_ACTION $MOODLE_CBM_RELEASE was=$MOODLE_CBM_PREVIOUS\" >> "
        + trace + "; test ! -e stop-before. Nothing was switched: " + one.tag() + " is still live.", before.getMessage());
    assertEquals(Path.of("releases", one.tag()), Files.readSymbolicLink(dir.resolve("current")));
    Files.delete(dir.resolve("stop-before"));

    Files.createFile(dir.resolve("stop-after"));
    CodebaseException after = assertThrows(CodebaseException.class, () -> rollout("staging", null));
    assertTrue(after.getMessage().endsWith(two.tag() + " is live (the switch happened). Fix the cause and run the command by hand, or go"
        + " back with mvn moodle:rollback -Dmoodle.env=staging."), after.getMessage());
    assertEquals(Path.of("releases", two.tag()), Files.readSymbolicLink(dir.resolve("current")));
    Files.delete(dir.resolve("stop-after"));

    rollback("staging");
    assertEquals(List.of(
        "before rollout " + one.tag() + " was=",
        "after rollout " + one.tag() + " releases/" + one.tag(),
        "before rollout " + two.tag() + " was=" + one.tag(),
        "before rollout " + two.tag() + " was=" + one.tag(),
        "after rollout " + two.tag() + " releases/" + two.tag(),
        "before rollback " + one.tag() + " was=" + two.tag(),
        "afterRollback " + one.tag() + " code=" + dir.resolve("releases").resolve(one.tag())), Files.readAllLines(trace));
    assertTrue(log.anyContains("[moodle.env.beforeSwitch]") || Files.size(trace) > 0);
  }

  @Test
  void aHookIsShownAsWrittenAndNeverShowsAPasswordOfSettingsXml() throws Exception {
    Path dir = environment("staging", "moodle.env.beforeSwitch=echo \"login ${server.staging-db.username}:${server.staging-db.password}\";"
        + " test \"${server.staging-db.password}\" = \"pa'ss\" && exit 3\n");
    release(site("4.5", "v19.1"), VerificationState.PASSED);

    CodebaseException e = assertThrows(CodebaseException.class, () -> rollout("staging", null));
    assertEquals("moodle.env.beforeSwitch failed (exit code 3): echo \"login ${server.staging-db.username}:"
        + "${server.staging-db.password}\"; test \"${server.staging-db.password}\" = \"pa'ss\" && exit 3. Nothing was switched;"
        + " nothing was live yet.", e.getMessage(), "the command ran with the password, and is shown as written");
    assertTrue(log.lines.contains("Running moodle.env.beforeSwitch: echo \"login ${server.staging-db.username}:"
        + "${server.staging-db.password}\"; test \"${server.staging-db.password}\" = \"pa'ss\" && exit 3"), log.lines.toString());
    assertTrue(log.lines.contains("  [moodle.env.beforeSwitch] login moodle:****"), log.lines.toString());
    assertFalse(Files.exists(dir.resolve("current"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aHookThatRunsOutOfItsTimeIsStoppedWithWhatItStartedAndSaysWhatIsLive() throws Exception {
    Path properties = tmp.resolve("project/src/main/environments/staging/environment.properties");
    Path dir = environment("staging", "moodle.env.hookTimeout=1\n"
        + "moodle.env.beforeSwitch=echo waiting; sleep 300 & echo $! > before.pid; wait\n");
    Released one = release(site("4.5", "v19.1"), VerificationState.PASSED);

    long start = System.nanoTime();
    CodebaseException before = assertThrows(CodebaseException.class, () -> rollout("staging", null));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertTrue(seconds < 20, "took " + seconds + " s with moodle.env.hookTimeout=1");
    assertEquals("moodle.env.beforeSwitch ran out of time: it was still running after 1 s and was stopped, with every process it"
        + " started: echo waiting; sleep 300 & echo $! > before.pid; wait. Nothing was switched; nothing was live yet. To give it"
        + " more time, set moodle.env.hookTimeout=<seconds> in " + properties + ".", before.getMessage());
    assertFalse(Files.exists(dir.resolve("current"), java.nio.file.LinkOption.NOFOLLOW_LINKS), "nothing was switched");
    assertTrue(log.anyContains("  [moodle.env.beforeSwitch] waiting"), log.lines.toString());
    long sleep = Long.parseLong(Files.readString(dir.resolve("before.pid")).trim());
    assertFalse(ProcessHandle.of(sleep).map(ProcessHandle::isAlive).orElse(false), "the hook's sleep " + sleep + " was stopped");

    Files.writeString(properties, "moodle.env.dir=" + dir + "\nwwwroot=x\nmoodle.env.hookTimeout=1\n"
        + "moodle.env.afterSwitch=sleep 300\n");
    CodebaseException after = assertThrows(CodebaseException.class, () -> rollout("staging", null));
    assertEquals("moodle.env.afterSwitch ran out of time: it was still running after 1 s and was stopped, with every process it"
        + " started: sleep 300. " + one.tag() + " is live (the switch happened). Fix the cause and run the command by hand, or go"
        + " back with mvn moodle:rollback -Dmoodle.env=staging. To give it more time, set moodle.env.hookTimeout=<seconds> in "
        + properties + ".", after.getMessage());
    assertEquals(Path.of("releases", one.tag()), Files.readSymbolicLink(dir.resolve("current")));
  }

  @Test
  void aHookTimeoutThatIsNoNumberOfSecondsIsRefusedBeforeAnythingIsWritten() throws Exception {
    Path properties = tmp.resolve("project/src/main/environments/staging/environment.properties");
    release(site("4.5", "v19.1"), VerificationState.PASSED);
    for (String value : List.of("abc", "0", "-5", "1.5", "99999999999")) {
      Path dir = environment("staging", "moodle.env.hookTimeout=" + value + "\nmoodle.env.beforeSwitch=true\n");
      CodebaseException e = assertThrows(CodebaseException.class, () -> rollout("staging", null));
      assertEquals("Environment staging: moodle.env.hookTimeout=" + value + " in " + properties + " is not a number of seconds:"
          + " use a whole number above 0, such as moodle.env.hookTimeout=1800 for 30 minutes (default 600).", e.getMessage());
      assertFalse(Files.exists(dir), "nothing was written for " + value);
    }
    environment("staging", "moodle.env.hookTimeout= 1800 \n");
    assertTrue(rollout("staging", null).switched());
  }

  @Test
  void refusalsComeBeforeAnythingIsWritten() throws Exception {
    Path dir = environment("staging", "");
    Released unverified = release(site("4.5", "v19.1"), VerificationState.SKIPPED);

    CodebaseException skipped = assertThrows(CodebaseException.class, () -> rollout("staging", null));
    assertEquals("Release " + unverified.tag() + " was made with its verification skipped (-Dmoodle.verify.skip): it is not rolled"
        + " out to staging. Roll out a verified release, or add -Dmoodle.allowUnverified to take it anyway.", skipped.getMessage());
    assertFalse(Files.exists(dir));

    environment.remove("SECRET");
    CodebaseException missing = assertThrows(CodebaseException.class, () -> {
      try (Goals build = new Goals(settings().withServers(Servers.none()), log)) {
        build.rollout(target(), request("staging", null, false, true));
      }
    });
    assertEquals("Environment staging: config.php.template has placeholders without a value: ${server.staging-db.username} (line 6):"
        + " settings.xml has no <server> with id staging-db; ${server.staging-db.password} (line 7): settings.xml has no <server> with"
        + " id staging-db; ${env.SECRET} (line 10): environment variable SECRET is not set. Set the environment variables, add the"
        + " <server> entries to ~/.m2/settings.xml or the properties to environment.properties, or give a default as in"
        + " ${env.NAME:-value}.", missing.getMessage());
    environment.put("SECRET", "s");

    Path folder = tmp.resolve("project/src/main/environments/staging");
    Files.move(folder.resolve("config.php.template"), folder.resolve("config.php.off"));
    CodebaseException noConfig = assertThrows(CodebaseException.class, () -> rollout("staging", null));
    assertTrue(noConfig.getMessage().startsWith("Environment staging: no config.php in " + folder + ". Moodle cannot run without one"),
        noConfig.getMessage());
    Files.move(folder.resolve("config.php.off"), folder.resolve("config.php.template"));

    CodebaseException unknown = assertThrows(CodebaseException.class, () -> rollout("prod", null));
    assertTrue(unknown.getMessage().startsWith("There is no environment 'prod' in " + tmp.resolve("project/src/main/environments")
        + " (environments: staging)."), unknown.getMessage());

    Files.createDirectories(dir);
    Files.writeString(dir.resolve("index.php"), "<?php // someone's site\n");
    CodebaseException foreign = assertThrows(CodebaseException.class, () -> {
      try (Goals build = new Goals(settings(), log)) {
        build.rollout(target(), request("staging", null, false, true));
      }
    });
    assertEquals(dir + " holds files but was not made by moodle:rollout (no .moodle-cbm/environment.properties): nothing is written"
        + " there. Give environment staging a new or empty folder in moodle.env.dir.", foreign.getMessage());
    try (var list = Files.list(dir)) {
      assertEquals(1, list.count());
    }
    Files.delete(dir.resolve("index.php"));

    // A dry run says what would happen and changes nothing; -Dmoodle.allowUnverified takes the release.
    try (Goals build = new Goals(settings(), log)) {
      Rollout.Outcome dry = build.rollout(target(), request("staging", null, true, true));
      assertFalse(dry.switched());
    }
    assertTrue(log.anyContains("Would write release " + unverified.tag() + " into " + dir.resolve("releases").resolve(unverified.tag())));
    assertTrue(log.anyContains("Would place config.php (") && log.anyContains("filling server.staging-db.username,"), log.lines.toString());
    try (var list = Files.list(dir)) {
      assertEquals(0, list.count());
    }
    try (Goals build = new Goals(settings(), log)) {
      assertTrue(build.rollout(target(), request("staging", null, false, true)).switched());
    }

    // Another site's environment folder is not ours either.
    Path other = environment("other", "");
    Files.writeString(tmp.resolve("project/src/main/environments/other/environment.properties"), "moodle.env.dir=" + dir + "\nwwwroot=x\n");
    CodebaseException taken = assertThrows(CodebaseException.class, () -> {
      try (Goals build = new Goals(settings(), log)) {
        build.rollout(target(), request("other", null, false, true));
      }
    });
    assertTrue(taken.getMessage().startsWith(dir + " belongs to environment 'staging' of site org.example:site, not to 'other'"),
        taken.getMessage());
    assertNotEquals(other, dir);
  }

  @Test
  void anInterruptedRolloutIsCleanedUpAndOldReleasesArePruned() throws Exception {
    Path dir = environment("staging", "moodle.env.keep=2\n");
    Released one = release(site("4.5", "v19.1"), VerificationState.PASSED);
    rollout("staging", null);
    Released two = release(site("4.5", "v19.2"), VerificationState.PASSED);
    // What a rollout killed while copying leaves: a half-written folder, never switched to.
    Path partial = dir.resolve("releases").resolve(two.tag() + ".partial");
    Files.createDirectories(partial.resolve("mod"));
    Files.writeString(partial.resolve("version.php"), "<?php // half");
    Files.writeString(dir.resolve(".moodle-cbm/index").resolve(two.tag() + ".index"), "garbage");

    rollout("staging", null);
    assertTrue(log.anyContains("Removed " + partial + ", left by an interrupted rollout."), log.lines.toString());
    assertFalse(Files.exists(partial));
    expected(two.commit()).assertMatchesBesides(dir.resolve("current").toRealPath(), Set.of("config.php"));

    Released three = release(SiteBuilds.site("4.5", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1"),
        plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE"),
        plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27")), VerificationState.PASSED);
    assertNotEquals(one.tag(), three.tag());
    rollout("staging", three.tag());
    assertTrue(log.anyContains("Removed " + one.tag() + " from " + dir.resolve("releases") + " (moodle.env.keep=2)."), log.lines.toString());
    assertFalse(Files.exists(dir.resolve("releases").resolve(one.tag())));
    assertTrue(Files.isDirectory(dir.resolve("releases").resolve(two.tag())));
    expected(two.commit()).assertMatchesBesides(dir.resolve("releases").resolve(two.tag()), Set.of("config.php"));

    rollback("staging");
    CodebaseException gone = assertThrows(CodebaseException.class, () -> rollback("staging"));
    assertTrue(gone.getMessage().startsWith("Nothing to roll back to in environment staging: " + two.tag()), gone.getMessage());
  }

  @Test
  void aSecondRolloutWaitsForTheFirst() throws Exception {
    Path dir = environment("staging", "");
    release(site("4.5", "v19.1"), VerificationState.PASSED);
    rollout("staging", null);
    RecordingLog threadSafe = new RecordingLog();
    List<String> said = threadSafe.lines;
    ExclusiveLock held = ExclusiveLock.acquire(dir.resolve(".moodle-cbm/lock"));
    CompletableFuture<Rollout.Outcome> second = CompletableFuture.supplyAsync(() -> {
      try (Goals build = new Goals(settings(), threadSafe)) {
        return build.rollout(target(), request("staging", null, false, false));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (said.stream().noneMatch(l -> l.contains("waiting for it to end")) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertTrue(said.contains("WARN Another rollout or rollback of environment staging is running (" + dir.resolve(".moodle-cbm/lock")
        + "): waiting for it to end."), said.toString());
    assertFalse(second.isDone());
    held.close();
    assertFalse(second.get(60, TimeUnit.SECONDS).switched());
    assertTrue(said.stream().anyMatch(l -> l.contains("is already live in staging: nothing switched.")), said.toString());
    assertTrue(new String(Files.readAllBytes(dir.resolve(".moodle-cbm/environment.properties")), StandardCharsets.UTF_8)
        .contains("site=org.example:site"));
  }
}
