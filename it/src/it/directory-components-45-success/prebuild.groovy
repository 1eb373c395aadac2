// The fake Moodle and plugin repositories, and a plugins directory listing that names them.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.FakeDirectory

Ecosystem.create(basedir.toPath().resolve("fixtures"), 0).close()
new FakeDirectory()
    .plugin("mod_attendance", Ecosystem.url("danmarsden/moodle-mod_attendance"),
        FakeDirectory.version("2024100701", "4.5.1", "MOODLE_405_STABLE", "v4.5.1", "4.5"),
        FakeDirectory.version("2025100600", "5.1.0", "MOODLE_501_STABLE", "v5.1.0", "5.1"))
    .plugin("block_xp", Ecosystem.url("FMCorz/moodle-block_xp"),
        FakeDirectory.version("2024111800", "19.2", "master", null, "4.4", "4.5", "5.0", "5.1"))
    .plugin("theme_boost_union", Ecosystem.url("moodle-an-hochschulen/moodle-theme_boost_union"),
        FakeDirectory.version("2025100601", "v5.1-r1", "MOODLE_501_STABLE", "v5.1-r1", "5.1"),
        FakeDirectory.version("2024100703", "v4.5-r3", "MOODLE_405_STABLE", "v4.5-r3", "4.5"))
    .plugin("format_tiles", Ecosystem.url("davidwatson/moodle-format_tiles"),
        FakeDirectory.version("2024101100", "4.5.0", "dev", "V4.5.0", "4.5", "5.0", "5.1"))
    .plugin("quizaccess_honestycheck", Ecosystem.url("catalyst/moodle-quizaccess_honestycheck"),
        FakeDirectory.version("2025100601", "501", "MOODLE_501_STABLE", null, "5.1"),
        FakeDirectory.version("2024100701", "405", "MOODLE_405_STABLE", null, "4.5"))
    .write(basedir.toPath().resolve("pluglist.json"))
return true
