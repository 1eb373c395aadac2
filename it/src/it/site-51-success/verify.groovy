// Moodle 5.1 keeps its code under public/: every plugin goes there too.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.StandardSites

// The plugins of pom.xml, with the install path each must have.
def eco = Ecosystem.open(basedir.toPath().resolve("fixtures"))
try {
  StandardSites.expected(eco, "MOODLE_501_STABLE", StandardSites.moodle51()).assertMatches(basedir.toPath().resolve("target/moodle"))
} finally {
  eco.close()
}

def log = new File(basedir, "build.log").text
assert log.contains("Moodle 5.1.0+ (Build: 20251006), 12 plugins")
assert new File(basedir, "target/moodle/composer.json").exists()
assert new File(basedir, "moodle.lock").text.contains('"codeRoot": "public"')
return true
