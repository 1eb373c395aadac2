package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.FakeMoodle;
import io.github.moodlecbm.fixture.FakePlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator's first weeks: generate a site with the archetype, declare plugins, build,
 * rebuild, update, build again elsewhere.
 */
class ArchetypeJourneyIT {
  @TempDir Path tmp;

  private static final Pattern TREE = Pattern.compile("\"tree\": \"([0-9a-f]{40})\"");

  @Test
  void generatedSiteBuildsRebuildsForFreeAndUpdatesOnRequest() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject site = SiteProject.generate(tmp.resolve("sites"), "mysite", "4.5");

      // What the archetype writes.
      assertTrue(Files.readString(site.pom()).contains("<packaging>moodle-codebase</packaging>"));
      assertTrue(Files.readString(site.pom()).contains("<version>4.5</version>"));
      assertTrue(Files.readString(site.dir.resolve(".gitignore")).contains("target/"));
      assertTrue(Files.isExecutable(site.dir.resolve("mvnw")));
      assertTrue(Files.exists(site.dir.resolve(".mvn/wrapper/maven-wrapper.properties")));
      // Maven's Java tuned for short builds; every build of this journey runs with it
      assertTrue(Files.readString(site.dir.resolve(".mvn/jvm.config")).contains("-XX:TieredStopAtLevel=1"));
      assertTrue(Files.readString(site.dir.resolve("README.md")).startsWith("# mysite"));

      site.declarePlugins(String.join("\n",
          SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null),
          SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null),
          SiteProject.plugin("tool_mergeusers", "jpahullo/moodle-tool_mergeusers", "commit",
              eco.commit("jpahullo/moodle-tool_mergeusers", "v2.4.0").abbreviate(8).name(), null),
          SiteProject.plugin("auth_oidc", "microsoft/o365-moodle", "branch", "MOODLE_405_STABLE", "auth/oidc")));
      String rewrite = "-Dmoodle.rewrites=" + eco.rewrite();
      String cache = "-Dmoodle.cacheDir=" + tmp.resolve("cache");

      SiteProject.Run first = site.build("package", rewrite, cache);
      assertTrue(first.says("cloning https://github.com/moodle/moodle.git"), first.log());
      ExpectedCodebase expected = ExpectedCodebase.moodle(eco, "v4.5.2")
          .plugin("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", "mod/attendance")
          .plugin("h5p/moodle-mod_hvp", "1.27", "mod/hvp")
          .plugin("jpahullo/moodle-tool_mergeusers", "v2.4.0", "admin/tool/mergeusers")
          .plugin("microsoft/o365-moodle", "MOODLE_405_STABLE", "auth/oidc", "auth/oidc");
      expected.assertMatches(site.dir.resolve("target/moodle"));
      String lock = site.lock();
      String tree = tree(lock);

      // Nothing changed: nothing fetched, nothing written, the lock untouched.
      SiteProject.Run again = site.build("package", rewrite, cache);
      assertFalse(again.says("fetching") || again.says("cloning"), again.log());
      assertTrue(again.says(", 4 plugins, 0 files written, 0 removed"), again.log());
      assertEquals(lock, site.lock());

      // After mvn clean, the mirrors still serve: no fetch, every file written again.
      SiteProject.Run clean = site.build("clean", "package", rewrite, cache);
      assertFalse(clean.says("fetching") || clean.says("cloning"), clean.log());
      assertEquals(tree, tree(site.lock()));
      expected.assertMatches(site.dir.resolve("target/moodle"));

      // Upstream moves: a new Moodle point release and a fix on the plugin's branch.
      eco.repo("moodle/moodle").onBranch("MOODLE_405_STABLE")
          .commit("Moodle release 4.5.3", c -> c.file("version.php",
              FakeMoodle.coreVersion("2024100703.00", "4.5.3 (Build: 20241007)", "405")))
          .annotatedTag("v4.5.3");
      eco.repo("danmarsden/moodle-mod_attendance").onBranch("MOODLE_405_STABLE")
          .commit("4.5.2", FakePlugin.files("", "mod_attendance", 2024100702L, "4.5.2", "[405, 405]", "2024100700"));

      site.build("package", rewrite, cache);
      assertEquals(lock, site.lock(), "without -Dmoodle.update the lock holds");

      SiteProject.Run update = site.build("package", "-Dmoodle.update", rewrite, cache);
      assertTrue(update.says("Moodle 4.5.3 (Build: 20241007)"), update.log());
      String updated = site.lock();
      assertTrue(updated.contains(eco.commit("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE").name()));
      assertTrue(updated.contains(eco.commit("moodle/moodle", "v4.5.3").name()));
      assertNotEquals(tree, tree(updated));
      assertTrue(Files.readString(site.dir.resolve("target/moodle/mod/attendance/version.php")).contains("2024100702"));

      // The example environment goes live with its database password from the environment.
      assertTrue(Files.isRegularFile(site.dir.resolve("src/main/environments/local/config.php.template")));
      Path home = tmp.resolve("home");
      SiteProject.Run local = site.withEnvironment("HOME", home.toString()).withEnvironment("MOODLE_DB_PASSWORD", "local-pass")
          .build("moodle:rollout", "-Dmoodle.env=local", rewrite, cache);
      assertFalse(local.says("local-pass"), local.log());
      String config = Files.readString(home.resolve("moodle-environments/local/current/config.php"));
      assertTrue(config.contains("$CFG->dbpass    = 'local-pass';") && config.contains("$CFG->wwwroot   = 'http://localhost:8080';")
          && config.contains("$CFG->dataroot  = '" + home.resolve("moodle-environments/local-data") + "';"), config);
      assertTrue(Files.readString(home.resolve("moodle-environments/local/current/mod/attendance/version.php")).contains("2024100702"));

      // install and deploy do not fail for lack of an artifact.
      site.build("install", rewrite, cache);
      site.build("deploy", rewrite, cache);

      // The same lock gives the same tree on another machine: another folder, another cache.
      Path copy = tmp.resolve("elsewhere/mysite");
      Files.createDirectories(copy);
      Files.copy(site.pom(), copy.resolve("pom.xml"));
      Files.copy(site.dir.resolve("moodle.lock"), copy.resolve("moodle.lock"));
      SiteProject other = new SiteProject(copy, SiteProject.defaultMavenHome());
      other.build("package", rewrite, "-Dmoodle.cacheDir=" + tmp.resolve("cache2"));
      assertEquals(tree(updated), tree(other.lock()));
    }
  }

  /** The README a generated site gets names every pin a plugin accepts, as the plugin's own README does. */
  @Test
  void theGeneratedReadmeListsEveryPinOfAPlugin() throws Exception {
    SiteProject site = SiteProject.generate(tmp.resolve("sites"), "pins", "4.5");
    String readme = Files.readString(site.dir.resolve("README.md"));
    for (String pin : new String[] {
        "- none: the newest version that declares it runs on the site's Moodle",
        "- `<version>`: the commit whose `version.php` sets `$plugin->version` to it",
        "- `<release>`: likewise for `$plugin->release`",
        "- `<branch>`: the branch's head",
        "- `<tag>`: the tag",
        "- `<commit>`: that commit",
        "optional: without it the Moodle plugins directory names the repository"}) {
      assertTrue(readme.contains(pin), pin + "\n" + readme);
    }
    assertFalse(readme.contains("exactly one of `<branch>`, `<tag>` or `<commit>`"), readme);
  }

  static String tree(String lock) {
    Matcher m = TREE.matcher(lock);
    assertTrue(m.find(), lock);
    return m.group(1);
  }
}
