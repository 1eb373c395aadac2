// A missing branch names the component, the repository and the branches it has.
def log = new File(basedir, "build.log").text
assert log.contains('mod_attendance: branch MOODLE_999_STABLE not found in https://github.com/danmarsden/moodle-mod_attendance.git. Nearest branches: MOODLE_501_STABLE, MOODLE_500_STABLE, MOODLE_405_STABLE, main. Set <branch> or <tag> for this plugin in pom.xml.')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
