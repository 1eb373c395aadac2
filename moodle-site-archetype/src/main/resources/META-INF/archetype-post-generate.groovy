def site = new File(request.outputDirectory, request.artifactId)
def fleet = request.properties.getProperty("fleet") == "true"
// Generated in a folder whose pom has packaging pom (a fleet's sites folder): the archetype has
// made this site a module of that pom and given it that pom as parent.
def folderPom = new File(request.outputDirectory, "pom.xml")
def inPomProject = folderPom.isFile() && (folderPom.text =~ /<packaging>\s*pom\s*<\/packaging>/).find()

if (fleet) {
  // The Maven Wrapper, .mvn, .gitignore and the CI job of a fleet are at the fleet's root.
  ["mvnw", "mvnw.cmd", ".gitignore", ".gitlab-ci.yml"].each { new File(site, it).delete() }
  new File(site, ".mvn").deleteDir()
  if (!inPomProject) {
    println "[WARNING] -Dfleet=true, but ${folderPom} is not the pom of a fleet's sites folder: " +
        "${site} takes Moodle and the plugin's version from no fleet. Generate a site of a fleet in its sites folder."
  }
} else {
  // The archetype cannot carry file permissions: make the Maven Wrapper executable again.
  new File(site, "mvnw").setExecutable(true, false)
  if (inPomProject) {
    println "[WARNING] ${folderPom} now lists ${request.artifactId} as a module, but the site declares its own " +
        "Moodle and keeps its own Maven Wrapper. A site of a fleet, which takes Moodle and the plugin catalog " +
        "from the fleet, is generated with -Dfleet=true."
  }
}
