// Two sites of a fleet that would publish to one release remote are refused before either releases.
def log = new File(basedir, "build.log").text
assert log.contains("Sites law and arts would publish to the same release remote file://" + basedir.canonicalPath + "/remote.git (branch main). Nothing is released.")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
def data = new File(basedir, "../../it-data/moodle-cbm/releases/org.example.it.fleetremote")
assert !new File(data, "law.git").exists() && !new File(data, "arts.git").exists()
return true
