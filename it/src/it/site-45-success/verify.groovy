// Every file of every pin's tree at its install path, nothing more, nothing less.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.ExpectedCodebase

def eco = Ecosystem.open(basedir.toPath().resolve("fixtures"))
try {
  ExpectedCodebase.moodle(eco, "v4.5.2")
      .plugin("danmarsden/moodle-mod_attendance", "MOODLE_405_STABLE", "mod/attendance")
      .plugin("FMCorz/moodle-block_xp", "v19.2", "blocks/xp")
      .plugin("mdjnelson/moodle-mod_customcert", "MOODLE_405_STABLE", "mod/customcert")
      .plugin("someone/moodle-customcertelement_coursefield", "1.2.0", "mod/customcert/element/coursefield")
      .plugin("h5p/moodle-mod_hvp", "1.27", "mod/hvp")
      .plugin("catalyst/moodle-quizaccess_honestycheck", "MOODLE_405_STABLE", "mod/quiz/accessrule/honestycheck")
      .plugin("bfh/moodle-tiny_c4l", "v1.0.0", "lib/editor/tiny/plugins/c4l")
      .plugin("xAPI-vle/moodle-logstore_xapi", "v4.7.0", "admin/tool/log/store/xapi")
      .plugin("microsoft/o365-moodle", "MOODLE_405_STABLE", "local/o365", "local/o365")
      .plugin("microsoft/o365-moodle", "MOODLE_405_STABLE", "auth/oidc", "auth/oidc")
      .plugin("davidwatson/moodle-format_tiles", "v4.5-r1", "course/format/tiles")
      .plugin("michael-milette/moodle-filter_filtercodes", "2.6.2", "filter/filtercodes")
      .plugin("jpahullo/moodle-tool_mergeusers", "main", "admin/tool/mergeusers")
      .plugin("moodle-an-hochschulen/moodle-theme_boost_union", "v4.5-r3", "theme/boost_union")
      .assertMatches(basedir.toPath().resolve("target/moodle"))
} finally {
  eco.close()
}

def log = new File(basedir, "build.log").text
assert log.contains("Moodle 4.5.2 (Build: 20241007), 14 plugins")
assert log.contains("Code base written to target/moodle")
def lock = new File(basedir, "moodle.lock").text
assert lock.contains('"installPath": "mod/customcert/element/coursefield"')
assert lock.contains('"path": "editor/language"')
assert !new File(basedir, "target/moodle/mod/hvp/.gitmodules").exists()
assert new File(basedir, "target/moodle/mod/attendance/.github/workflows/ci.yml").exists()
return true
