package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.AssembleStage;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.core.resolve.ResolveStage;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.StandardSites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each check with a passing and a failing case, on code bases built from fixture repositories. */
class CodebaseVerifierTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  @TempDir Path tmp;

  @BeforeAll
  static void world() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
  }

  /** A plugin repository whose version.php is exactly {@code versionPhp}. */
  private static String plugin(String name, String versionPhp) {
    Path dir = eco.root().resolve("github.com/verify/" + name + ".git");
    if (!Files.exists(dir)) {
      try (GitFixture repo = GitFixture.init(dir)) {
        repo.onBranch("main").commit("init", c -> c.file("version.php", versionPhp).file("lib.php", "<?php\n"));
      }
    }
    return Ecosystem.url("verify/" + name);
  }

  private static String php(String component, String body) {
    return "<?php\ndefined('MOODLE_INTERNAL') || die();\n$plugin->component = '" + component + "';\n" + body;
  }

  private CodebaseVerifier.Verification verify(String moodle, CodebaseVerifier.Options options, PluginSpec... plugins) throws Exception {
    return verify(moodle, options, null, plugins);
  }

  /** Resolves a site (git objects only) and verifies it; {@code php}, when given, runs php -l. */
  private CodebaseVerifier.Verification verify(String moodle, CodebaseVerifier.Options options, Path php, PluginSpec... plugins)
      throws Exception {
    List<PluginSpec> specs = new ArrayList<>(List.of(plugins));
    Site site = Site.of(MoodleSpec.declare(moodle, null, null, null, null), specs);
    var settings = new io.github.moodlecbm.core.config.BuildSettings(tmp.resolve("site/moodle.lock"), tmp.resolve("cache"),
        UrlRewrites.parse(List.of(eco.rewrite())), tmp.resolve("site/target/moodle-cbm"), tmp.resolve("site/target/moodle"),
        false, false, false);
    try (Workspace workspace = new Workspace(settings, BuildLog.SILENT)) {
      Assembled assembled = new AssembleStage(workspace).assemble(new ResolveStage(workspace).resolve(site));
      return new VerifyStage(workspace).check(assembled, options, php);
    }
  }

  private static PluginSpec spec(String component, String url) throws CodebaseException {
    return PluginSpec.declare(component, url, "main", null, null, null);
  }

  private static final CodebaseVerifier.Options DEFAULT = new CodebaseVerifier.Options(true, null);

  private static String errors(CodebaseVerifier.Verification v) {
    return String.join("\n", v.errors().stream().map(Finding::message).toList());
  }

  @Test
  void theStandardSitesPassAndListEveryPlugin() throws Exception {
    List<PluginSpec> specs = new ArrayList<>();
    for (StandardSites.Plugin p : StandardSites.moodle45()) {
      specs.add(PluginSpec.declare(p.component(), Ecosystem.url(p.repo()), p.pinKind().equals("branch") ? p.pin() : null,
          p.pinKind().equals("tag") ? p.pin() : null, null, p.path()));
    }
    CodebaseVerifier.Verification v = verify("4.5", new CodebaseVerifier.Options(false, "8.3"), specs.toArray(PluginSpec[]::new));
    assertEquals(List.of(), v.errors(), errors(v));
    assertEquals(15, v.rows().size());
    assertTrue(v.rows().stream().anyMatch(r -> r.component().equals("customcertelement_coursefield")
        && r.installPath().equals("mod/customcert/element/coursefield") && r.status().equals("ok")));
    List<String> table = VerificationReport.table(v);
    assertTrue(table.get(0).startsWith("component"), table.get(0));
    assertTrue(table.stream().anyMatch(l -> l.startsWith("mod_attendance ") && l.contains("MOODLE_405_STABLE") && l.contains("4.5.1")), String.join("\n", table));
  }

  @Test
  void requiresANewerMoodle() throws Exception {
    var v = verify("4.5", DEFAULT, spec("local_future", plugin("local_future", php("local_future",
        "$plugin->version = 2025041400;\n$plugin->requires = 2025041400;\n"))));
    assertEquals(1, v.errors().size(), errors(v));
    String m = v.errors().get(0).message();
    assertTrue(m.matches("local_future \\(main @ [0-9a-f]{7}\\): requires Moodle 2025041400 or later, but the site has Moodle"
        + " 4\\.5\\.2 \\(Build: 20241007\\) \\(2024100702\\.00\\)\\. Pin an older version of local_future, or a newer Moodle\\."), m);
  }

  @Test
  void supportedRangeAndIncompatibleBranch() throws Exception {
    var range = verify("5.0", DEFAULT, spec("local_only45", plugin("local_only45", php("local_only45",
        "$plugin->version = 2024100700;\n$plugin->requires = 2024100700;\n$plugin->supported = [405, 405];\n"))));
    assertTrue(errors(range).contains("supports Moodle branches 405 to 405, not 500 (Moodle 5.0.1 (Build: 20250414))."
        + " Pin the version of local_only45 made for branch 500 (often a MOODLE_500_STABLE branch)."), errors(range));
    var incompatible = verify("5.0", DEFAULT, spec("local_old", plugin("local_old", php("local_old",
        "$plugin->version = 2024100700;\n$plugin->requires = 2024100700;\n$plugin->incompatible = 500;\n"))));
    assertTrue(errors(incompatible).contains("is incompatible with Moodle branch 500 and later; the site is on 500."), errors(incompatible));
    var fine = verify("4.5", DEFAULT, spec("local_old", plugin("local_old", "")));
    assertEquals(List.of(), fine.errors(), errors(fine));
  }

  @Test
  void dependenciesOnCorePluginsSitePluginsAndMissingOnes() throws Exception {
    String base = plugin("local_base", php("local_base", "$plugin->version = 2024100720;\n$plugin->release = 'v4.5-r45';\n"));
    String needsCore = plugin("local_needscore", php("local_needscore",
        "$plugin->version = 1;\n$plugin->dependencies = ['mod_quiz' => ANY_VERSION, 'tool_log' => 2024100700];\n"));
    String needsNewer = plugin("local_child", php("local_child",
        "$plugin->version = 1;\n$plugin->dependencies = ['local_base' => 2025041400];\n"));
    String needsMissing = plugin("local_lonely", php("local_lonely",
        "$plugin->version = 1;\n$plugin->dependencies = ['mod_absent' => ANY_VERSION];\n"));

    var ok = verify("4.5", DEFAULT, spec("local_needscore", needsCore), spec("local_base", base));
    assertEquals(List.of(), ok.errors(), errors(ok));

    var tooOld = verify("4.5", DEFAULT, spec("local_child", needsNewer), spec("local_base", base));
    assertTrue(errors(tooOld).matches("local_child \\(main @ [0-9a-f]{7}\\): requires local_base >= 2025041400, but the site has"
        + " local_base 2024100720 \\(v4\\.5-r45\\)\\. Pin local_base to a newer tag, or pin local_child to an older one\\."), errors(tooOld));

    var missing = verify("4.5", DEFAULT, spec("local_lonely", needsMissing));
    assertTrue(errors(missing).contains("requires mod_absent (any version), which the site does not have: it is neither in"
        + " Moodle nor in <plugins>. Add mod_absent to <plugins> in pom.xml, or pin a version of local_lonely that does not need it."),
        errors(missing));
  }

  @Test
  void unstableIsAWarningUnlessRefused() throws Exception {
    String beta = plugin("local_beta", php("local_beta", "$plugin->version = 1;\n$plugin->maturity = MATURITY_BETA;\n$plugin->release = '2.0-beta';\n"));
    var lenient = verify("4.5", DEFAULT, spec("local_beta", beta));
    assertEquals(List.of(), lenient.errors());
    assertEquals(1, lenient.warnings().size());
    var strict = verify("4.5", new CodebaseVerifier.Options(false, null), spec("local_beta", beta));
    assertTrue(errors(strict).contains("is beta (2.0-beta, below MATURITY_STABLE). Pin a stable release, or build with"
        + " -Dmoodle.allowUnstable=true to accept it."), errors(strict));
  }

  @Test
  void aVersionFileWithoutAVersionIsRefused() throws Exception {
    var v = verify("4.5", DEFAULT, spec("local_noversion", plugin("local_noversion", php("local_noversion",
        "$plugin->requires = 2024100700;\n"))));
    assertTrue(errors(v).matches("local_noversion \\(main @ [0-9a-f]{7}\\): version\\.php declares no \\$plugin->version\\."
        + " Pin another version of the plugin\\."), errors(v));
  }

  @Test
  void anUnreadableVersionFileIsReportedNotGuessed() throws Exception {
    var v = verify("4.5", DEFAULT, spec("local_clever", plugin("local_clever", php("local_clever",
        "$plugin->version = 2024100700 + 1;\n"))));
    assertTrue(errors(v).contains("local/clever/version.php cannot be read: line 4: expected ';' but found '+'."), errors(v));
  }

  @Test
  void thePhpOfTheServersMeetsMoodlesRequirement() throws Exception {
    var old = verify("5.0", new CodebaseVerifier.Options(true, "8.1"));
    assertEquals("Moodle 5.0 requires PHP 8.2.0 or later, but <php> in pom.xml says the servers run PHP 8.1. Upgrade PHP"
        + " on the servers (then <php>), or pin an older Moodle.", errors(old));
    assertEquals(List.of(), verify("5.0", new CodebaseVerifier.Options(true, "8.3")).errors());
  }

  @Test
  void aJUnitReportListsEveryComponentAndCheck() throws Exception {
    var v = verify("4.5", DEFAULT, spec("local_future", plugin("local_future", php("local_future",
        "$plugin->version = 2025041400;\n$plugin->requires = 2025041400;\n"))));
    Path report = tmp.resolve("TEST-moodle-verify.xml");
    VerificationReport.writeJUnit(v, report);
    String xml = Files.readString(report);
    assertTrue(xml.contains("<testcase classname=\"local_future\" name=\"requires\">"), xml);
    assertTrue(xml.contains("<failure message=\"local_future (main @ "), xml);
    assertTrue(xml.contains("<testcase classname=\"moodle\" name=\"core\"/>"), xml);
    assertTrue(VerificationReport.failureMessage(v).startsWith("The code base failed verification: 1 problem in 1 component.\n[local_future]\n  - "));
  }

  @Test
  void phpLintChecksEveryPluginFileNeverCore() throws Exception {
    // A stand-in for php -l: refuses a file that says "syntax error", as php would refuse broken code.
    Path php = tmp.resolve("bin/php");
    Files.createDirectories(php.getParent());
    Files.writeString(php, "#!/bin/sh\nif grep -q 'syntax error' ; then echo 'PHP Parse error:  syntax error, unexpected end of file in Standard input code on line 3'; exit 255; fi\n"
        + "echo 'No syntax errors detected in Standard input code'\n");
    php.toFile().setExecutable(true);
    Path real = io.github.moodlecbm.core.verify.PhpProgram.onPath(System.getenv()).orElse(null);
    String broken = plugin("local_broken", php("local_broken", "$plugin->version = 1;\n// syntax error\n"));
    for (Path binary : real == null ? List.of(php) : List.of(php, real)) {
      var v = verify("4.5", DEFAULT, binary, spec("local_broken", broken));
      List<Finding> lint = v.findings().stream().filter(f -> f.check().startsWith("php -l ")).toList();
      assertEquals(List.of("php -l local/broken/lib.php", "php -l local/broken/version.php"),
          lint.stream().map(Finding::check).sorted().toList(), "only the plugin's files, never core");
      if (binary == php) {
        assertEquals(1, v.errors().size(), errors(v));
        assertEquals("local_broken: local/broken/version.php is not valid PHP: PHP Parse error:  syntax error, unexpected end"
            + " of file on line 3. Pin another version of local_broken.", errors(v));
      }
    }
  }
}
