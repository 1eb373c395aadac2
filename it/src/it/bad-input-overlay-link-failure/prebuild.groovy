// The fake Moodle and plugin repositories this site is built from, under fixtures/; and an overlay
// with a symbolic link that leads out of the code base (made here: a project copy would follow it).
import io.github.moodlecbm.fixture.Ecosystem
import java.nio.file.Files
import java.nio.file.Paths

Ecosystem.create(basedir.toPath().resolve("fixtures"), 0).close()
def theme = basedir.toPath().resolve("src/main/overlay/theme")
Files.createDirectories(theme)
Files.writeString(theme.resolve("notice.txt"), "notice\n")
Files.createSymbolicLink(theme.resolve("secrets"), Paths.get("../../../etc/passwd"))
return true
