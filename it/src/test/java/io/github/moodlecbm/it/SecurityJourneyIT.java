package io.github.moodlecbm.it;

import static io.github.moodlecbm.it.SiteProject.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakeOsv;
import io.github.moodlecbm.fixture.OsvFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site on Moodle 4.5.1 learns from the advisory database (a server in this JVM that answers like
 * OSV's API) that its Moodle has a published advisory fixed in 4.5.2: the build warns, the audit
 * names the fix and the command, {@code moodle:outdated} lists the security update first, {@code
 * moodle:update -Dmoodle.securityOnly} takes it and nothing else, the next release says what it
 * fixes, and the audit is then clean.
 */
class SecurityJourneyIT {
  @TempDir Path tmp;

  @Test
  void auditFindsOneTheSecurityUpdateTakesItTheReleaseSaysItFixesIt() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0);
        FakeOsv osv = FakeOsv.start()
            .record(OsvFixtures.moodleFixedInNextPoint())
            .record(OsvFixtures.moodleWithdrawn())
            .affects("Packagist", "moodle/moodle", "4.5.1", OsvFixtures.MOODLE_FIXED_ID, OsvFixtures.MOODLE_WITHDRAWN_ID)) {
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"),
          "-Dmoodle.advisories=" + osv.url()};
      SiteProject site = SiteProject.create(tmp.resolve("site"), "campus", "4.5.1",
          SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1", null)
              + SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null));

      // The build warns after the verification, and the release records what it is affected by.
      SiteProject.Run first = site.build(args(common, "package"));
      assertTrue(first.says("[WARNING] Moodle 4.5.1: GHSA-7m3q-4mdl-0001, CVE-2026-41001, MSA-26-0011 (high) Stored XSS in the"
          + " forum post editor - fixed in 4.5.2: mvn moodle:update -Dmoodle.includes=moodle"), first.log());
      assertFalse(first.log().contains(OsvFixtures.MOODLE_WITHDRAWN_ID), "a withdrawn advisory is none");
      assertTrue(first.says("! affected by GHSA-7m3q-4mdl-0001, CVE-2026-41001, MSA-26-0011 (moodle, high)"), first.log());
      String manifest = Files.readString(site.dir.resolve("target/moodle-release.json"));
      assertTrue(manifest.contains("\"source\": \"" + osv.url() + "\""), manifest);
      assertEquals(1, osv.batchRequests());

      // The audit: the same answers, from the cache (asked at most once a day).
      SiteProject.Run audit = site.build(args(common, "moodle:audit"));
      assertTrue(audit.says("[WARNING] Moodle 4.5.1 is affected by 1 published advisory (1 high), fixed in 4.5.2:"
          + " mvn moodle:update -Dmoodle.includes=moodle"), audit.log());
      assertTrue(audit.says("1 advisory (1 high) affect 1 of 3 components."), audit.log());
      assertEquals(1, osv.batchRequests(), "the day's answers served from the cache");

      // Outdated lists the security update first; the update takes it alone.
      SiteProject.Run outdated = site.build(args(common, "moodle:outdated"));
      String table = outdated.log().substring(outdated.log().indexOf("component"));
      assertTrue(table.indexOf("! moodle") >= 0 && table.indexOf("! moodle") < table.indexOf("block_xp"), outdated.log());
      assertTrue(outdated.says("fixes GHSA-7m3q-4mdl-0001"), outdated.log());
      assertTrue(outdated.says("1 update removes 1 published advisory (marked !): mvn moodle:update -Dmoodle.securityOnly"
          + " takes it alone."), outdated.log());

      String pomBefore = Files.readString(site.pom());
      SiteProject.Run update = site.build(args(common, "moodle:update", "-Dmoodle.securityOnly"));
      assertTrue(update.says("Security update of Moodle: removes GHSA-7m3q-4mdl-0001."), update.log());
      String pomAfter = Files.readString(site.pom());
      assertEquals(pomBefore.replace("<version>4.5.1</version>", "<version>4.5.2</version>"), pomAfter,
          "the pin of Moodle moves to the point release of its branch, nothing else");
      assertTrue(site.lock().contains("\"pin\": \"tag v19.1\""), "block_xp stays: " + site.lock());

      // The next release says what it fixes; the audit is then clean.
      SiteProject.Run fixed = site.build(args(common, "package"));
      assertTrue(fixed.says("Moodle 4.5.1 (Build: 20241007) -> 4.5.2 (Build: 20241007)"), fixed.log());
      assertTrue(fixed.says("! fixes GHSA-7m3q-4mdl-0001, CVE-2026-41001, MSA-26-0011 (moodle, high)"), fixed.log());
      assertTrue(fixed.says("Moodle updated, fixes 1 advisory"), fixed.log());
      assertFalse(fixed.log().contains("[WARNING] Moodle 4.5.2:"), fixed.log());
      String fixedManifest = Files.readString(site.dir.resolve("target/moodle-release.json"));
      assertTrue(fixedManifest.contains("\"fixed\": [") && fixedManifest.contains("\"GHSA-7m3q-4mdl-0001\""), fixedManifest);

      SiteProject.Run clean = site.build(args(common, "moodle:audit"));
      assertTrue(clean.says("No published advisory affects the code base (3 components checked)."), clean.log());
    }
  }
}
