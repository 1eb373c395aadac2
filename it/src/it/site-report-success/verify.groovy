// mvn package site: the site report and the release's SBOM, from this machine alone.
import groovy.json.JsonSlurper

def log = new File(basedir, "build.log").text
def lock = new JsonSlurper().parse(new File(basedir, "moodle.lock"))
def components = (lock.plugins.keySet() + lock.overlay.plugins.keySet()) as List
assert components.sort() == ["block_xp", "customcertelement_coursefield", "local_mysite", "local_xpboard", "mod_customcert"]

// The report page: every plugin with its name, version, pin, source, licence and local changes.
def page = new File(basedir, "target/site/moodle-report.html")
assert page.isFile()
def html = page.text
for (c in components) {
  assert html.contains(c) : c
}
assert html.contains("XP leaderboard")                       // $string['pluginname'] of local_xpboard
assert html.contains("Our site")                             // the overlay plugin's own name
assert html.contains("GPL-3.0")                              // local_xpboard's COPYING.txt
assert html.contains("0001-local-fix.patch")                 // block_xp's patch
assert html.contains("the site's own (src/main/overlay)")    // local_mysite
assert html.contains("https://github.com/FMCorz/moodle-block_xp/commit/" + lock.plugins.block_xp.commit)
assert html.contains("mod/customcert/element/coursefield")   // a subplugin's install path
assert html.contains("block_xp 2024072100 or later")         // what local_xpboard needs
assert html =~ /PHP<\/th>\s*<td[^>]*>\d+\.\d+(\.\d+)? or later/
// the report's own content is plain HTML: the skin's scripts come after it, and it reads without them
def ours = html.substring(html.indexOf("<h1>Moodle code base of"))
ours = ours.substring(0, ours.indexOf("</section></section>", ours.indexOf(">Updates</h2>")))
assert !ours.contains("<script")
// the picture of what the plugins need, inline and alone
def svg = new File(basedir, "target/site/moodle-report-dependencies.svg").text
assert svg.startsWith("<svg") && svg.contains("local_xpboard") && svg.contains("block_xp") && svg.contains("mod_forum")
assert html.contains("<svg")
// the release, its changelog: read from the release repository the pom's <build><plugins> names
assert new File(basedir, "releases.git").isDirectory()
def manifest = new JsonSlurper().parse(new File(basedir, "target/moodle-release.json"))
assert html.contains(manifest.tag)
assert html.contains("+ block_xp v19.2")

// The SBOM: every component of the lock and Moodle, no other; named by the release's manifest.
def sbomFile = new File(basedir, "target/site-report-success-1.0-SNAPSHOT-cyclonedx.json")
assert sbomFile.isFile()
def sbom = new JsonSlurper().parse(sbomFile)
assert sbom.bomFormat == "CycloneDX" && sbom.specVersion == "1.6"
assert (sbom.components.collect { it.name } as Set) == ((components + ["moodle"]) as Set)
def sha = java.security.MessageDigest.getInstance("SHA-256").digest(sbomFile.bytes).encodeHex().toString()
assert manifest.sbomSha256 == sha
assert log.contains("site-report-success-1.0-SNAPSHOT-cyclonedx.json")

// Looked at as a person would: the page rendered by headless Chromium, its screenshot kept.
def chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find { new File(it).canExecute() }
if (chromium == null) {
  println "Chromium is not installed (Debian: apt-get install chromium): the report page was not rendered."
} else {
  def profile = new File(basedir, "target/chromium-profile")
  def flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile]
  def shot = new File(basedir, "target/moodle-report.png")
  def p = (flags + ["--window-size=1280,2400", "--screenshot=" + shot, page.toURI().toString()]).execute()
  p.waitForOrKill(120000)
  assert shot.isFile() && shot.length() > 10000 : "screenshot of the report"
  def dom = (flags + ["--dump-dom", page.toURI().toString()]).execute()
  def text = dom.inputStream.text
  dom.waitForOrKill(120000)
  for (c in components) {
    assert text.contains(c) : "the rendered page shows " + c
  }
  println "The report page as Chromium renders it: " + shot
}
return true
