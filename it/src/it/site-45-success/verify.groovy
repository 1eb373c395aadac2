// Every file of every pin's tree at its install path, nothing more, nothing less.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.StandardSites

// The plugins of pom.xml, with the install path each must have.
def eco = Ecosystem.open(basedir.toPath().resolve("fixtures"))
try {
  StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(basedir.toPath().resolve("target/moodle"))
} finally {
  eco.close()
}

def log = new File(basedir, "build.log").text
assert log.contains("Moodle 4.5.2 (Build: 20241007), 14 plugins")
assert log.contains("Code base written to target/moodle")
def lock = new File(basedir, "moodle.lock").text
assert lock.contains('"installPath": "mod/customcert/element/coursefield"')
assert lock.contains('"path": "editor/language"')
assert !new File(basedir, "target/moodle/mod/hvp/.gitmodules").exists()
assert new File(basedir, "target/moodle/mod/attendance/.github/workflows/ci.yml").exists()
def report = new File(basedir, "target/moodle-verify/TEST-moodle-verify.xml").text
for (p in StandardSites.moodle45()) {
  assert report.contains('<testcase classname="' + p.component() + '" name="requires"/>') : p.component()
}
assert report.contains('failures="0"')
assert log.contains("Verified: 14 plugins and Moodle")
// package ends with the first release of the site, its changelog every plugin.
assert log =~ /Release 1\.0-\d{8}\.\d{6} \(commit [0-9a-f]{10}\) in /
assert log.contains("  Moodle 4.5.2 (Build: 20241007), 14 plugins: first release")
assert log.contains("  + block_xp v19.2")
assert log.contains("  Verification: passed")
def manifest = new File(basedir, "target/moodle-release.json").text
assert manifest.contains('"tree": "' + (lock =~ /"tree": "([0-9a-f]{40})"/)[0][1] + '"')
return true
