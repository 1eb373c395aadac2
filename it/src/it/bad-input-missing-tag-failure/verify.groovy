// A missing tag lists the tags that exist.
def log = new File(basedir, "build.log").text
assert log.contains('block_xp: tag v99.0 not found in https://github.com/FMCorz/moodle-block_xp.git. Nearest tags: v19.2, v19.1.')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
