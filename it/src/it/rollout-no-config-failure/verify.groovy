// An environment without config.php is refused before anything is written.
def log = new File(basedir, "build.log").text
def folder = new File(basedir, "src/main/environments/staging").canonicalPath
assert log.contains("Environment staging: no config.php in " + folder + ". Moodle cannot run without one: add config.php.template"
    + ' (placeholders such as ${env.MOODLE_DB_PASSWORD} are filled at rollout) or config.php.')
// A user mistake is one clear sentence, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/srv").exists()
assert !new File(basedir, "target/releases.git").exists()
return true
