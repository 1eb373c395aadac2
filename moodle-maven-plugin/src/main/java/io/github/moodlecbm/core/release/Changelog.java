package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.resolve.Lock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two releases, in Moodle's terms: Moodle's release, then one line per plugin
 * added ({@code +}), changed ({@code ~}) or removed ({@code -}), plugins named by component and
 * their versions by tag, or by {@code $plugin->version} and branch and commit when no tag names
 * them.
 *
 * @param previous the earlier release, or null for the first
 */
public record Changelog(Manifest previous, Manifest current) {
  public static final String SITE = "Site";
  public static final String LOCK = "Lock-SHA256";
  public static final String VERIFICATION = "Verification";
  public static final String INSTALL_TEST = "Install-Test";

  /** A plugin whose version went down: Moodle refuses to run older code than its database has. */
  public record Downgrade(String component, String from, String to) {}

  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    String now = moodle(current);
    if (previous == null) {
      lines.add("Moodle " + now);
      current.lock().plugins().keySet().forEach(c -> lines.add("+ " + c + " " + label(current, c)));
      lines.addAll(patchLines());
      lines.addAll(advisoryLines());
      return lines;
    }
    String before = moodle(previous);
    if (!before.equals(now)) {
      lines.add("Moodle " + before + " -> " + now);
    } else if (!previous.lock().moodle().commit().equals(current.lock().moodle().commit())) {
      lines.add("Moodle " + now + " (" + shortId(previous.lock().moodle().commit()) + " -> "
          + shortId(current.lock().moodle().commit()) + ")");
    }
    for (String c : components()) {
      Lock.Plugin was = previous.lock().plugins().get(c);
      Lock.Plugin is = current.lock().plugins().get(c);
      if (was == null) {
        lines.add("+ " + c + " " + label(current, c));
      } else if (is == null) {
        lines.add("- " + c);
      } else if (!was.commit().equals(is.commit()) || !label(previous, c).equals(label(current, c))
          || !Objects.equals(was.installPath(), is.installPath())) {
        lines.add("~ " + c + " " + label(previous, c) + " -> " + label(current, c));
      }
    }
    lines.addAll(patchLines());
    lines.addAll(advisoryLines());
    return lines;
  }

  /**
   * The published advisories the release removed ({@code ! fixes GHSA-..., CVE-... (moodle, high)})
   * and those it still has ({@code ! affected by ...}), as its manifest records them.
   */
  List<String> advisoryLines() {
    List<String> lines = new ArrayList<>();
    Manifest.Advisories a = current.advisories();
    if (a == null) {
      return lines;
    }
    a.fixed().forEach(f -> lines.add("! fixes " + String.join(", ", f.ids()) + " (" + f.component() + ", " + f.severity() + ")"));
    a.affecting().forEach(f -> lines.add("! affected by " + String.join(", ", f.ids()) + " (" + f.component() + ", "
        + f.severity() + ")"));
    return lines;
  }

  /**
   * One line per component whose patches of the site's own changed: each patch file added
   * ({@code +}), changed ({@code ~}) or removed ({@code -}), e.g. {@code * block_xp: +0001-fix.patch}.
   */
  private List<String> patchLines() {
    List<String> lines = new ArrayList<>();
    List<String> who = new ArrayList<>();
    who.add("moodle");
    who.addAll(current.lock().plugins().keySet());
    for (String c : who) {
      Map<String, String> was = previous == null ? Map.of() : patches(previous, c);
      Map<String, String> is = patches(current, c);
      List<String> changes = new ArrayList<>();
      is.forEach((name, sha) -> {
        if (!was.containsKey(name)) {
          changes.add("+" + name);
        } else if (!was.get(name).equals(sha)) {
          changes.add("~" + name);
        }
      });
      was.keySet().stream().filter(name -> !is.containsKey(name)).forEach(name -> changes.add("-" + name));
      if (!changes.isEmpty()) {
        lines.add("* " + c + ": " + String.join(", ", changes));
      }
    }
    java.util.SortedMap<String, String> ownBefore = previous == null || previous.lock() == null ? new java.util.TreeMap<>()
        : previous.lock().overlayPlugins();
    java.util.SortedMap<String, String> ownNow = current.lock().overlayPlugins();
    ownNow.keySet().stream().filter(c -> !ownBefore.containsKey(c)).forEach(c -> lines.add("+ " + c + " (overlay)"));
    ownBefore.keySet().stream().filter(c -> !ownNow.containsKey(c)).forEach(c -> lines.add("- " + c + " (overlay)"));
    Lock.Overlay was = previous == null || previous.lock() == null ? null : previous.lock().overlay();
    Lock.Overlay is = current.lock().overlay();
    if (is != null && (was == null || !was.tree().equals(is.tree()))) {
      lines.add("* overlay: " + (was == null ? "+" : "~") + is.files() + (is.files() == 1 ? " file" : " files"));
    } else if (is == null && was != null) {
      lines.add("* overlay: -" + was.files() + (was.files() == 1 ? " file" : " files"));
    }
    return lines;
  }

  /** A component's patches in a release, by file name, with their digests. */
  private static Map<String, String> patches(Manifest m, String component) {
    Lock lock = m.lock();
    List<Lock.Patch> list = lock == null ? List.of()
        : component.equals("moodle") ? lock.moodle().patches()
        : lock.plugins().containsKey(component) ? lock.plugins().get(component).patches()
        : List.of();
    Map<String, String> byName = new LinkedHashMap<>();
    list.forEach(p -> byName.put(p.path().substring(p.path().lastIndexOf('/') + 1), p.sha256()));
    return byName;
  }

  /** The components the previous release had and this one drops. */
  public List<String> removed() {
    if (previous == null) {
      return List.of();
    }
    List<String> gone = new ArrayList<>(
        previous.lock().plugins().keySet().stream().filter(c -> !current.lock().plugins().containsKey(c)).toList());
    previous.lock().overlayPlugins().keySet().stream()
        .filter(c -> !current.lock().overlayPlugins().containsKey(c) && !current.lock().plugins().containsKey(c))
        .forEach(gone::add);
    return gone;
  }

  /** The components, Moodle first as {@code moodle}, whose version is lower than in the previous release. */
  public List<Downgrade> downgrades() {
    List<Downgrade> result = new ArrayList<>();
    if (previous == null) {
      return result;
    }
    if (lower(current.moodle().version(), previous.moodle().version())) {
      result.add(new Downgrade("moodle", moodle(previous), moodle(current)));
    }
    for (String c : current.plugins().keySet()) {
      Manifest.Version was = previous.plugins().get(c);
      Manifest.Version is = current.plugins().get(c);
      if (was != null && lower(is.version(), was.version())) {
        result.add(new Downgrade(c, was.version(), is.version()));
      }
    }
    return result;
  }

  /** One line: Moodle's release, how many plugins, what changed. */
  public String subject() {
    String head = "Moodle " + moodle(current) + ", " + count(current.lock().plugins().size(), "plugin");
    if (previous == null) {
      return head + ": first release";
    }
    int added = 0;
    int changed = 0;
    int removed = 0;
    int patched = 0;
    boolean overlay = false;
    for (String line : lines()) {
      if (line.startsWith("+ ")) {
        added++;
      } else if (line.startsWith("~ ")) {
        changed++;
      } else if (line.startsWith("- ")) {
        removed++;
      } else if (line.startsWith("* overlay: ")) {
        overlay = true;
      } else if (line.startsWith("* ")) {
        patched++;
      }
    }
    List<String> parts = new ArrayList<>();
    if (!moodle(previous).equals(moodle(current))) {
      parts.add("Moodle updated");
    }
    if (added > 0) {
      parts.add(added + " added");
    }
    if (changed > 0) {
      parts.add(changed + " updated");
    }
    if (removed > 0) {
      parts.add(removed + " removed");
    }
    if (patched > 0) {
      parts.add("patches of " + count(patched, "component") + " changed");
    }
    if (overlay) {
      parts.add("overlay changed");
    }
    int fixes = current.advisories() == null ? 0 : current.advisories().fixed().size();
    if (fixes > 0) {
      parts.add("fixes " + count(fixes, "advisory").replace("advisorys", "advisories"));
    }
    return head + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
  }

  /** The commit message: subject, the changelog, then the trailers. */
  public String message() {
    StringBuilder m = new StringBuilder(subject()).append("\n\n");
    lines().forEach(l -> m.append(l).append('\n'));
    m.append('\n')
        .append(SITE).append(": ").append(current.site()).append('\n')
        .append(LOCK).append(": ").append(current.lockSha256()).append('\n')
        .append(VERIFICATION).append(": ").append(current.verification()).append('\n');
    if (current.installTest() != null) {
      m.append(INSTALL_TEST).append(": ").append(current.installTest()).append('\n');
    }
    return m.toString();
  }

  private TreeSet<String> components() {
    TreeSet<String> all = new TreeSet<>(current.lock().plugins().keySet());
    all.addAll(previous.lock().plugins().keySet());
    return all;
  }

  static String moodle(Manifest m) {
    return m.moodle().release() != null ? m.moodle().release() : m.lock().moodle().release();
  }

  /** {@code v19.2} for a tag; else {@code 2024100701 (MOODLE_405_STABLE @ 1a2b3c4)}. */
  static String label(Manifest m, String component) {
    Lock.Plugin p = m.lock().plugins().get(component);
    if (p.pin() instanceof Pin.Tag tag) {
      return tag.name();
    }
    Manifest.Version v = m.plugins().get(component);
    String version = v == null || v.version() == null ? "" : v.version() + " ";
    String line = p.pin() instanceof Pin.Branch branch ? branch.name() + " " : "";
    return version + "(" + line + "@ " + shortId(p.commit()) + ")";
  }

  static String shortId(String id) {
    return id == null ? "?" : id.substring(0, Math.min(7, id.length()));
  }

  private static boolean lower(String now, String before) {
    if (now == null || before == null || !now.matches("\\d+(\\.\\d+)?") || !before.matches("\\d+(\\.\\d+)?")) {
      return false;
    }
    return new BigDecimal(now).compareTo(new BigDecimal(before)) < 0;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
