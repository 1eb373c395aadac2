package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/** Reading the releases back: the list, one release's code base, and what lies between two. */
public final class ReleaseHistory {
  /** One release of the branch. */
  public record Entry(String tag, ObjectId commit, Instant time, String subject, int plugins, String moodle) {}

  private final ReleaseRepository releases;

  public ReleaseHistory(ReleaseRepository releases) {
    this.releases = releases;
  }

  /** The releases of a branch, newest first. */
  public List<Entry> list(String branch) throws IOException {
    Optional<RevCommit> head = releases.head(branch);
    List<Entry> result = new ArrayList<>();
    if (head.isEmpty()) {
      return result;
    }
    Map<ObjectId, List<String>> tags = releases.tagsByCommit();
    List<RevCommit> commits = releases.between(null, head.get());
    for (int i = commits.size() - 1; i >= 0; i--) {
      RevCommit c = commits.get(i);
      List<String> names = tags.getOrDefault(c.getId(), List.of());
      String tag = names.isEmpty() ? c.abbreviate(10).name() : names.get(names.size() - 1);
      Optional<Manifest> m = names.isEmpty() ? Optional.empty() : releases.manifest(tag);
      result.add(new Entry(tag, c.copy(), releases.madeAt(c, tag), c.getShortMessage(),
          m.map(x -> x.lock().plugins().size()).orElse(-1), m.map(Changelog::moodle).orElse("")));
    }
    return result;
  }

  private static final java.time.format.DateTimeFormatter DATE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

  /** Prints the releases of a branch, newest first: tag, date, changelog summary. */
  public void print(String branch, Path repository, io.github.moodlecbm.core.BuildLog log) throws IOException {
    List<Entry> entries = list(branch);
    if (entries.isEmpty()) {
      log.info(ReleaseMessages.noReleaseYet(branch, repository));
      return;
    }
    io.github.moodlecbm.core.Table table = new io.github.moodlecbm.core.Table().row("Tag", "Date (UTC)", "Changes");
    for (Entry e : entries) {
      table.row(e.tag(), DATE.format(e.time()), e.subject());
    }
    table.lines().forEach(log::info);
    log.info(ReleaseMessages.releaseCount(entries.size(), branch, repository));
  }

  /** The newest release of a branch; none yet is an error saying how to make one. */
  public String newest(String branch, Path repository) throws CodebaseException, IOException {
    List<Entry> entries = list(branch);
    if (entries.isEmpty()) {
      throw new CodebaseException(ReleaseMessages.nothingToCompare(branch, repository));
    }
    return entries.get(0).tag();
  }

  /** The commit of a release tag; a tag the repository lacks is an error naming the newest. */
  public RevCommit release(String tag) throws CodebaseException, IOException {
    Optional<RevCommit> c = releases.tagged(tag);
    if (c.isEmpty()) {
      List<String> known = new ArrayList<>();
      releases.tagsByCommit().values().forEach(known::addAll);
      throw new CodebaseException(ReleaseMessages.releaseNotFound(tag, known));
    }
    return c.get();
  }

  public Manifest manifest(String tag) throws CodebaseException, IOException {
    release(tag);
    return releases.manifest(tag).orElseThrow(() -> new CodebaseException(ReleaseMessages.noManifest(tag)));
  }

  /**
   * Writes a release's code base into a folder, as {@code mvn moodle:checkout} does, and says what it
   * did. The index of what was written is kept in {@code workDir}, one per folder, outside it:
   * nothing is added to a code base.
   */
  public WorkTreeWriter.Result restore(String tag, Path folder, Path workDir, io.github.moodlecbm.core.BuildLog log)
      throws CodebaseException, IOException {
    Path absolute = folder.toAbsolutePath().normalize();
    Path index = workDir.resolve("checkout-" + Manifest.sha256(absolute.toString()).substring(0, 16) + ".index");
    WorkTreeWriter.Result r = checkout(tag, absolute, index);
    log.info(ReleaseMessages.checkedOut(tag, absolute, r));
    return r;
  }

  /**
   * Writes a release's code base into a folder, touching only what differs from what an earlier
   * checkout wrote there. A folder with files that no checkout wrote is refused, never emptied.
   */
  public WorkTreeWriter.Result checkout(String tag, Path folder, Path indexFile) throws CodebaseException, IOException {
    RevCommit commit = release(tag);
    if (!Files.exists(indexFile) && Files.isDirectory(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw new CodebaseException(ReleaseMessages.foreignFolder(folder));
        }
      }
    }
    try (ObjectReader reader = releases.repository().newObjectReader()) {
      return new WorkTreeWriter(ObjectSource.of(reader)).write(commit.getTree(), folder, indexFile);
    }
  }

  /**
   * The upgrade impact of going from one release to another, as lines: Moodle's release change,
   * each plugin whose version changes (its database upgrade runs), the plugins added and removed,
   * and, when the mirror cache has them, the commits in between per plugin.
   */
  public List<String> impact(String fromTag, String toTag, MirrorCache mirrors) throws CodebaseException, IOException {
    Manifest from = manifest(fromTag);
    Manifest to = manifest(toTag);
    Changelog changes = new Changelog(from, to);
    List<String> out = new ArrayList<>();
    out.add("From " + fromTag + " (Moodle " + Changelog.moodle(from) + ") to " + toTag + " (Moodle " + Changelog.moodle(to) + ")");
    if (!from.lock().moodle().commit().equals(to.lock().moodle().commit())) {
      out.add("Moodle " + Changelog.moodle(from) + " -> " + Changelog.moodle(to) + ": Moodle's upgrade runs (admin/cli/upgrade.php)");
    }
    List<String> upgraded = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (String line : changes.lines()) {
      if (line.startsWith("~ ")) {
        String c = line.substring(2, line.indexOf(' ', 2));
        Manifest.Version a = from.plugins().get(c);
        Manifest.Version b = to.plugins().get(c);
        boolean versionMoves = a != null && b != null && a.version() != null && !a.version().equals(b.version());
        upgraded.add("  " + line + (versionMoves ? "   [version " + a.version() + " -> " + b.version() + ": its database upgrade runs]" : ""));
        upgraded.addAll(commits(c, from.lock().plugins().get(c), to.lock().plugins().get(c), mirrors));
      } else if (line.startsWith("+ ")) {
        added.add("  " + line);
      }
    }
    if (!upgraded.isEmpty()) {
      out.add("Plugins that change:");
      out.addAll(upgraded);
    }
    if (!added.isEmpty()) {
      out.add("Plugins added (installed by the upgrade):");
      out.addAll(added);
    }
    if (!changes.removed().isEmpty()) {
      out.add("Plugins removed (uninstall them from the site before this release goes live):");
      changes.removed().forEach(c -> out.add("  - " + c));
    }
    List<String> patched = changes.lines().stream().filter(l -> l.startsWith("* ")).map(l -> "  " + l).toList();
    if (!patched.isEmpty()) {
      out.add("Patches of the site's own (+ added, ~ changed, - removed):");
      out.addAll(patched);
    }
    if (out.size() == 1) {
      out.add("No change: the two releases have the same code base.");
    }
    return out;
  }

  private static final int COMMIT_LIMIT = 20;

  /** The plugin's commits between two releases, when its mirror has both. */
  private static List<String> commits(String component, Lock.Plugin a, Lock.Plugin b, MirrorCache mirrors) throws IOException {
    if (a == null || b == null || !a.source().equals(b.source())) {
      return List.of();
    }
    Mirror mirror = mirrors.mirror(a.source());
    if (!mirror.exists()) {
      return List.of("      (its history is not in the mirror cache)");
    }
    List<String> lines = new ArrayList<>();
    Repository repo = mirror.repository();
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(ObjectId.fromString(b.commit())));
      walk.markUninteresting(walk.parseCommit(ObjectId.fromString(a.commit())));
      int n = 0;
      for (RevCommit c : walk) {
        if (n++ < COMMIT_LIMIT) {
          lines.add("      " + c.abbreviate(7).name() + " " + c.getShortMessage());
        }
      }
      if (n > COMMIT_LIMIT) {
        lines.add("      ... and " + (n - COMMIT_LIMIT) + " more commits");
      }
      if (n == 0) {
        lines.add("      (no newer commit: " + component + " went back to an earlier commit)");
      }
    } catch (MissingObjectException e) {
      return List.of("      (its history is not in the mirror cache)");
    }
    return lines;
  }

}
