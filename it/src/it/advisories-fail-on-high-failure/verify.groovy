def log = new File(basedir, "build.log").text
// verified first, then one warning per advisory, naming its component
assert log.contains(":verify (default-verify)")
assert log.contains("[WARNING] Moodle 4.5.1: GHSA-7m3q-4mdl-0001, CVE-2026-41001, MSA-26-0011 (high) Stored XSS in the forum post editor - fixed in 4.5.2: mvn moodle:update -Dmoodle.includes=moodle")
assert log.contains("[WARNING] block_xp 19.1: GHSA-7m3q-4bxp-0004, CVE-2026-41004 (critical) Level up XP: SQL injection in the leaderboard filter - fixed in tag v19.2 (19.2): mvn moodle:update -Dmoodle.includes=block_xp")
assert log.contains("2 published advisories at or above high affect the code base: moodle: GHSA-7m3q-4mdl-0001 (high), block_xp: GHSA-7m3q-4bxp-0004 (critical).")
assert log.contains("Nothing was released.")
// the build stopped before the install test and the release: no release, no manifest
assert !log.contains(":release (default-release)")
assert !new File(basedir, "releases.git").exists()
assert !new File(basedir, "target/moodle-release.json").exists()
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
return true
