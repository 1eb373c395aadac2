package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.advisory.AdvisorySource;
import io.github.moodlecbm.core.advisory.AdvisorySources;
import io.github.moodlecbm.core.advisory.Audit;
import io.github.moodlecbm.core.advisory.AuditLog;
import io.github.moodlecbm.core.advisory.Severity;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakeOsv;
import io.github.moodlecbm.fixture.OsvFixtures;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published advisories of a site's locked code base, read from a server that answers like OSV's API
 * (or a local copy of OSV's records): which affect Moodle and the plugins, the fix of each and the
 * command that takes it, how answers are cached, and what the build says when it cannot know.
 */
class SiteAdvisoriesTest {
  @TempDir static Path world;
  @TempDir Path tmp;
  static Ecosystem eco;
  static ObjectId v191;
  static ObjectId v192;

  FakeOsv osv;

  @BeforeAll
  static void createEcosystem() {
    eco = Ecosystem.create(world, 0);
    v191 = eco.repo("FMCorz/moodle-block_xp").resolve("v19.1^{commit}");
    v192 = eco.repo("FMCorz/moodle-block_xp").resolve("v19.2^{commit}");
  }

  @AfterAll
  static void close() {
    eco.close();
  }

  @BeforeEach
  void startOsv() {
    osv = FakeOsv.start()
        .record(OsvFixtures.moodleFixedInNextPoint())
        .record(OsvFixtures.moodleUnfixed())
        .record(OsvFixtures.moodleWithdrawn())
        .record(OsvFixtures.pluginCommitRange(v191.name(), v192.name()))
        .affects("Packagist", "moodle/moodle", "4.5.1", OsvFixtures.MOODLE_FIXED_ID, OsvFixtures.MOODLE_UNFIXED_ID,
            OsvFixtures.MOODLE_WITHDRAWN_ID)
        .affects("Packagist", "moodle/moodle", "4.5.2", OsvFixtures.MOODLE_UNFIXED_ID)
        .affectsCommit(v191.name(), OsvFixtures.PLUGIN_ID);
  }

  @AfterEach
  void stopOsv() {
    osv.close();
  }

  private Lock lock(Path project, String moodle) throws Exception {
    BuildSettings settings = SiteBuilds.settings(eco, project, tmp.resolve("cache"), false);
    return SiteBuilds.build(site(moodle, plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1")), settings,
        new RecordingLog()).lock();
  }

  private Audit.Report audit(Lock lock, String location, boolean refresh, boolean offline, RecordingLog log) throws Exception {
    BuildSettings settings = SiteBuilds.settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false);
    try (Workspace workspace = new Workspace(settings, log)) {
      AdvisorySource source = AdvisorySources.open(location, tmp.resolve("cache"), refresh, offline, workspace.mirrors(), log)
          .orElseThrow();
      return new Audit(source, workspace.mirrors()).audit(lock);
    }
  }

  private static Audit.Finding finding(Audit.Report report, String id) {
    return report.findings().stream().filter(f -> f.advisory().id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void findsTheAdvisoriesOfMoodleAndOfAPluginCommitWithTheirFixes() throws Exception {
    Lock lock = lock(tmp.resolve("site"), "4.5.1");
    RecordingLog log = new RecordingLog();
    Audit.Report report = audit(lock, osv.url(), false, false, log);

    assertEquals(List.of("moodle", "moodle", "block_xp"), report.findings().stream().map(Audit.Finding::component).toList(),
        "Moodle first, the withdrawn advisory left out");
    assertTrue(report.unchecked().isEmpty());
    Audit.Finding fixed = finding(report, OsvFixtures.MOODLE_FIXED_ID);
    assertEquals(List.of("GHSA-7m3q-4mdl-0001", "CVE-2026-41001", "MSA-26-0011"), fixed.advisory().identifiers());
    assertEquals(Severity.HIGH, fixed.severity().orElseThrow(), "CVSS 3.1 8.1");
    assertEquals(new Audit.Fix("4.5.2", true, false), fixed.fix(), "the next point release of the site's branch");
    assertFalse(fixed.weeklyMayHaveIt());
    Audit.Finding unfixed = finding(report, OsvFixtures.MOODLE_UNFIXED_ID);
    assertEquals(Severity.MEDIUM, unfixed.severity().orElseThrow());
    assertEquals(Audit.Fix.class, unfixed.fix().getClass());
    assertNull(unfixed.fix().version());
    Audit.Finding xp = finding(report, OsvFixtures.PLUGIN_ID);
    assertEquals(Severity.CRITICAL, xp.severity().orElseThrow(), "CVSS 4.0 9.3");
    assertEquals("tag v19.2 (19.2)", xp.fix().version());
    assertTrue(xp.fix().onLine(), "a tag pin moves to a newer tag with moodle:update");
    assertEquals("19.1", xp.locked());

    AuditLog.printGrouped(report, log);
    assertTrue(log.anyContains("Moodle 4.5.1 is affected by 2 published advisories (1 high, 1 medium):"), log.lines.toString());
    assertTrue(log.anyContains("GHSA-7m3q-4mdl-0001, CVE-2026-41001, MSA-26-0011 (high) Stored XSS in the forum post editor"
        + " - fixed in 4.5.2: mvn moodle:update -Dmoodle.includes=moodle"), log.lines.toString());
    assertTrue(log.anyContains("(medium) Course backup reveals hidden section names - no fixed version is published"));
    assertTrue(log.anyContains("block_xp 19.1 is affected by 1 published advisory (1 critical), fixed in tag v19.2 (19.2):"
        + " mvn moodle:update -Dmoodle.includes=block_xp"), log.lines.toString());
    assertFalse(log.anyContains(OsvFixtures.MOODLE_WITHDRAWN_ID));

    CodebaseException high = assertThrows(CodebaseException.class, () -> AuditLog.enforce(report, Severity.HIGH));
    assertTrue(high.getMessage().startsWith("2 published advisories at or above high affect the code base: moodle: "
        + "GHSA-7m3q-4mdl-0001 (high), block_xp: GHSA-7m3q-4bxp-0004 (critical)"), high.getMessage());
    assertEquals(1, assertThrows(CodebaseException.class, () -> AuditLog.enforce(report, Severity.CRITICAL)).getMessage()
        .split("GHSA-").length - 1, "only the critical one");
    AuditLog.enforce(report, null);
  }

  @Test
  void answersAreCachedForADayAndRecordsDownloadedOnce() throws Exception {
    Lock lock = lock(tmp.resolve("site"), "4.5.1");
    audit(lock, osv.url(), false, false, new RecordingLog());
    assertEquals(1, osv.batchRequests(), "one batch for Moodle and the plugin");
    assertEquals(4, osv.recordRequests(), "each advisory's record once, the withdrawn one too");

    RecordingLog again = new RecordingLog();
    Audit.Report cached = audit(lock, osv.url(), false, false, again);
    assertEquals(1, osv.batchRequests(), "a day-old answer is not asked again");
    assertEquals(3, cached.findings().size());
    assertTrue(cached.age() != null && cached.age().toMinutes() < 5);

    audit(lock, osv.url(), true, false, new RecordingLog());
    assertEquals(2, osv.batchRequests(), "-Dmoodle.update asks again");
    assertEquals(4 + 4, osv.recordRequests(), "and downloads the records again");
  }

  @Test
  void batchAnswersArriveInPages() throws Exception {
    osv.pageSize(1);
    Audit.Report report = audit(lock(tmp.resolve("site"), "4.5.1"), osv.url(), false, false, new RecordingLog());
    assertEquals(3, report.findings().size());
    assertEquals(3, osv.batchRequests(), "next_page_token followed until the last page");
  }

  @Test
  void offlineOrUnreachableTheCacheServesWithItsAge() throws Exception {
    Lock lock = lock(tmp.resolve("site"), "4.5.1");
    audit(lock, osv.url(), false, false, new RecordingLog());
    String url = osv.url();
    osv.close();

    RecordingLog unreachable = new RecordingLog();
    Audit.Report stale = audit(lock, url, true, false, unreachable);
    assertEquals(3, stale.findings().size());
    assertTrue(unreachable.anyContains(url + " cannot be reached ("), unreachable.lines + " " + stale);
    assertTrue(unreachable.anyContains("the advisories are its answers of 0 min ago"), unreachable.lines.toString());

    RecordingLog offline = new RecordingLog();
    assertEquals(3, audit(lock, url, true, true, offline).findings().size());
    assertTrue(offline.anyContains("Offline: the advisories are the answers " + url + " gave 0 min ago."),
        offline.lines.toString());

    // Moodle 4.5.2 was never asked about: nothing to serve for it; the plugin's commit was
    Lock other = lock(tmp.resolve("other"), "4.5.2");
    Audit.Report none = audit(other, url, false, false, new RecordingLog());
    assertEquals(List.of(OsvFixtures.PLUGIN_ID), none.ids());
    assertEquals(List.of("moodle"), List.copyOf(none.unchecked().keySet()));
    assertTrue(none.unchecked().get("moodle").contains(url + " cannot be reached"), none.unchecked().toString());
    assertTrue(none.unchecked().get("moodle").contains("not asked again for an hour"), none.unchecked().toString());
    Audit.Report unchecked = new Audit.Report(url, 2, List.of(), none.unchecked(), null);
    CodebaseException e = assertThrows(CodebaseException.class, () -> AuditLog.enforce(unchecked, Severity.HIGH));
    assertTrue(e.getMessage().contains("could not be checked") && e.getMessage().contains("-Dmoodle.failOnAdvisories=high"),
        e.getMessage());
    AuditLog.enforce(unchecked, null);
  }

  @Test
  void anAnswerThatIsNotOsvJsonIsNotTakenForOne() throws Exception {
    osv.answerWith("<html><body>Sign in to continue</body></html>");
    Audit.Report report = audit(lock(tmp.resolve("site"), "4.5.1"), osv.url(), false, false, new RecordingLog());
    assertTrue(report.findings().isEmpty());
    assertTrue(report.unchecked().get("moodle").contains("is not OSV JSON"), report.unchecked().toString());
    osv.answerWith("{\"results\": [{\"vulns\": [{\"modified\": \"x\"}]}, {}]}");
    // within the hour the API is not asked again, unless -Dmoodle.update asks
    Audit.Report resting = audit(lock(tmp.resolve("site"), "4.5.1"), osv.url(), false, false, new RecordingLog());
    assertTrue(resting.unchecked().get("moodle").contains("not asked again for an hour"), resting.unchecked().toString());
    assertEquals(1, osv.batchRequests());
    Audit.Report noId = audit(lock(tmp.resolve("site"), "4.5.1"), osv.url(), true, false, new RecordingLog());
    assertTrue(noId.unchecked().get("block_xp").contains("an advisory without a valid \"id\""), noId.unchecked().toString());
    assertFalse(Files.exists(tmp.resolve("cache/advisories")) && Files.walk(tmp.resolve("cache/advisories"))
        .anyMatch(p -> p.toString().contains("/queries/") && p.toString().endsWith(".json")), "no answer cached");
  }

  @Test
  void aLocalFolderOrZipOfOsvRecordsIsMatchedByTheBuild() throws Exception {
    Lock lock = lock(tmp.resolve("site"), "4.5.1");
    String[] records = {OsvFixtures.moodleFixedInNextPoint(), OsvFixtures.moodleUnfixed(), OsvFixtures.moodleWithdrawn(),
        OsvFixtures.pluginCommitRange(v191.name(), v192.name())};
    Path folder = tmp.resolve("osv/Packagist");
    FakeOsv.writeFolder(folder, records);
    Path zip = tmp.resolve("osv/all.zip");
    FakeOsv.writeZip(zip, records);
    for (String location : List.of(folder.toString(), zip.toUri().toString())) {
      Audit.Report report = audit(lock, location, false, false, new RecordingLog());
      assertEquals(List.of(OsvFixtures.MOODLE_FIXED_ID, OsvFixtures.MOODLE_UNFIXED_ID, OsvFixtures.PLUGIN_ID),
          report.findings().stream().map(f -> f.advisory().id()).toList(), location);
      assertNull(report.age());
      assertEquals("tag v19.2 (19.2)", finding(report, OsvFixtures.PLUGIN_ID).fix().version());
    }
    // the fix is past the locked plugin: not affected
    Lock fixedSite = SiteBuilds.build(site("4.5.2", plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.2")),
        SiteBuilds.settings(eco, tmp.resolve("fixed"), tmp.resolve("cache"), false), new RecordingLog()).lock();
    assertEquals(List.of(OsvFixtures.MOODLE_UNFIXED_ID),
        audit(fixedSite, folder.toString(), false, false, new RecordingLog()).ids());

    Files.writeString(folder.resolve("broken.json"), "{\"summary\": \"no id\"}");
    Audit.Report broken = audit(lock, folder.toString(), false, false, new RecordingLog());
    assertTrue(broken.findings().isEmpty());
    assertTrue(broken.unchecked().get("moodle").contains("broken.json"), broken.unchecked().toString());
    assertTrue(broken.unchecked().get("moodle").contains("are not OSV records"), broken.unchecked().toString());
  }

  @Test
  void aWeeklyBuildMayAlreadyHaveTheNextPointReleasesFix() throws Exception {
    Lock lock = lock(tmp.resolve("site"), "4.5+");
    assertTrue(lock.moodle().release().startsWith("4.5.2+"), lock.moodle().release());
    Path folder = tmp.resolve("osv");
    FakeOsv.writeFolder(folder, OsvFixtures.moodleFixedInNextPoint().replace("\"fixed\": \"4.5.2\"", "\"fixed\": \"4.5.3\""));
    RecordingLog log = new RecordingLog();
    Audit.Report report = audit(lock, folder.toString(), false, false, log);
    Audit.Finding f = finding(report, OsvFixtures.MOODLE_FIXED_ID);
    assertTrue(f.weeklyMayHaveIt());
    AuditLog.printWarnings(report, log);
    assertTrue(log.anyContains("possibly fixed in this weekly build (4.5.2+); fixed in 4.5.3"), log.lines.toString());
  }

  @Test
  void anUpdateRemovesTheAdvisoriesItsNewVersionIsOutOf() throws Exception {
    Lock lock = lock(tmp.resolve("site"), "4.5.1");
    BuildSettings settings = SiteBuilds.settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false);
    try (Workspace workspace = new Workspace(settings, new RecordingLog())) {
      Audit audit = new Audit(AdvisorySources.open(osv.url(), tmp.resolve("cache"), false, false, workspace.mirrors(),
          new RecordingLog()).orElseThrow(), workspace.mirrors());
      Audit.Report report = audit.audit(lock);
      ObjectId moodle452 = eco.repo("moodle/moodle").resolve("v4.5.2^{commit}");
      Map<String, List<String>> removed = audit.removedBy(report, lock, Map.of("moodle", moodle452, "block_xp", v192));
      assertEquals(Map.of("moodle", List.of(OsvFixtures.MOODLE_FIXED_ID), "block_xp", List.of(OsvFixtures.PLUGIN_ID)), removed);
      assertTrue(audit.removedBy(report, lock, Map.of("block_xp", v191)).isEmpty(), "no move, nothing removed");
    }
  }

  @Test
  void noneChecksNothingAndABadLocationIsNamed() throws Exception {
    RecordingLog log = new RecordingLog();
    BuildSettings settings = SiteBuilds.settings(eco, tmp.resolve("site"), tmp.resolve("cache"), false);
    try (Workspace workspace = new Workspace(settings, log)) {
      assertTrue(AdvisorySources.open("none", tmp, false, false, workspace.mirrors(), log).isEmpty());
      CodebaseException e = assertThrows(CodebaseException.class,
          () -> AdvisorySources.open("ftp://osv.example.org/v1", tmp, false, false, workspace.mirrors(), log));
      assertTrue(e.getMessage().startsWith("moodle.advisories=ftp://osv.example.org/v1 is not a place to read advisories"),
          e.getMessage());
    }
  }
}
