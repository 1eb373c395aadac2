// The archetype cannot carry file permissions: make the Maven Wrapper executable again.
def fleet = new File(request.outputDirectory, request.artifactId)
new File(fleet, "mvnw").setExecutable(true, false)
