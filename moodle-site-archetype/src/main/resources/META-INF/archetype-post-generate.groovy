// The archetype cannot carry file permissions: make the Maven Wrapper executable again.
def site = new File(request.outputDirectory, request.artifactId)
new File(site, "mvnw").setExecutable(true, false)
