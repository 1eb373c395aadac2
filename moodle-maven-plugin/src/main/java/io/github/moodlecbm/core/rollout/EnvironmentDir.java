package io.github.moodlecbm.core.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.assembly.WorkTreeIndex;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.jgit.util.FileUtils;

/**
 * An environment's folder on the server, as rollouts leave it:
 *
 * <pre>
 * &lt;dir&gt;/current            a symbolic link to releases/&lt;tag&gt;: what the web server serves
 * &lt;dir&gt;/releases/&lt;tag&gt;/    each release kept, with its config.php
 * &lt;dir&gt;/.moodle-cbm/       the marker, the lock, what went live when, each release's index
 * </pre>
 *
 * {@code current} only ever moves by renaming a new link over it, one atomic step; a release is
 * written under {@code releases/<tag>.partial} and renamed when complete.
 */
final class EnvironmentDir {
  static final String CURRENT = "current";
  static final String RELEASES = "releases";
  static final String STATE = ".moodle-cbm";
  static final String PARTIAL = ".partial";
  private static final String MARKER = "environment.properties";

  /** What went live, oldest first; the last is live. A rollback goes back one step. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record State(int format, List<String> live) {
    State {
      live = live == null ? new ArrayList<>() : new ArrayList<>(live);
    }

    Optional<String> current() {
      return live.isEmpty() ? Optional.empty() : Optional.of(live.get(live.size() - 1));
    }

    Optional<String> previous() {
      return live.size() < 2 ? Optional.empty() : Optional.of(live.get(live.size() - 2));
    }
  }

  final Path dir;
  private final String site;
  private final String environment;

  EnvironmentDir(Path dir, String site, String environment) {
    this.dir = dir;
    this.site = site;
    this.environment = environment;
  }

  Path releases() {
    return dir.resolve(RELEASES);
  }

  Path current() {
    return dir.resolve(CURRENT);
  }

  /** The folder a release is kept in: its tag, with any character a folder name should not have replaced. */
  static String folderName(String tag) {
    String name = tag.replaceAll("[^A-Za-z0-9._+-]", "_");
    return name.startsWith(".") ? "_" + name.substring(1) : name;
  }

  Path releaseDir(String tag) {
    return releases().resolve(folderName(tag));
  }

  Path index(String tag) {
    return dir.resolve(STATE).resolve("index").resolve(folderName(tag) + ".index");
  }

  /**
   * Checks that the folder is this environment's, or new: a folder with files and no marker, or
   * the marker of another site or environment, is refused before anything is written.
   *
   * @return whether the folder still has to be claimed (made, and the marker written)
   */
  boolean check() throws CodebaseException, IOException {
    Path marker = dir.resolve(STATE).resolve(MARKER);
    if (Files.isRegularFile(marker)) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      String theirSite = p.getProperty("site");
      String theirEnvironment = p.getProperty("environment");
      if (!site.equals(theirSite) || !environment.equals(theirEnvironment)) {
        throw new CodebaseException(RolloutMessages.folderOfAnother(dir, theirEnvironment, theirSite, environment, site));
      }
      if (Files.exists(current(), LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current())) {
        throw new CodebaseException(RolloutMessages.currentNotALink(current()));
      }
      return false;
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new CodebaseException(RolloutMessages.foreignFolder(dir, STATE + "/" + MARKER, environment));
        }
      }
    } else if (Files.exists(dir)) {
      throw new CodebaseException(RolloutMessages.folderIsAFile(dir, environment));
    }
    return true;
  }

  /** Makes the folder this environment's: its state folder and marker. */
  void claim() throws IOException {
    Path state = dir.resolve(STATE);
    Files.createDirectories(state.resolve("index"));
    Files.createDirectories(releases());
    Path marker = state.resolve(MARKER);
    if (!Files.exists(marker)) {
      AtomicFile.write(marker, "# This folder is managed by moodle:rollout and moodle:rollback.\nsite=" + site + "\nenvironment="
          + environment + "\n");
    }
  }

  /** Serialises the rollouts and rollbacks of one environment; a second one waits, saying so. */
  ExclusiveLock lock(io.github.moodlecbm.core.BuildLog log) throws IOException {
    Path file = dir.resolve(STATE).resolve("lock");
    Optional<ExclusiveLock> free = ExclusiveLock.tryAcquire(file);
    if (free.isPresent()) {
      return free.get();
    }
    log.warn(RolloutMessages.waitingForAnother(environment, file));
    return ExclusiveLock.acquire(file);
  }

  /** The release folder {@code current} points at, if any. */
  Optional<String> liveFolder() throws IOException {
    if (!Files.isSymbolicLink(current())) {
      return Optional.empty();
    }
    Path target = Files.readSymbolicLink(current());
    return Optional.of(target.getFileName().toString());
  }

  State state() throws IOException {
    Path file = dir.resolve(STATE).resolve("state.json");
    if (!Files.isRegularFile(file)) {
      return new State(1, List.of());
    }
    return Json.MAPPER.readValue(file.toFile(), State.class);
  }

  void save(State state) throws IOException {
    AtomicFile.write(dir.resolve(STATE).resolve("state.json"), Json.render(state));
  }

  /** One line per switch, for the people who look back. */
  void record(String action, String tag, String previous) throws IOException {
    String line = Instant.now() + " " + action + " " + tag + (previous == null ? "" : " (was " + previous + ")") + " by "
        + System.getProperty("user.name", "?") + "\n";
    try (Writer out = Files.newBufferedWriter(dir.resolve(STATE).resolve("rollouts.log"), StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(line);
    }
  }

  /** Points {@code current} at a release folder: a new link renamed over the old one, one atomic step. */
  void switchTo(String tag) throws IOException {
    Path link = dir.resolve("." + CURRENT + "-" + ProcessHandle.current().pid());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, Path.of(RELEASES, folderName(tag)));
    Files.move(link, current(), StandardCopyOption.ATOMIC_MOVE);
  }

  /** Removes what an interrupted rollout left: half-written releases and their indexes. */
  List<String> cleanUp() throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(releases())) {
      return removed;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(releases(), "*" + PARTIAL)) {
      for (Path partial : children) {
        String name = partial.getFileName().toString();
        String release = name.substring(0, name.length() - PARTIAL.length());
        if (Files.exists(releases().resolve(release), LinkOption.NOFOLLOW_LINKS)) {
          FileUtils.delete(partial.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING); // the index is the whole release's
        } else {
          removeRelease(partial, release);
        }
        removed.add(name);
      }
    }
    try (DirectoryStream<Path> links = Files.newDirectoryStream(dir, "." + CURRENT + "-*")) {
      for (Path link : links) {
        Files.deleteIfExists(link);
      }
    }
    return removed;
  }

  /** Deletes a release folder and its index; files it shares with others stay theirs. */
  void removeRelease(Path folder, String folderName) throws IOException {
    FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    WorkTreeIndex.at(dir.resolve(STATE).resolve("index").resolve(folderName + ".index")).forget();
  }

  /** The release folders this environment made (those with an index), by folder name. */
  List<String> releaseFolders() throws IOException {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(releases())) {
      return names;
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(releases())) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (!name.endsWith(PARTIAL) && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
            && WorkTreeIndex.at(dir.resolve(STATE).resolve("index").resolve(name + ".index")).exists()) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }
}
