// Each plugin, given by its component alone, takes the newest version that runs on Moodle 4.5,
// from the repository the plugins directory names; the lock says which and why.
import groovy.json.JsonSlurper
import io.github.moodlecbm.fixture.Ecosystem

def lock = new JsonSlurper().parse(new File(basedir, "moodle.lock"))
def eco = Ecosystem.open(basedir.toPath().resolve("fixtures"))
try {
  def expect = [
    mod_attendance: ["danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", "MOODLE_405_STABLE: supported [405, 405], requires 2024100700"],
    block_xp: ["FMCorz/moodle-block_xp", "v19.2", "tag v19.2: requires 2022112800"],
    theme_boost_union: ["moodle-an-hochschulen/moodle-theme_boost_union", "MOODLE_405_STABLE", "MOODLE_405_STABLE: supported [405, 405], requires 2024100700"],
    quizaccess_honestycheck: ["catalyst/moodle-quizaccess_honestycheck", "MOODLE_405_STABLE", "MOODLE_405_STABLE: supported [405, 405], requires 2024100700"],
    format_tiles: ["davidwatson/moodle-format_tiles", "dev", null],
  ]
  expect.each { component, e ->
    def p = lock.plugins[component]
    assert p.source == Ecosystem.url(e[0])
    assert p.pin == "newest compatible"
    assert p.commit == eco.commit(e[0], e[1]).name() : component
    if (e[2] != null) {
      assert p.why == e[2]
    }
  }
  assert lock.plugins.format_tiles.why.endsWith(": supported [405, 501], requires 2024100700")
} finally {
  eco.close()
}
def log = new File(basedir, "build.log").text
assert log.contains("[mod_attendance] newest compatible @ ")
assert log.contains("(MOODLE_405_STABLE: supported [405, 405], requires 2024100700)")
assert log.contains("Verified: 5 plugins and Moodle")
assert new File(basedir, "target/moodle/mod/attendance/version.php").text.contains("2024100701")
return true
