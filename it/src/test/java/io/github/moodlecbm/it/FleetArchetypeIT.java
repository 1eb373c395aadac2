package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator starts a fleet of Moodle sites with the fleet archetype, adds sites to it with
 * the site archetype, and builds them together.
 */
class FleetArchetypeIT {
  private static final File DEBIAN_MAVEN = new File("/usr/share/maven");

  @TempDir Path tmp;

  @Test
  void aFleetStartsWithItsCatalogAndTakesTheSitesAddedToIt() throws Exception {
    SiteProject fleet = SiteProject.generateFleet(tmp.resolve("fleets"), "myfleet", "4.5");

    // What the fleet archetype writes.
    String pom = Files.readString(fleet.pom());
    assertTrue(pom.contains("<packaging>pom</packaging>"), pom);
    assertTrue(pom.contains("<module>sites</module>"), pom);
    int management = pom.indexOf("<pluginManagement>");
    int catalog = pom.indexOf("<catalog>");
    assertTrue(management >= 0 && management < catalog && catalog < pom.indexOf("</pluginManagement>"), pom);
    assertTrue(pom.contains("<version>" + SiteProject.VERSION + "</version>\n          <extensions>true</extensions>"), pom);
    assertTrue(pom.contains("<moodle>") && pom.contains("<version>4.5</version>"), pom);
    assertTrue(pom.contains("<releaseRemote>https://git.example.org/moodle/${project.artifactId}-releases.git</releaseRemote>"),
        pom);
    assertTrue(pom.contains("<project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>"), pom);
    String sitesPom = Files.readString(fleet.dir.resolve("sites/pom.xml"));
    assertTrue(sitesPom.contains("<artifactId>myfleet-sites</artifactId>") && sitesPom.contains("<packaging>pom</packaging>")
        && sitesPom.contains("<artifactId>myfleet</artifactId>\n    <version>1.0-SNAPSHOT</version>\n  </parent>"), sitesPom);
    assertFalse(sitesPom.contains("<module>"), sitesPom);
    assertTrue(Files.isExecutable(fleet.dir.resolve("mvnw")));
    assertTrue(Files.exists(fleet.dir.resolve("mvnw.cmd")));
    assertTrue(Files.exists(fleet.dir.resolve(".mvn/wrapper/maven-wrapper.properties")));
    assertTrue(Files.readString(fleet.dir.resolve(".mvn/jvm.config")).contains("-XX:TieredStopAtLevel=1"));
    assertTrue(Files.readString(fleet.dir.resolve(".gitignore")).contains("target/"));
    String readme = Files.readString(fleet.dir.resolve("README.md"));
    assertTrue(readme.startsWith("# myfleet\n"), readme);
    for (String told : new String[] {
        "-DarchetypeArtifactId=moodle-site-archetype -DarchetypeVersion=" + SiteProject.VERSION,
        "-Dfleet=true -DgroupId=org.example -DartifactId=law",
        "./mvnw package", "./mvnw -T 2 package", "./mvnw -pl sites/law -am package",
        "<plugin><component>mod_attendance</component></plugin>"}) {
      assertTrue(readme.contains(told), told + "\n" + readme);
    }

    SiteProject law = fleet.addSite("law");
    SiteProject arts = fleet.addSite("arts");

    sitesPom = Files.readString(fleet.dir.resolve("sites/pom.xml"));
    assertTrue(sitesPom.contains("<module>law</module>") && sitesPom.contains("<module>arts</module>"), sitesPom);
    for (SiteProject site : List.of(law, arts)) {
      String name = site.dir.getFileName().toString();
      String sitePom = Files.readString(site.pom());
      String elements = withoutComments(sitePom);
      assertTrue(elements.contains("<parent>") && elements.contains("<artifactId>myfleet-sites</artifactId>"), sitePom);
      assertTrue(elements.contains("<packaging>moodle-codebase</packaging>"), sitePom);
      assertTrue(elements.contains("<artifactId>moodle-maven-plugin</artifactId>") && elements.contains("<extensions>true</extensions>"),
          sitePom);
      // Moodle and the plugin's version are the fleet's; the examples show the catalog's form
      assertFalse(elements.contains("<moodle>"), sitePom);
      assertFalse(elements.contains("<version>" + SiteProject.VERSION + "</version>"), sitePom);
      assertTrue(sitePom.contains("<plugin><component>mod_attendance</component></plugin>"), sitePom);
      // the fleet's root holds the wrapper, .mvn, .gitignore; the site keeps its environments
      for (String gone : new String[] {"mvnw", "mvnw.cmd", ".mvn", ".gitignore", ".gitlab-ci.yml"}) {
        assertFalse(Files.exists(site.dir.resolve(gone)), gone);
      }
      assertTrue(Files.isRegularFile(site.dir.resolve("src/main/environments/local/config.php.template")));
      String siteReadme = Files.readString(site.dir.resolve("README.md"));
      assertTrue(siteReadme.startsWith("# " + name + "\n") && siteReadme.contains("./mvnw -pl sites/" + name + " -am package"),
          siteReadme);
    }

    SiteProject.Run validate = fleet.build("validate");
    assertEquals(List.of("myfleet", "myfleet sites", "law", "arts"), reactorOrder(validate.log()), validate.log());
  }

  /** The fleet's Moodle and its catalog reach a site that names a plugin by its component alone. */
  @Test
  void aSiteOfTheFleetBuildsWithTheFleetsMoodleAndCatalog() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject fleet = SiteProject.generateFleet(tmp.resolve("fleets"), "campus", "4.5");
      fleet.declareCatalog(
          SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null));
      SiteProject law = fleet.addSite("law");
      law.declarePlugins("            <plugin><component>mod_attendance</component></plugin>");

      fleet.build("package", "-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"));

      ExpectedCodebase.moodle(eco, "v4.5.2")
          .plugin("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", "mod/attendance")
          .assertMatches(law.dir.resolve("target/moodle"));
      assertTrue(law.lock().contains(eco.commit("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE").name()), law.lock());
    }
  }

  /**
   * Debian 12's Maven 3.8.7 takes the plugin's version, and so the moodle-codebase packaging, from
   * the fleet's pluginManagement, though a site declares the plugin as a build extension.
   */
  @Test
  void debiansMavenReadsTheFleet() throws Exception {
    assumeTrue(new File(DEBIAN_MAVEN, "bin/mvn").canExecute(), "no Debian Maven on this machine");
    SiteProject fleet = SiteProject.generateFleet(tmp.resolve("fleets"), "debianfleet", "4.5").withMaven(DEBIAN_MAVEN);
    fleet.addSite("law");
    SiteProject.Run validate = fleet.build("validate");
    assertTrue(validate.says("Apache Maven 3.8"), validate.log());
    assertEquals(List.of("debianfleet", "debianfleet sites", "law"), reactorOrder(validate.log()), validate.log());
  }

  private static String withoutComments(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "");
  }

  /** The projects a build lists under "Reactor Build Order:", by name. */
  private static List<String> reactorOrder(String log) {
    List<String> names = new ArrayList<>();
    boolean listing = false;
    for (String line : log.split("\n")) {
      String text = line.replaceFirst("^.*?\\[INFO\\] ?", "").strip();
      if (text.equals("Reactor Build Order:")) {
        listing = true;
      } else if (listing && text.startsWith("---")) {
        break;
      } else if (listing && !text.isEmpty()) {
        names.add(text.replaceFirst("\\s+\\[[^\\]]+\\]$", ""));
      }
    }
    return names;
  }
}
