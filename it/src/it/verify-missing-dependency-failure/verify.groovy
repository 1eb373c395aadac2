def log = new File(basedir, "build.log").text
assert log.contains("The code base failed verification: 2 problems in 2 components.")
assert log =~ /theme_boost_union_child \(main @ [0-9a-f]{7}\): requires theme_boost_union >= 2025041400, but the site has theme_boost_union 2024100703 \(v4\.5-r3\)\. Pin theme_boost_union to a newer tag, or pin theme_boost_union_child to an older one\./
assert log.contains("requires local_absent (any version), which the site does not have: it is neither in Moodle nor in <plugins>. Add local_absent to <plugins> in pom.xml")
// A verification failure is a list of sentences, never a Java stack trace.
assert !(log =~ /(?m)^\s+at [\w.$]+\(/)
assert !log.contains("Caused by:")
return true
