package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A site's pom file, and the one place the build rewrites it: read as UTF-8, changed by edits on
 * its text ({@link PomEditor}), written back whole through {@link AtomicFile} only when the text
 * changed, so a reader never sees half a pom and an edit that changes nothing touches nothing.
 *
 * <pre>{@code
 * boolean changed = PomFile.of(pom).edit(text -> PomEditor.setMoodleVersion(text, "4.5.3"));
 * }</pre>
 */
public final class PomFile {
  /** An edit of the pom's text: the text it should hold instead, or the same text. */
  @FunctionalInterface
  public interface Edit {
    String apply(String pom) throws CodebaseException;
  }

  private final Path path;

  private PomFile(Path path) {
    this.path = path;
  }

  public static PomFile of(Path path) {
    return new PomFile(path);
  }

  public Path path() {
    return path;
  }

  /** The pom's text. */
  public String read() throws CodebaseException {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new CodebaseException(PomMessages.notUtf8(path), e);
    } catch (IOException e) {
      throw new EnvironmentException(PomMessages.unreadable(path, reason(e)), e);
    }
  }

  /**
   * Applies the edit and writes the result when it differs from the pom's text; returns whether it
   * wrote. When the edit fails, the file is left as it was.
   */
  public boolean edit(Edit edit) throws CodebaseException {
    String before = read();
    String after = edit.apply(before);
    if (after.equals(before)) {
      return false;
    }
    try {
      AtomicFile.write(path, after);
    } catch (IOException e) {
      throw new EnvironmentException(PomMessages.unwritable(path, reason(e)), e);
    }
    return true;
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file: " + e.getMessage();
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied: " + e.getMessage();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
