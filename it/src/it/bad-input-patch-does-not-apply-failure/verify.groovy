// Every patch is tried, every problem reported with its file; nothing assembled, nothing released.
def log = new File(basedir, "build.log").text
assert log.contains("The site's patches could not be applied (3 problems), nothing was assembled or released:")
assert log.contains("block_xp: the patch src/main/patches/block_xp/0001-stale.patch does not apply to the pinned version: ")
assert log.contains("lib.php")
assert log.contains("Rebase the patch on this version, or pin the version it was written for.")
assert log.contains("block_xp: the patch src/main/patches/block_xp/0002-escape.patch changes '../../config.php', outside the component's folder.")
assert log.contains("moodle: src/main/patches/moodle/0001-notes.patch is not a patch git can read")
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "moodle.lock").exists()
assert !new File(basedir, "target/moodle").exists()
assert !new File(basedir, "target/moodle-release.json").exists()
return true
