// A Moodle version that does not exist lists the releases that do.
def log = new File(basedir, "build.log").text
assert log.contains('moodle: version 4.7 not found in https://github.com/moodle/moodle.git (no release tag v4.7.N). Available releases: 4.5.0 to 4.5.2, 5.0.0 to 5.0.1, 5.1.0. Fix <moodle><version> in pom.xml.')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
