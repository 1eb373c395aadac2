// The same components on Moodle 5.1 take their 5.1 versions, installed under public/.
import groovy.json.JsonSlurper
import io.github.moodlecbm.fixture.Ecosystem

def lock = new JsonSlurper().parse(new File(basedir, "moodle.lock"))
def eco = Ecosystem.open(basedir.toPath().resolve("fixtures"))
try {
  assert lock.plugins.mod_attendance.commit == eco.commit("danmarsden/moodle-mod_attendance", "MOODLE_501_STABLE").name()
  assert lock.plugins.mod_attendance.why == "MOODLE_501_STABLE: supported [501, 501], requires 2025100600"
  assert lock.plugins.theme_boost_union.commit == eco.commit("moodle-an-hochschulen/moodle-theme_boost_union", "MOODLE_501_STABLE").name()
  assert lock.plugins.quizaccess_honestycheck.commit == eco.commit("catalyst/moodle-quizaccess_honestycheck", "MOODLE_501_STABLE").name()
  assert lock.plugins.block_xp.commit == eco.commit("FMCorz/moodle-block_xp", "v19.2").name()
  assert lock.plugins.format_tiles.commit == eco.commit("davidwatson/moodle-format_tiles", "dev").name()
} finally {
  eco.close()
}
assert new File(basedir, "target/moodle/public/mod/attendance/version.php").text.contains("2025100600")
assert new File(basedir, "build.log").text.contains("Verified: 5 plugins and Moodle")
return true
