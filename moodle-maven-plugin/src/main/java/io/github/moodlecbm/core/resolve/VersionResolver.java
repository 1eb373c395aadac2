package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.mirror.Mirror;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/** Turns a pin into a commit of a mirror, or says precisely why it cannot. */
public final class VersionResolver {

  /**
   * The commit a pin stands for in the mirror as it is now.
   *
   * @param who the component (or "moodle") the pin belongs to, for messages
   */
  public ObjectId resolve(String who, Mirror mirror, Pin pin) throws CodebaseException, IOException {
    if (pin instanceof Pin.Branch b) {
      ObjectId id = mirror.branches().get(b.name());
      if (id == null) {
        throw new CodebaseException(
            ResolveMessages.branchNotFound(who, b.name(), mirror.url(), mirror.branches().keySet()));
      }
      return id;
    }
    if (pin instanceof Pin.Tag t) {
      ObjectId id = mirror.tags().get(t.name());
      if (id == null || mirror.commit(id).isEmpty()) {
        throw new CodebaseException(
            ResolveMessages.tagNotFound(who, t.name(), mirror.url(), mirror.tags().keySet()));
      }
      return id;
    }
    if (pin instanceof Pin.Commit c) {
      Optional<ObjectId> id = findCommit(mirror, c.id());
      if (id.isEmpty()) {
        throw new CodebaseException(ResolveMessages.commitNotFound(who, c.id(), mirror.url()));
      }
      return id.get();
    }
    return release(mirror, ((Pin.Release) pin).version());
  }

  /**
   * The commit of a fixed pin (a tag, a Moodle point release, a commit) when the mirror already
   * holds it: such a pin cannot move, so no fetch could change what it stands for.
   */
  public Optional<ObjectId> present(Mirror mirror, Pin pin) throws CodebaseException, IOException {
    if (!mirror.exists() || pin.floating()) {
      return Optional.empty();
    }
    if (pin instanceof Pin.Commit c) {
      return findCommit(mirror, c.id());
    }
    String tag = pin instanceof Pin.Tag t ? t.name()
        : pin instanceof Pin.Release r && !r.version().stableHead() ? r.version().releaseTag()
        : null;
    ObjectId id = tag == null ? null : mirror.tags().get(tag);
    return id != null && mirror.commit(id).isPresent() ? Optional.of(id) : Optional.empty();
  }

  /** A commit of the mirror named by a full or abbreviated id, if there is exactly one. */
  public Optional<ObjectId> findCommit(Mirror mirror, String id) throws CodebaseException, IOException {
    if (!mirror.exists()) {
      return Optional.empty();
    }
    if (id.length() == org.eclipse.jgit.lib.Constants.OBJECT_ID_STRING_LENGTH) {
      ObjectId full = ObjectId.fromString(id);
      return mirror.commit(full).map(c -> full);
    }
    try (ObjectReader reader = mirror.repository().newObjectReader()) {
      Collection<ObjectId> matches = reader.resolve(AbbreviatedObjectId.fromString(id));
      Optional<ObjectId> found = Optional.empty();
      for (ObjectId candidate : matches) {
        if (mirror.commit(candidate).isPresent()) {
          if (found.isPresent()) {
            throw new CodebaseException(ResolveMessages.ambiguousCommit(id, mirror.url()));
          }
          found = Optional.of(candidate);
        }
      }
      return found;
    }
  }

  private ObjectId release(Mirror mirror, MoodleVersion version)
      throws CodebaseException, IOException {
    if (version.stableHead()) {
      ObjectId id = mirror.branches().get(version.stableBranch());
      if (id == null) {
        throw new CodebaseException(ResolveMessages.moodleVersionNotFound(version, mirror.url(), releases(mirror)));
      }
      return id;
    }
    SortedMap<String, ObjectId> tags = mirror.tags();
    if (version.patch() >= 0) {
      ObjectId id = tags.get(version.releaseTag());
      if (id == null) {
        throw new CodebaseException(ResolveMessages.moodleVersionNotFound(version, mirror.url(), releases(mirror)));
      }
      return id;
    }
    int newest = -1;
    ObjectId newestId = null;
    for (Map.Entry<String, ObjectId> e : tags.entrySet()) {
      Matcher m = version.releaseTagPattern().matcher(e.getKey());
      if (m.matches() && Integer.parseInt(m.group(1)) > newest) {
        newest = Integer.parseInt(m.group(1));
        newestId = e.getValue();
      }
    }
    if (newestId == null) {
      throw new CodebaseException(ResolveMessages.moodleVersionNotFound(version, mirror.url(), releases(mirror)));
    }
    return newestId;
  }

  /** The Moodle releases a mirror has, by major version, e.g. {@code 4.5 -> 4.5.0 .. 4.5.6}. */
  static SortedMap<String, String> releases(Mirror mirror) throws IOException {
    java.util.regex.Pattern release = java.util.regex.Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)");
    SortedMap<String, int[]> ranges = new TreeMap<>(VersionResolver::compareVersions);
    for (String tag : mirror.tags().keySet()) {
      Matcher m = release.matcher(tag);
      if (m.matches()) {
        int patch = Integer.parseInt(m.group(3));
        ranges.merge(m.group(1) + "." + m.group(2), new int[] {patch, patch},
            (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
      }
    }
    SortedMap<String, String> result = new TreeMap<>(VersionResolver::compareVersions);
    ranges.forEach((major, r) -> result.put(major, r[0] == r[1] ? major + "." + r[0] : major + "." + r[0] + " to " + major + "." + r[1]));
    return result;
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
