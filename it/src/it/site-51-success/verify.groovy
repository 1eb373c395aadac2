// Moodle 5.1 keeps its code under public/: every plugin goes there too.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.ExpectedCodebase

def eco = Ecosystem.open(basedir.toPath().resolve("fixtures"))
try {
  ExpectedCodebase.moodle(eco, "MOODLE_501_STABLE")
      .plugin("danmarsden/moodle-mod_attendance", "MOODLE_501_STABLE", "public/mod/attendance")
      .plugin("FMCorz/moodle-block_xp", "v19.2", "public/blocks/xp")
      .plugin("mdjnelson/moodle-mod_customcert", "MOODLE_501_STABLE", "public/mod/customcert")
      .plugin("someone/moodle-customcertelement_coursefield", "master", "public/mod/customcert/element/coursefield")
      .plugin("h5p/moodle-mod_hvp", "stable", "public/mod/hvp")
      .plugin("catalyst/moodle-quizaccess_honestycheck", "MOODLE_501_STABLE", "public/mod/quiz/accessrule/honestycheck")
      .plugin("bfh/moodle-tiny_c4l", "main", "public/lib/editor/tiny/plugins/c4l")
      .plugin("xAPI-vle/moodle-logstore_xapi", "master", "public/admin/tool/log/store/xapi")
      .plugin("microsoft/o365-moodle", "MOODLE_501_STABLE", "local/o365", "public/local/o365")
      .plugin("microsoft/o365-moodle", "MOODLE_501_STABLE", "auth/oidc", "public/auth/oidc")
      .plugin("davidwatson/moodle-format_tiles", "dev", "public/course/format/tiles")
      .plugin("moodle-an-hochschulen/moodle-theme_boost_union", "v5.1-r1", "public/theme/boost_union")
      .assertMatches(basedir.toPath().resolve("target/moodle"))
} finally {
  eco.close()
}

def log = new File(basedir, "build.log").text
assert log.contains("Moodle 5.1.0+ (Build: 20251006), 12 plugins")
assert new File(basedir, "target/moodle/composer.json").exists()
assert new File(basedir, "moodle.lock").text.contains('"codeRoot": "public"')
return true
