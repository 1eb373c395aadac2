// A misspelt element of a catalog entry is refused before anything is fetched.
def log = new File(basedir, "build.log").text
assert log =~ /block_xp: <tga> is not an element of a <plugin> in the fleet's <catalog> \([^)]*pom\.xml\)\. A <plugin> has <component>, <source>, <branch>, <tag>, <commit>, <version>, <release>, <path>, <serverId>; fix the spelling or remove it\./
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "cache").exists()
assert !new File(basedir, "sites/law/target/moodle").exists()
return true
