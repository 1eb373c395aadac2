package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.moodlecbm.core.config.MoodleVersion;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verification's sentences, word for word as the checks have always said them. */
class VerifyMessagesTest {
  private static final String AT = "block_xp (tag v1.0 @ 1a2b3c4)";

  private static PluginMetadata metadata(String version, String release) {
    return new PluginMetadata("block_xp", version == null ? null : new BigDecimal(version), null, null, null, null, release,
        Map.of());
  }

  @Test
  void aPluginIsNamedWithItsPinAndCommit() {
    assertEquals(AT, VerifyMessages.at("block_xp", "tag v1.0", "1a2b3c4"));
  }

  @Test
  void coreSentencesNameMoodlesVersionFile() throws Exception {
    assertEquals("Moodle's public/version.php declares no $version or $branch. Pin another Moodle commit.",
        VerifyMessages.coreWithoutVersion("public/"));
    assertEquals("the pom asks for Moodle 4.5 but the code base is Moodle 4.4.3 (Build: 20240916) (branch 404). Fix <moodle>"
        + " in pom.xml.", VerifyMessages.coreIsAnotherMoodle(MoodleVersion.parse("4.5"), "4.4.3 (Build: 20240916)", 404));
    assertEquals("Moodle's version.php cannot be read (it is missing). Pin another Moodle commit.",
        VerifyMessages.coreUnreadable("", "it is missing"));
  }

  @Test
  void versionFileSentencesNameThePluginAndTheFix() {
    assertEquals(AT + ": no version.php at blocks/xp. Fix <path> or <source> for this plugin in pom.xml.",
        VerifyMessages.noVersionFile(AT, "blocks/xp"));
    assertEquals(AT + ": blocks/xp/version.php cannot be read: line 3: unexpected '('. Only plain values are read; pin another"
        + " version of the plugin.", VerifyMessages.versionFileUnreadable(AT, "blocks/xp", "line 3: unexpected '('"));
    assertEquals(AT + ": version.php declares component block_other, not block_xp. Fix <component> in pom.xml.",
        VerifyMessages.otherComponent(AT, "block_other", "block_xp"));
    assertEquals(AT + ": version.php declares no $plugin->version. Pin another version of the plugin.",
        VerifyMessages.noPluginVersion(AT));
  }

  @Test
  void moodleRequirementSentencesSayWhatToPin() {
    assertEquals(AT + ": requires Moodle 2024100700 or later, but the site has Moodle 4.4.3 (2024042203.00). Pin an older"
        + " version of block_xp, or a newer Moodle.", VerifyMessages.requiresNewerMoodle(AT, new BigDecimal("2024100700"),
            "4.4.3", new BigDecimal("2024042203.00"), "block_xp"));
    assertEquals(AT + ": supports Moodle branches 401 to 404, not 405 (Moodle 4.5). Pin the version of block_xp made for"
        + " branch 405 (often a MOODLE_405_STABLE branch).", VerifyMessages.unsupportedBranch(AT, 401, 404, 405, "4.5",
            "block_xp"));
    assertEquals(AT + ": is incompatible with Moodle branch 405 and later; the site is on 405. Pin a newer version of"
        + " block_xp.", VerifyMessages.incompatibleBranch(AT, 405, 405, "block_xp"));
  }

  @Test
  void anUnstablePluginIsAcceptedWithTheAllowUnstableFlag() {
    assertEquals(AT + ": is MATURITY_BETA (1.0-beta, below MATURITY_STABLE). Pin a stable release, or build with"
        + " -Dmoodle.allowUnstable=true to accept it.", VerifyMessages.unstable(AT, "MATURITY_BETA", "1.0-beta"));
    assertEquals(AT + ": is MATURITY_ALPHA (below MATURITY_STABLE). Pin a stable release, or build with"
        + " -Dmoodle.allowUnstable=true to accept it.", VerifyMessages.unstable(AT, "MATURITY_ALPHA", null));
  }

  @Test
  void dependencySentencesSayWhatIsFoundAndWhatToPin() {
    assertEquals("any version", VerifyMessages.wanted(null));
    assertEquals(">= 2024100700", VerifyMessages.wanted(new BigDecimal("2024100700")));
    assertEquals("the site has local_dep 2024010100 (1.0)", VerifyMessages.siteHas("local_dep", metadata("2024010100", "1.0")));
    assertEquals("Moodle has mod_forum (no version)", VerifyMessages.moodleHas("mod_forum", metadata(null, null)));
    assertEquals(AT + ": requires 'Not A Name', which is not a component name. Pin another version of block_xp.",
        VerifyMessages.dependencyNotAComponent(AT, "Not A Name", "block_xp"));
    assertEquals(AT + ": requires foo_bar (any version), but plugin type 'foo' is not known to this Moodle. Add the plugin"
        + " that declares it to <plugins>, or pin another version of block_xp.",
        VerifyMessages.dependencyOfUnknownType(AT, "foo_bar", "any version", "foo", "block_xp"));
    assertEquals(AT + ": requires mod_forum, whose version.php cannot be read (line 1: unexpected 'x').",
        VerifyMessages.dependencyUnreadable(AT, "mod_forum", "line 1: unexpected 'x'"));
    assertEquals(AT + ": requires local_dep (>= 1), which is declared but could not be read. Add local_dep to <plugins> in"
        + " pom.xml, or pin a version of block_xp that does not need it.",
        VerifyMessages.dependencyMissing(AT, "local_dep", ">= 1", true, "block_xp"));
    assertEquals(AT + ": requires local_dep (>= 1), which the site does not have: it is neither in Moodle nor in <plugins>."
        + " Add local_dep to <plugins> in pom.xml, or pin a version of block_xp that does not need it.",
        VerifyMessages.dependencyMissing(AT, "local_dep", ">= 1", false, "block_xp"));
    assertEquals(AT + ": requires local_dep >= 2, but the site has local_dep 1. Pin local_dep to a newer tag, or pin block_xp"
        + " to an older one.", VerifyMessages.dependencyTooOld(AT, "local_dep", ">= 2", "the site has local_dep 1", true,
            "block_xp"));
    assertEquals(AT + ": requires mod_forum >= 2, but Moodle has mod_forum 1. Pin a newer Moodle, or pin block_xp to an older"
        + " version.", VerifyMessages.dependencyTooOld(AT, "mod_forum", ">= 2", "Moodle has mod_forum 1", false, "block_xp"));
  }

  @Test
  void phpRequirementSentencesNameThePhpElement() {
    assertEquals("Moodle has no public/admin/environment.xml to check <php>8.3</php> against. Remove <php> from pom.xml or"
        + " pin another Moodle commit.", VerifyMessages.noEnvironmentXml("public/", "8.3"));
    assertEquals("Moodle 4.5 requires PHP 8.1.0 or later, but <php> in pom.xml says the servers run PHP 7.4. Upgrade PHP on"
        + " the servers (then <php>), or pin an older Moodle.", VerifyMessages.phpTooOld("4.5", "8.1.0", "7.4"));
    assertEquals("Moodle's environment.xml has no requirements for Moodle 4.5. Remove <php> from pom.xml or pin another"
        + " Moodle commit.", VerifyMessages.noPhpRequirements("4.5"));
    assertEquals("Moodle's admin/environment.xml cannot be read: Premature end of file.",
        VerifyMessages.environmentXmlUnreadable("", "Premature end of file."));
  }

  @Test
  void theSkipWarningNamesItsProperty() {
    assertEquals(List.of("*".repeat(70), "VERIFICATION SKIPPED (moodle.verify.skip): this code base was not checked.",
        "*".repeat(70)), VerifyMessages.skipped());
  }

  @Test
  void aFailedVerificationCountsItsProblemsAndComponents() {
    assertEquals("The code base failed verification: 1 problem in 1 component.", VerifyMessages.failed(1, 1));
    assertEquals("The code base failed verification: 3 problems in 2 components.", VerifyMessages.failed(3, 2));
  }

  @Test
  void phpSentencesNameTheirProperty() {
    assertEquals("php -l was interrupted", PhpMessages.lintInterrupted());
    assertEquals("php -l failed: out of memory", PhpMessages.lintFailed("out of memory"));
    assertEquals("local_x: php -l did not finish on local/x/lib.php within 60 s: it was stopped. Check the PHP program"
        + " (-Dmoodle.php), or pin another version of local_x.",
        PhpMessages.lintDidNotFinish("local_x", "local/x/lib.php", Duration.ofSeconds(60)));
  }
}
