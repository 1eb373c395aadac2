// The fake Moodle and plugin repositories this site is built from, under fixtures/.
import io.github.moodlecbm.fixture.Ecosystem

Ecosystem.create(basedir.toPath().resolve("fixtures"), 0).close()
return true
