// The fake Moodle and plugins, and OSV's records for them as OSV's bulk export (a zip) holds them.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.FakeOsv
import io.github.moodlecbm.fixture.OsvFixtures

def eco = Ecosystem.create(basedir.toPath().resolve("fixtures"), 0)
def xp = eco.repo("FMCorz/moodle-block_xp")
FakeOsv.writeZip(basedir.toPath().resolve("osv/all.zip"), OsvFixtures.moodleFixedInNextPoint(), OsvFixtures.moodleUnfixed(),
    OsvFixtures.moodleWithdrawn(), OsvFixtures.pluginCommitRange(xp.resolve("v19.1^{commit}").name(), xp.resolve("v19.2^{commit}").name()))
eco.close()
return true
