// An unknown plugin type lists the types this Moodle knows.
def log = new File(basedir, "build.log").text
assert log.contains('foo_bar: plugin type \'foo\' is not known to this Moodle. Known types: ')
assert log.contains('quizaccess')
assert log.contains('tiny')
assert log.contains('Fix <component> in pom.xml')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
