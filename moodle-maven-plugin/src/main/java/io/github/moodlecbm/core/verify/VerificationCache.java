package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.BuildStamp;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.verify.CodebaseVerifier.Verification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The last verification's findings, under {@code target/}, with the digest of what it checked:
 * the lock (whose tree id names every file checked), the options and the code that checked. The
 * checks read nothing else, so the same digest gives the same findings.
 */
public final class VerificationCache {
  private final Path file;

  public VerificationCache(Path file) {
    this.file = file;
  }

  record Entry(String key, Verification verification) {}

  public static String key(String lockText, CodebaseVerifier.Options options) {
    return BuildStamp.key(lockText, String.valueOf(options.allowUnstable()), String.valueOf(options.php()));
  }

  /** The findings recorded for {@code key}, if the last verification had it. */
  public Optional<Verification> find(String key) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Entry entry = Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Entry.class);
      return entry != null && key.equals(entry.key()) && entry.verification() != null
          ? Optional.of(entry.verification())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // unreadable: verify again
    }
  }

  public void put(String key, Verification verification) throws IOException {
    AtomicFile.write(file, Json.render(new Entry(key, verification)));
  }
}
