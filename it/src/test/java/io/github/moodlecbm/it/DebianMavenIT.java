package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many Moodle servers build with Debian 12's packaged Maven 3.8.7, whose sisu ignores Java 17
 * {@code @Named} classes: the packaging must still be found and run there.
 */
class DebianMavenIT {
  private static final File DEBIAN_MAVEN = new File("/usr/share/maven");

  @TempDir Path tmp;

  @Test
  void siteBuildsWithDebianPackagedMaven() throws Exception {
    assumeTrue(new File(DEBIAN_MAVEN, "bin/mvn").canExecute(), "no Debian Maven on this machine");
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      SiteProject site = SiteProject.generate(tmp.resolve("sites"), "debiansite", "5.1").withMaven(DEBIAN_MAVEN);
      site.declarePlugins(SiteProject.plugin("quizaccess_honestycheck", "catalyst/moodle-quizaccess_honestycheck", "branch", "MOODLE_501_STABLE", null));
      SiteProject.Run run = site.build("package", "-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"));
      org.junit.jupiter.api.Assertions.assertTrue(run.says("Apache Maven 3.8"), run.log());
      ExpectedCodebase.moodle(eco, "v5.1.0")
          .plugin("catalyst/moodle-quizaccess_honestycheck", "MOODLE_501_STABLE", "public/mod/quiz/accessrule/honestycheck")
          .assertMatches(site.dir.resolve("target/moodle"));
    }
  }
}
