def log = new File(basedir, "build.log").text
assert log.contains("VERIFICATION SKIPPED (moodle.verify.skip): this code base was not checked.")
assert new File(basedir, "target/moodle/local/future/version.php").exists()
assert !new File(basedir, "target/moodle-verify").exists()
// The release records that it was not verified, in its commit and its manifest.
assert log.contains("  Verification: skipped")
assert new File(basedir, "target/moodle-release.json").text.contains('"verification": "skipped"')
return true
