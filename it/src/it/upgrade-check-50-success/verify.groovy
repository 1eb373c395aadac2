// The upgrade check names what keeps its pin, what needs a new one and what blocks, and changes nothing.
def log = new File(basedir, "build.log").text
assert log.contains("Upgrade from Moodle 4.5.2 (Build: 20241007) to 5.0.1 (Build: 20250414):")
assert log =~ /\[INFO\] mod_attendance +needs a new pin: MOODLE_500_STABLE: supported \[500, 500\], requires 2025041400/
assert log =~ /\[INFO\] block_xp +keeps its pin: runs on 5\.0/
assert log =~ /\[WARNING\] theme_boost_union +BLOCKS THE UPGRADE: no version runs on 5\.0; newest: tag v5\.1-r1 \(2025100601, v5\.1-r1\): supported \[501, 501\], requires 2025100600/
assert log.contains("1 blocker(s), 1 plugin(s) need a new pin, 1 keep theirs. Nothing was changed.")
assert new File(basedir, "moodle.lock").text.contains('"release": "4.5.2 (Build: 20241007)"')
return true
