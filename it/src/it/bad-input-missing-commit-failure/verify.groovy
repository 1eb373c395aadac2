// A commit that is not in the repository is named.
def log = new File(basedir, "build.log").text
assert log.contains('block_xp: commit deadbeef00 not found in https://github.com/FMCorz/moodle-block_xp.git')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
