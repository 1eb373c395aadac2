// Fixture repositories, a plugins directory naming them, and a copy of the pom as written.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.FakeDirectory
import java.nio.file.Files

Ecosystem.create(basedir.toPath().resolve("fixtures"), 0).close()
new FakeDirectory()
    .plugin("theme_boost_union_child", Ecosystem.url("moodle-an-hochschulen/moodle-theme_boost_union_child"),
        FakeDirectory.version("2025041401", "v5.0-r1", "main", null, "4.5"))
    .plugin("theme_boost_union", Ecosystem.url("moodle-an-hochschulen/moodle-theme_boost_union"),
        FakeDirectory.version("2024100703", "v4.5-r3", "MOODLE_405_STABLE", "v4.5-r3", "4.5"))
    .write(basedir.toPath().resolve("pluglist.json"))
Files.copy(basedir.toPath().resolve("pom.xml"), basedir.toPath().resolve("pom.before"))
return true
