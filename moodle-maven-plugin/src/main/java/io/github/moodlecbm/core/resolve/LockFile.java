package io.github.moodlecbm.core.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The lock file next to the pom: pretty-printed JSON, keys in a fixed order and plugins sorted by
 * component, so that it diffs well and is byte-identical for the same resolution.
 */
public final class LockFile {
  private static final ObjectMapper JSON = Json.MAPPER;

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
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Lock lock;
    try {
      lock = JSON.readValue(text, Lock.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      var where = e.getLocation();
      String line = where == null || where.getLineNr() < 1 ? "" : " at line " + where.getLineNr();
      // A value the lock's own types refuse (a pin edited into nonsense) says why in its own words.
      String why = e instanceof com.fasterxml.jackson.databind.exc.ValueInstantiationException v && v.getCause() != null
          ? v.getCause().getMessage() : e.getOriginalMessage();
      throw new CodebaseException(ResolveMessages.unreadableLock(file, line, why), e);
    }
    if (lock == null || lock.format() != Lock.FORMAT) {
      throw new CodebaseException(ResolveMessages.lockFormat(file, lock == null ? 0 : lock.format()));
    }
    validate(lock, text);
    return Optional.of(lock);
  }

  private static final java.util.regex.Pattern FULL_ID = java.util.regex.Pattern.compile("[0-9a-f]{40}");

  /** A lock edited by hand into nonsense is refused, naming the line of the bad value. */
  private void validate(Lock lock, String text) throws CodebaseException {
    if (lock.moodle() == null) {
      throw new CodebaseException(ResolveMessages.lockWithoutMoodle(file));
    }
    checkCommit(text, "moodle", lock.moodle().commit());
    if (lock.tree() != null && !FULL_ID.matcher(lock.tree()).matches()) {
      throw new CodebaseException(ResolveMessages.lockTreeNotAnId(file, lineOf(text, lock.tree())));
    }
    for (var e : lock.plugins().entrySet()) {
      Lock.Plugin p = e.getValue();
      checkCommit(text, e.getKey(), p.commit());
      String path = p.installPath() == null ? "" : p.installPath();
      if (path.isEmpty() || path.startsWith("/") || java.util.Arrays.asList(path.split("/")).contains("..")) {
        throw new CodebaseException(
            ResolveMessages.lockInstallPathInvalid(file, lineOf(text, "\"" + e.getKey() + "\""), e.getKey(), path));
      }
      for (Lock.Submodule sub : p.submodules()) {
        checkCommit(text, ResolveMessages.submoduleName(e.getKey(), sub.path()), sub.commit());
      }
    }
  }

  private void checkCommit(String text, String who, String commit) throws CodebaseException {
    if (commit == null || !FULL_ID.matcher(commit).matches()) {
      throw new CodebaseException(
          ResolveMessages.lockCommitNotFull(file, commit == null ? 1 : lineOf(text, commit), who, commit));
    }
  }

  private static int lineOf(String text, String value) {
    int at = text.indexOf(value);
    return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
  }

  public static String render(Lock lock) {
    return Json.render(lock);
  }

  /** Writes the lock when its content changed; returns whether it did. */
  public boolean write(Lock lock) throws IOException {
    return AtomicFile.writeIfChanged(file, render(lock));
  }
}
