def log = new File(basedir, "build.log").text
assert log.contains("Advisories of ${basedir}/osv/all.zip for 3 components")
assert log.contains("[WARNING] Moodle 4.5.1 is affected by 2 published advisories (1 high, 1 medium):")
assert log.contains("[WARNING]   GHSA-7m3q-4mdl-0001, CVE-2026-41001, MSA-26-0011 (high) Stored XSS in the forum post editor - fixed in 4.5.2: mvn moodle:update -Dmoodle.includes=moodle")
assert log.contains("[WARNING]   GHSA-7m3q-4mdl-0002, CVE-2026-41002 (medium) Course backup reveals hidden section names - no fixed version is published")
assert log.contains("[WARNING] block_xp 19.1 is affected by 1 published advisory (1 critical), fixed in tag v19.2 (19.2): mvn moodle:update -Dmoodle.includes=block_xp")
assert log.contains("[INFO] 3 advisories (1 critical, 1 high, 1 medium) affect 2 of 3 components.")
// withdrawn advisories are not advisories; mod_attendance has none
assert !log.contains("GHSA-7m3q-4mdl-0003")
assert !log.contains("mod_attendance is affected")
assert log.contains("BUILD SUCCESS")
// the build before the audit: a warning each, recorded in the release
assert log.contains("[WARNING] Moodle 4.5.1: GHSA-7m3q-4mdl-0001, CVE-2026-41001, MSA-26-0011 (high)")
assert log.contains("! affected by GHSA-7m3q-4bxp-0004, CVE-2026-41004 (block_xp, critical)")
def manifest = new groovy.json.JsonSlurper().parse(new File(basedir, "target/moodle-release.json"))
assert manifest.advisories.source == "${basedir}/osv/all.zip".toString()
assert manifest.advisories.affecting*.ids*.getAt(0) == ["GHSA-7m3q-4mdl-0001", "GHSA-7m3q-4mdl-0002", "GHSA-7m3q-4bxp-0004"]
assert manifest.advisories.affecting*.severity == ["high", "medium", "critical"]
assert manifest.advisories.fixed == []
// the site report: what the release knew, and the last check
def page = new File(basedir, "target/site/moodle-report.html").text
assert page.contains("Published advisories")
assert page.contains("knew 3 advisories affecting it.")
assert page.contains("3 advisories affect the code base.")
assert page.contains("SQL injection in the leaderboard filter")
def kept = new File(basedir, "target/moodle-audit.json").text
assert kept.contains('"GHSA-7m3q-4bxp-0004"')
return true
