// Two pins for one plugin are refused.
def log = new File(basedir, "build.log").text
assert log.contains('block_xp: <branch> and <tag> are both set. Keep exactly one of <branch>, <tag>, <commit>, <version> or <release> (or none: the newest compatible version) in pom.xml.')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
