package io.github.moodlecbm.core.sbom;

import java.nio.file.Path;

/** What the SBOM says to the user: every sentence of this package, in one place. */
public final class SbomMessages {
  private SbomMessages() {}

  /** The log line of a written SBOM: where, for which release, how many components. */
  public static String written(Path file, String tag, int components) {
    return "CycloneDX " + Sbom.SPEC.getVersionString() + " SBOM of release " + tag + " (" + components
        + (components == 1 ? " component" : " components") + "): " + file;
  }
}
