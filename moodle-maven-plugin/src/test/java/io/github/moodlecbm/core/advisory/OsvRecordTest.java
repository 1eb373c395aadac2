package io.github.moodlecbm.core.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.GitFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsvRecordTest {
  /** As GitHub's advisory database exports a Moodle advisory to OSV (fixed versions listed out of order). */
  private static final String MOODLE_ADVISORY = """
      {
        "schema_version": "1.4.0",
        "id": "GHSA-5x7q-9p2m-h3c4",
        "modified": "2025-02-25T21:32:04Z",
        "published": "2025-02-24T21:31:15Z",
        "aliases": ["CVE-2025-26529"],
        "summary": "Moodle stored XSS risk in the admin live log (MSA-25-0001)",
        "details": "Description information displayed in the site administration live log required additional\\nsanitizing to prevent a stored XSS risk. See MSA-25-0001.",
        "severity": [
          {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N"}
        ],
        "affected": [
          {
            "package": {"ecosystem": "Packagist", "name": "moodle/moodle", "purl": "pkg:composer/moodle/moodle"},
            "ranges": [
              {"type": "ECOSYSTEM", "events": [{"introduced": "4.5.0-beta"}, {"fixed": "4.5.2"}]}
            ],
            "database_specific": {"last_known_affected_version_range": "< 4.5.2"}
          },
          {
            "package": {"ecosystem": "Packagist", "name": "moodle/moodle"},
            "ranges": [
              {"type": "ECOSYSTEM", "events": [{"introduced": "4.4.0"}, {"fixed": "4.4.6"}]}
            ]
          }
        ],
        "references": [
          {"type": "ADVISORY", "url": "https://nvd.nist.gov/vuln/detail/CVE-2025-26529"},
          {"type": "WEB", "url": "https://moodle.org/mod/forum/discuss.php?d=466141"},
          {"type": "PACKAGE", "url": "https://github.com/moodle/moodle"}
        ],
        "database_specific": {"cwe_ids": ["CWE-79"], "severity": "MODERATE", "github_reviewed": true, "nvd_published_at": null}
      }
      """;

  private static OsvRecord parse(String json) throws IOException {
    return OsvRecord.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static String reasonFor(String json) {
    return assertThrows(IOException.class, () -> parse(json)).getMessage();
  }

  @Test
  void readsAGithubAdvisory() throws IOException {
    OsvRecord r = parse(MOODLE_ADVISORY);

    assertEquals("GHSA-5x7q-9p2m-h3c4", r.id());
    assertEquals(List.of("CVE-2025-26529"), r.aliases());
    assertEquals("2025-02-24T21:31:15Z", r.published());
    assertEquals("2025-02-25T21:32:04Z", r.modified());
    assertEquals(List.of("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:N"), r.severityVectors());
    assertEquals("MODERATE", r.severityWord());
    assertEquals(3, r.references().size());
    assertEquals(2, r.affected().size());
    OsvRecord.Affected first = r.affected().get(0);
    assertEquals("Packagist", first.ecosystem());
    assertEquals("moodle/moodle", first.name());
    assertEquals(List.of(new OsvRecord.Event("introduced", "4.5.0-beta"), new OsvRecord.Event("fixed", "4.5.2")),
        first.ranges().get(0).events());
    assertFalse(r.isWithdrawn());
    assertEquals("Moodle stored XSS risk in the admin live log (MSA-25-0001)", r.title());
  }

  @Test
  void affectsTheVersionsOfEachBranchRange() throws IOException {
    OsvRecord r = parse(MOODLE_ADVISORY);

    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.5.1"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.5.2"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.4.5"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.4.6"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.3.0"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.4.0"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.5.0-beta"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.5.0-RC1"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "v4.5.0"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.5.10"));
    assertTrue(r.affectsPackage("packagist", "Moodle/Moodle", "4.5.1"));
    assertFalse(r.affectsPackage("Packagist", "moodle/other", "4.5.1"));
    assertFalse(r.affectsPackage("npm", "moodle/moodle", "4.5.1"));
  }

  @Test
  void fixedVersionsAreSortedAndListedOnce() throws IOException {
    OsvRecord r = parse(MOODLE_ADVISORY);

    assertEquals(List.of("4.4.6", "4.5.2"), r.fixedVersions("Packagist", "moodle/moodle"));
    assertEquals(List.of(), r.fixedVersions("Packagist", "moodle/other"));

    OsvRecord twice = parse(record("""
        "affected": [
          {"package": {"ecosystem": "Packagist", "name": "moodle/moodle"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "4.10.0"}, {"fixed": "4.10.1"}]},
                      {"type": "ECOSYSTEM", "events": [{"introduced": "4.9.0"}, {"fixed": "4.9.3"}]},
                      {"type": "ECOSYSTEM", "events": [{"introduced": "4.9.0"}, {"fixed": "4.9.3"}]}]}
        ]"""));
    assertEquals(List.of("4.9.3", "4.10.1"), twice.fixedVersions("Packagist", "moodle/moodle"));
  }

  @Test
  void lastAffectedIncludesThatVersionOnly() throws IOException {
    OsvRecord r = parse(record("""
        "affected": [
          {"package": {"ecosystem": "Packagist", "name": "moodle/moodle"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"last_affected": "4.1.3"}]}]}
        ]"""));

    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "3.0.0"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.1.3"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.1.4"));
    assertEquals(List.of(), r.fixedVersions("Packagist", "moodle/moodle"));
  }

  @Test
  void eventsAreSortedBeforeTheyAreWalked() throws IOException {
    OsvRecord r = parse(record("""
        "affected": [
          {"package": {"ecosystem": "Packagist", "name": "moodle/moodle"},
           "ranges": [{"type": "ECOSYSTEM", "events": [{"fixed": "4.4.6"}, {"limit": "4.2.0"}, {"introduced": "4.4.0"},
                                                       {"fixed": "3.11.2"}, {"introduced": "0"}]}]}
        ]"""));

    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "3.9.0"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "3.11.2"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.3.0"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.4.1"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.5.0"));
  }

  @Test
  void semverRangesUseSemverPrecedence() throws IOException {
    OsvRecord r = parse(record("""
        "affected": [
          {"package": {"ecosystem": "npm", "name": "left-pad"},
           "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.0"}]}]}
        ]"""));

    // PHP puts 1.0.0-preview after 1.0.0 (p is a patch level); SemVer before it
    assertTrue(r.affectsPackage("npm", "left-pad", "1.0.0-preview"));
    assertTrue(r.affectsPackage("npm", "left-pad", "0.9.9"));
    assertFalse(r.affectsPackage("npm", "left-pad", "1.0.0"));
    assertFalse(r.affectsPackage("npm", "left-pad", "1.0.1+build.4"));
  }

  @Test
  void listedVersionsAreAffected() throws IOException {
    OsvRecord r = parse(record("""
        "affected": [
          {"package": {"ecosystem": "Packagist", "name": "moodle/moodle"}, "versions": ["4.3.1", "4.3.2"]}
        ]"""));

    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "4.3.1"));
    assertTrue(r.affectsPackage("Packagist", "moodle/moodle", "v4.3.2"));
    assertFalse(r.affectsPackage("Packagist", "moodle/moodle", "4.3.3"));
  }

  @Test
  void aWithdrawnAdvisoryIsSeenAsWithdrawn() throws IOException {
    assertTrue(parse(record("\"withdrawn\": \"2025-03-01T00:00:00Z\"")).isWithdrawn());
    assertFalse(parse(record("\"summary\": \"x\"")).isWithdrawn());
  }

  @Test
  void identifiersStartWithTheIdThenAliasesThenMoodleAdvisories() throws IOException {
    assertEquals(List.of("GHSA-5x7q-9p2m-h3c4", "CVE-2025-26529", "MSA-25-0001"), parse(MOODLE_ADVISORY).identifiers());

    OsvRecord r = parse(record("""
        "aliases": ["CVE-2024-1234", "MSA-24-0050"],
        "details": "Reported as MSA-24-0051 and MSA-24-0050.",
        "references": [{"type": "WEB", "url": "https://moodle.org/security/MSA-24-0052"},
                       {"type": "WEB", "url": "https://example.org/XMSA-24-00530"}]"""));
    assertEquals(List.of("OSV-1", "CVE-2024-1234", "MSA-24-0050", "MSA-24-0051", "MSA-24-0052"), r.identifiers());
  }

  @Test
  void theTitleIsTheSummaryElseTheFirstLineOfTheDetails() throws IOException {
    String line = "word ".repeat(40).trim();
    OsvRecord details = parse(record("\"details\": \"\\n  " + line + "  \\nsecond line\""));
    assertEquals(120, details.title().length());
    assertTrue(details.title().endsWith("..."));
    assertTrue(line.startsWith(details.title().substring(0, 117).trim()));

    assertEquals("Short details", parse(record("\"details\": \"Short details\\nmore\"")).title());
    assertEquals("", parse(record("\"summary\": \"  \"")).title());
  }

  @Test
  void severityIsTheHighestVectorElseTheWord() throws IOException {
    assertEquals(Optional.of(Severity.MEDIUM), parse(MOODLE_ADVISORY).severity());

    OsvRecord highest = parse(record("""
        "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N"}],
        "database_specific": {"severity": "LOW"},
        "affected": [
          {"package": {"ecosystem": "Packagist", "name": "moodle/moodle"},
           "severity": [{"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}]}
        ]"""));
    assertEquals(Optional.of(Severity.CRITICAL), highest.severity());

    OsvRecord word = parse(record("""
        "severity": [{"type": "CVSS_V3", "score": "not a vector"}],
        "database_specific": {"severity": "MODERATE"},
        "affected": [{"package": {"ecosystem": "Packagist", "name": "moodle/moodle"},
                      "ecosystem_specific": {"severity": "HIGH"}}]"""));
    assertEquals(Optional.of(Severity.HIGH), word.severity());

    assertEquals(Optional.empty(), parse(record("\"summary\": \"x\"")).severity());
  }

  @Test
  void whatIsNotAnOsvRecordFailsWithAReason() {
    assertEquals("not a JSON object", reasonFor("[]"));
    assertEquals("not a JSON object", reasonFor(""));
    assertEquals("not a JSON object", reasonFor("\"GHSA\""));
    assertTrue(reasonFor("{\"id\": ").startsWith("not JSON"));
    assertTrue(reasonFor("<html>").startsWith("not JSON"));
    assertEquals("no \"id\"", reasonFor("{\"modified\": \"2025-01-01T00:00:00Z\"}"));
    assertEquals("\"id\" is not a string", reasonFor("{\"id\": 12, \"modified\": \"2025-01-01T00:00:00Z\"}"));
    assertEquals("no \"modified\"", reasonFor("{\"id\": \"OSV-1\"}"));
    assertEquals("\"affected\" is not a list", reasonFor(record("\"affected\": {}")));
    assertEquals("\"aliases\" is not a list", reasonFor(record("\"aliases\": \"CVE-1\"")));
    assertEquals("\"events\" is not a list",
        reasonFor(record("\"affected\": [{\"ranges\": [{\"type\": \"GIT\", \"events\": 3}]}]")));
  }

  @Test
  void repositoriesAreComparedWithoutSchemeUserAndGitSuffix() {
    assertTrue(OsvRecord.sameRepository("https://github.com/FMCorz/moodle-block_xp.git",
        "git@github.com:fmcorz/moodle-block_xp"));
    assertTrue(OsvRecord.sameRepository("https://github.com/FMCorz/moodle-block_xp/",
        "ssh://git@github.com:22/FMCorz/moodle-block_xp.git"));
    assertTrue(OsvRecord.sameRepository("http://GitHub.com/fmcorz/moodle-block_xp", "git://github.com/FMCorz/moodle-block_xp"));
    assertTrue(OsvRecord.sameRepository("https://user@github.com/fmcorz/moodle-block_xp", "github.com/fmcorz/moodle-block_xp"));
    assertFalse(OsvRecord.sameRepository("https://github.com/FMCorz/moodle-block_xp", "https://github.com/FMCorz/moodle-block_stash"));
    assertFalse(OsvRecord.sameRepository("https://github.com/FMCorz/moodle-block_xp", "https://gitlab.com/FMCorz/moodle-block_xp"));
    assertFalse(OsvRecord.sameRepository(null, "https://github.com/FMCorz/moodle-block_xp"));
    assertFalse(OsvRecord.sameRepository("", ""));
  }

  @Test
  void gitRangesAffectTheCommitsBetweenIntroducedAndFixed(@TempDir Path tmp) throws IOException {
    try (GitFixture git = GitFixture.init(tmp.resolve("block_xp.git"))) {
      ObjectId start = git.commit("start", c -> c.file("version.php", "1")).head();
      ObjectId introduced = git.commit("the bug", c -> c.file("version.php", "2")).head();
      ObjectId before = git.commit("more", c -> c.file("version.php", "3")).head();
      ObjectId fix = git.commit("the fix", c -> c.file("version.php", "4")).head();
      ObjectId after = git.commit("later", c -> c.file("version.php", "5")).head();
      git.ref("refs/heads/old", start).onBranch("old");
      ObjectId elsewhere = git.commit("a branch without the bug", c -> c.file("other.php", "x")).head();
      CommitGraph graph = new JGitCommitGraph(git.repository());

      OsvRecord r = parse(record("""
          "affected": [{"ranges": [{"type": "GIT", "repo": "https://github.com/FMCorz/moodle-block_xp",
                                    "events": [{"introduced": "%s"}, {"fixed": "%s"}]}]}]"""
          .formatted(introduced.name(), fix.name())));
      String url = "git@github.com:fmcorz/moodle-block_xp.git";

      assertFalse(r.affectsCommit(url, start.name(), graph));
      assertTrue(r.affectsCommit(url, introduced.name(), graph));
      assertTrue(r.affectsCommit(url, before.name().toUpperCase(Locale.ROOT), graph));
      assertFalse(r.affectsCommit(url, fix.name(), graph));
      assertFalse(r.affectsCommit(url, after.name(), graph));
      assertFalse(r.affectsCommit(url, elsewhere.name(), graph));
      assertEquals(List.of(fix.name()), r.fixedCommits(url, graph));

      // a fork: another URL, but the graph knows the range's commits
      String fork = "https://github.com/someone/moodle-block_xp";
      assertTrue(r.affectsCommit(fork, before.name(), graph));
      assertEquals(List.of(fix.name()), r.fixedCommits(fork, graph));
      // another URL and commits the graph does not know: the range does not apply
      assertFalse(r.affectsCommit(fork, before.name(), CommitGraph.none()));
      assertEquals(List.of(), r.fixedCommits(fork, CommitGraph.none()));
      assertEquals(List.of(), r.fixedVersions("", ""));

      OsvRecord lastAffected = parse(record("""
          "affected": [{"ranges": [{"type": "GIT", "repo": "https://github.com/FMCorz/moodle-block_xp",
                                    "events": [{"introduced": "0"}, {"last_affected": "%s"}]}]}]"""
          .formatted(before.name())));
      assertTrue(lastAffected.affectsCommit(url, start.name(), graph));
      assertTrue(lastAffected.affectsCommit(url, before.name(), graph));
      assertFalse(lastAffected.affectsCommit(url, fix.name(), graph));
      assertTrue(lastAffected.affectsCommit(url, elsewhere.name(), graph));
    }
  }

  @Test
  void theJGitGraphKnowsFullCommitIdsOnly(@TempDir Path tmp) {
    try (GitFixture git = GitFixture.init(tmp.resolve("repo.git"))) {
      ObjectId first = git.commit("first", c -> c.file("a", "1")).head();
      ObjectId second = git.commit("second", c -> c.file("a", "2")).head();
      CommitGraph graph = new JGitCommitGraph(git.repository());

      assertTrue(graph.has(first.name()));
      assertTrue(graph.has(second.name().toUpperCase(Locale.ROOT)));
      assertFalse(graph.has(first.name().substring(0, 12)));
      assertFalse(graph.has(git.tree(first).name()));
      assertFalse(graph.has("0123456789012345678901234567890123456789"));
      assertFalse(graph.has("not a commit"));
      assertFalse(graph.has(null));
      assertTrue(graph.isAncestor(first.name(), second.name()));
      assertTrue(graph.isAncestor(second.name(), second.name()));
      assertFalse(graph.isAncestor(second.name(), first.name()));
      assertFalse(graph.isAncestor("0123456789012345678901234567890123456789", second.name()));
      assertFalse(graph.isAncestor(git.tree(first).name(), second.name()));
    }
  }

  /** A minimal record with the given fields added. */
  private static String record(String fields) {
    return "{\"id\": \"OSV-1\", \"modified\": \"2025-01-01T00:00:00Z\",\n" + fields + "\n}";
  }
}
