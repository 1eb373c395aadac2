package io.github.moodlecbm.core;

import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Remembers, under {@code target/}, the digest of what a stage of the last build started from
 * and produced, together with the code that ran it: when a build finds the same digest, the
 * stage's result is known and the stage need not run again. {@code mvn clean} forgets it.
 */
public final class BuildStamp {
  private final Path file;

  public BuildStamp(Path file) {
    this.file = file;
  }

  /** The digest of a stage's inputs, and of this build of moodle-cbm. */
  public static String key(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(codeVersion().getBytes(StandardCharsets.UTF_8));
      for (String part : parts) {
        sha.update((byte) 0);
        sha.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the last run of the stage had exactly this digest. */
  public boolean matches(String key) throws IOException {
    return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(key);
  }

  /** Records a successful run of the stage; the file is replaced in one step. */
  public void write(String key) throws IOException {
    AtomicFile.write(file, key);
  }

  /** Forgets the last run, before one starts: a build that fails leaves no stamp. */
  public void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * The build of moodle-cbm that runs: its version and the time of its jar, so that a new
   * build of the same version does not trust what an older one recorded.
   */
  private static String codeVersion() {
    String version = String.valueOf(BuildStamp.class.getPackage().getImplementationVersion());
    try {
      var source = BuildStamp.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path jar = Path.of(source.getLocation().toURI());
        return version + " " + jar + " " + Files.getLastModifiedTime(jar).toMillis();
      }
    } catch (IOException | URISyntaxException | IllegalArgumentException | SecurityException e) {
      // no location to tell builds apart: the version alone
    }
    return version;
  }
}
