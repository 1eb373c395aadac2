// A patch folder for a component the pom does not declare.
def log = new File(basedir, "build.log").text
assert log.contains("The patch src/main/patches/mod_nowhere/0001-fix.patch changes mod_nowhere, which the site does not have."
    + " Declare the plugin in the pom, or delete the folder src/main/patches/mod_nowhere.")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
assert !new File(basedir, "target/moodle").exists()
return true
