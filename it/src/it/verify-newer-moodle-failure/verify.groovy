def log = new File(basedir, "build.log").text
assert log.contains(":verify (default-verify)")
assert log =~ /local_future \(main @ [0-9a-f]{7}\): requires Moodle 2025041400 or later, but the site has Moodle 4\.5\.2 \(Build: 20241007\) \(2024100702\.00\)\. Pin an older version of local_future, or a newer Moodle\./
assert log.contains("The code base failed verification: 1 problem in 1 component.")
def report = new File(basedir, "target/moodle-verify/TEST-moodle-verify.xml").text
assert report.contains('<testcase classname="local_future" name="requires">')
assert report.contains('<failure message=')
// A verification failure is a list of sentences, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
return true
