// Two sites of a fleet that would share a release repository are refused before either releases.
def log = new File(basedir, "build.log").text
assert log.contains("Sites law and arts would release into the same repository " + new File(basedir, "releases.git").canonicalPath + " (branch main): each would take the other's releases for its own. Nothing is released.")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
// nothing released: the release repository was never made
assert !new File(basedir, "releases.git").exists()
assert !new File(basedir, "sites/law/target/moodle-release.json").exists()
return true
