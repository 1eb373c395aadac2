package io.github.moodlecbm.core.fleet;

import io.github.moodlecbm.core.PropertyNames;
import java.util.List;

/**
 * The CI jobs that build each site of a fleet on its own runner, generated for the fleet's sites:
 * nothing shared between them but the sources (each runner's own mirror cache) and each site's
 * release remote.
 */
public final class FleetCi {
  /** A runner needs the release, not the files: everything stays in git objects. */
  private static final String NO_WORK_TREE = PropertyNames.flag(PropertyNames.WORK_TREE, "false");

  private FleetCi() {}

  /** A GitLab CI job with one parallel run per site. */
  public static String gitlab(List<String> sitePaths) {
    StringBuilder yml = new StringBuilder();
    yml.append("# Written by mvn moodle:fleet for this fleet's sites: copy it into .gitlab-ci.yml.\n")
        .append("# Each site is built, released and published by a runner of its own; the runners share nothing\n")
        .append("# but the sources (each keeps its mirror cache between jobs) and each site's release remote.\n")
        .append("build-site:\n")
        .append("  image: maven:3.9-eclipse-temurin-17\n")
        .append("  variables:\n")
        .append("    XDG_CACHE_HOME: \"$CI_PROJECT_DIR/.cache\"\n")
        .append("  parallel:\n")
        .append("    matrix:\n")
        .append("      - SITE:\n");
    sitePaths.forEach(p -> yml.append("          - ").append(p).append('\n'));
    yml.append("  cache:\n")
        .append("    key: moodle-mirrors-$SITE\n")
        .append("    paths:\n")
        .append("      - .cache/moodle-cbm\n")
        .append("  script:\n")
        .append("    - ./mvnw -B -pl \"$SITE\" -am deploy ").append(NO_WORK_TREE).append('\n');
    return yml.toString();
  }

  /** A Jenkins declarative pipeline with one parallel stage per site. */
  public static String jenkins(List<String> sitePaths) {
    StringBuilder groovy = new StringBuilder();
    groovy.append("// Written by mvn moodle:fleet for this fleet's sites: copy it into the fleet's Jenkinsfile.\n")
        .append("// Each site is built, released and published on an agent of its own.\n")
        .append("pipeline {\n")
        .append("  agent none\n")
        .append("  stages {\n")
        .append("    stage('Sites') {\n")
        .append("      parallel {\n");
    for (String p : sitePaths) {
      groovy.append("        stage('").append(p).append("') {\n")
          .append("          agent any\n")
          .append("          steps {\n")
          .append("            sh './mvnw -B -pl ").append(p).append(" -am deploy ").append(NO_WORK_TREE).append("'\n")
          .append("          }\n")
          .append("        }\n");
    }
    groovy.append("      }\n")
        .append("    }\n")
        .append("  }\n")
        .append("}\n");
    return groovy.toString();
  }
}
