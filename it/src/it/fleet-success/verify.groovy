// Three sites of one fleet, built in one reactor build from one catalog.
def log = new File(basedir, "build.log").text
def sites = new File(basedir, "sites")

// Each site says how it takes the catalog.
assert log.contains("Fleet catalog: 2 plugins as the catalog pins them, no deviation")
assert log.contains("Fleet catalog: 1 plugin as the catalog pins it; deviations: block_xp: tag v19.1 instead of the catalog's tag v19.2; tiny_c4l: not in the catalog")
assert log.contains("Fleet catalog: 1 plugin as the catalog pins it; deviations: moodle: tag v4.5.1 instead of the fleet's version 4.5")

// Each site has its own lock, code base and release, with what it asked for.
def law = new File(sites, "law/moodle.lock").text
assert law.contains('"pin": "branch MOODLE_405_STABLE"')
assert law.contains('"pin": "tag v19.2"')
def arts = new File(sites, "arts/moodle.lock").text
assert arts.contains('"pin": "tag v19.1"')
assert arts.contains('tiny_c4l')
def science = new File(sites, "science/moodle.lock").text
assert science.contains('"pin": "tag v4.5.1"')
assert !science.contains('mod_attendance')
assert new File(sites, "law/target/moodle/mod/attendance/version.php").isFile()
assert new File(sites, "arts/target/moodle/blocks/xp/version.php").text.contains("2024072100")
assert new File(sites, "science/target/moodle/blocks/xp/version.php").text.contains("2024111800")
for (name in ["law", "arts", "science"]) {
  assert new File(sites, name + "/target/moodle-release.json").isFile()
  assert new File(basedir, "../../it-data/moodle-cbm/releases/org.example.it.fleet/" + name + ".git").isDirectory()
}

// One reactor build clones each source once, however many sites use it.
assert (log =~ /cloning https:\/\/github.com\/FMCorz\/moodle-block_xp.git/).count == 1
assert (log =~ /cloning https:\/\/github.com\/moodle\/moodle.git/).count == 1
assert (log =~ /cloning https:\/\/github.com\/danmarsden\/moodle-mod_attendance.git/).count == 1


// moodle:fleet at the root: a row per component, Moodle first, a column per site.
def table = log.readLines().findAll { it.startsWith("[INFO] ") }.collect { it.substring(7) }
int header = table.findIndexOf { it ==~ /component\s+law\s+arts\s+science/ }
assert header >= 0 : "the fleet's table"
assert table[header + 1].startsWith("moodle ")
def row = { String c -> table.subList(header + 1, table.size()).find { it.startsWith(c + " ") } }
assert row("block_xp") ==~ /block_xp\s+19\.2 \(2024111800\)\s+19\.1 \(2024072100\) \* \^\s+19\.2 \(2024111800\)/
assert row("mod_attendance") ==~ /mod_attendance\s+4\.5\.\d \(\d{10}\)\s+4\.5\.\d \(\d{10}\)\s+-/
assert row("tiny_c4l") ==~ /tiny_c4l\s+-\s+1\.0\.0 \(2024031200\) \*\s+-/
assert row("moodle") =~ /\* \^$/ : "science's own Moodle, older than the others'"
assert log.contains("arts: block_xp: tag v19.1 instead of the catalog's tag v19.2")
assert log.contains("science: moodle: tag v4.5.1 instead of the fleet's version 4.5")

def md = new File(basedir, "target/moodle-fleet.md").text
assert md.contains("| component | law | arts | science |")
assert md.contains("| block_xp | 19.2 (2024111800) | 19.1 (2024072100) \\* ^ | 19.2 (2024111800) |")
def json = new groovy.json.JsonSlurper().parse(new File(basedir, "target/moodle-fleet.json"))
assert json.sites == ["law", "arts", "science"]
assert json.rows[0].component == "moodle"
assert json.rows.find { it.component == "block_xp" }.cells.arts.deviation == "tag v19.1 instead of the catalog's tag v19.2"
def gitlab = new File(basedir, "target/moodle-fleet-ci/gitlab-ci.yml").text
assert gitlab.contains("          - sites/law\n          - sites/arts\n          - sites/science\n")
assert new File(basedir, "target/moodle-fleet-ci/Jenkinsfile").text.contains("sh './mvnw -B -pl sites/arts -am deploy")
return true
