// An empty patch is refused before anything is resolved, naming the file.
def log = new File(basedir, "build.log").text
assert log.contains("block_xp: the patch src/main/patches/block_xp/0001-todo.patch is empty. Write the change into it (git format-patch, git diff, or mvn moodle:patch), or delete it.")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "moodle.lock").exists()
assert !new File(basedir, "target/moodle").exists()
return true
