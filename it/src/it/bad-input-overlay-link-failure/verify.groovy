// The link is named with where it points; nothing is assembled.
def log = new File(basedir, "build.log").text
assert log.contains("The overlay's symbolic link src/main/overlay/theme/secrets points to '../../../etc/passwd', outside the code base.")
assert !log.contains("root:")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
