package io.github.moodlecbm.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This tool, as documents it writes (an SBOM) name it: moodle-maven-plugin and its version. */
public final class Tool {
  public static final String NAME = "moodle-maven-plugin";
  private static final String POM_PROPERTIES = "/META-INF/maven/io.github.moodlecbm/moodle-maven-plugin/pom.properties";

  private Tool() {}

  /** The plugin's version, from its jar; {@code unknown} when run from classes (tests). */
  public static String version() {
    try (InputStream in = Tool.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank()) {
          return v.trim();
        }
      }
    } catch (IOException e) {
      // fall through: the jar's manifest, else unknown
    }
    String v = Tool.class.getPackage() == null ? null : Tool.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }
}
