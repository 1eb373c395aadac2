package io.github.moodlecbm.core.resolve;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The lock file next to the pom: pretty-printed JSON, keys in a fixed order and plugins sorted by
 * component, so that it diffs well and is byte-identical for the same resolution.
 */
public final class LockFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectWriter WRITER =
      JSON.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private final Path file;

  public LockFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  public Optional<Lock> read() throws CodebaseException, IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Lock lock = JSON.readValue(file.toFile(), Lock.class);
      if (lock.format() != Lock.FORMAT) {
        throw new CodebaseException(Messages.lockFormat(file, lock.format()));
      }
      return Optional.of(lock);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new CodebaseException(Messages.unreadableLock(file, e.getOriginalMessage()), e);
    }
  }

  public static String render(Lock lock) {
    try {
      return WRITER.writeValueAsString(lock) + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the lock when its content changed; returns whether it did. */
  public boolean write(Lock lock) throws IOException {
    String text = render(lock);
    if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
      return false;
    }
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return true;
  }
}
