// A malformed component name says what a component looks like.
def log = new File(basedir, "build.log").text
assert log.contains('\'Mod-Attendance\' is not a Moodle component name')
assert log.contains('Fix <component> in pom.xml')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
