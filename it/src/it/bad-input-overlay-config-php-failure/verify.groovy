// config.php never reaches a code base or a release; the message says where it belongs.
def log = new File(basedir, "build.log").text
assert log.contains("The overlay holds src/main/overlay/config.php: config.php never goes into a code base or a release")
assert log.contains("Put it in src/main/environments/<name>/config.php")
assert !log.contains("secret")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
