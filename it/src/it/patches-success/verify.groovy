// The code base is upstream's with the site's two patches applied and its overlay added: every file compared.
import io.github.moodlecbm.fixture.Ecosystem
import io.github.moodlecbm.fixture.ExpectedCodebase

def eco = Ecosystem.open(basedir.toPath().resolve("fixtures"))
try {
  ExpectedCodebase.moodle(eco, "v4.5.2")
      .plugin("FMCorz/moodle-block_xp", "v19.2", "blocks/xp")
      .file("robots.txt", "User-agent: *\nDisallow: /\n")
      .file("theme/site_notice.html", "<p>Maintenance on Sunday 06:00-08:00.</p>\n")
      .file("local/mysite/version.php", new File(basedir, "src/main/overlay/local/mysite/version.php").text)
      .file("local/mysite/lang/en/local_mysite.php", "<?php\n\$string['pluginname'] = 'Our site';\n")
      .file("blocks/xp/lib.php", "<?php\n// Library functions of block_xp.\ndefined('MOODLE_INTERNAL') || die();\nfunction block_xp_local_fix() {}\n")
      .assertMatches(basedir.toPath().resolve("target/moodle"))
} finally {
  eco.close()
}

def log = new File(basedir, "build.log").text
def lock = new File(basedir, "moodle.lock").text
assert lock.contains('"path": "src/main/patches/moodle/0001-robots.patch"')
assert lock.contains('"path": "src/main/patches/block_xp/0001-local-fix.patch"')
assert lock =~ /"sha256": "[0-9a-f]{64}"/
assert lock =~ /"patchedTree": "[0-9a-f]{40}"/
// The release's changelog and manifest name the patches.
assert log.contains("  * moodle: +0001-robots.patch")
assert log.contains("  * block_xp: +0001-local-fix.patch")
def manifest = new File(basedir, "target/moodle-release.json").text
assert manifest.contains("src/main/patches/block_xp/0001-local-fix.patch")
// The release says which plugins run the site's own code: patched, or its own.
assert manifest =~ /"block_xp": \{\s*"version": "2024111800",\s*"release": "19.2",\s*"local": "patched"/
assert manifest =~ /"local_mysite": \{\s*"version": "2026120300",\s*"release": "1.0",\s*"local": "overlay"/
assert log.contains("Verified: ")
assert log.contains("Overlay: 3 files of src/main/overlay added to the code base")
// The site's own plugin is verified and released like the others.
assert log =~ /\[INFO\] local_mysite +local +local\/mysite +1\.0 +2026120300 +overlay +stable +ok/
assert lock.contains('"local_mysite": "local/mysite"')
assert log.contains("  + local_mysite (overlay)")
assert lock.contains('"overlay": {')
assert log.contains("  * overlay: +3 files")
assert log.contains("[moodle] applied src/main/patches/moodle/0001-robots.patch (robots.txt)")
assert log.contains("[block_xp] applied src/main/patches/block_xp/0001-local-fix.patch (lib.php)")
return true
