package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.directory.PluginDirectory;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.verify.PluginMetadata;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The versions of a plugin in its repository, as its {@code version.php} declares them on each
 * release branch and tag: tag names come in every shape ({@code v4.5-r3}, {@code V1.4},
 * {@code 1.22.3}), so only {@code version.php} is trusted. Finds the newest version that runs on a
 * given Moodle, and the commit of a given {@code $plugin->version} or {@code $plugin->release},
 * down to the commit of a branch's history that set it when no tag marks it.
 */
public final class PluginVersions {
  private static final Pattern RELEASE_BRANCH = Pattern.compile("main|master|MOODLE_\\d+_STABLE");

  /** A version of the plugin: a branch head or a tag, with what its version.php declares. */
  public record Candidate(String kind, String name, ObjectId commit, PluginMetadata meta) {
    public String label() {
      return kind + " " + name;
    }

    String describe() {
      return label() + " (" + (meta.version() == null ? "no version" : meta.version().toPlainString())
          + (meta.release() == null ? "" : ", " + meta.release()) + "): " + meta.needs();
    }
  }

  /** What was picked and why, as the lock records it. */
  record Pick(ObjectId commit, String why) {}

  private final String who;
  private final Mirror mirror;
  private final String folder;
  private List<Candidate> candidates;

  /** @param folder the plugin's folder in its repository, "" for the root */
  public PluginVersions(String who, Mirror mirror, String folder) {
    this.who = who;
    this.mirror = mirror;
    this.folder = folder;
  }

  /**
   * The newest version that declares it runs on this Moodle: the site's {@code MOODLE_XYZ_STABLE}
   * branch when there is one and it does, else the branch head or tag with the highest
   * {@code $plugin->version} that does (a tag before a branch at the same version).
   */
  Pick newestCompatible(BigDecimal coreVersion, int coreBranch, String coreRelease) throws CodebaseException, IOException {
    String stable = "MOODLE_" + coreBranch + "_STABLE";
    for (Candidate c : candidates()) {
      if (c.kind().equals("branch") && c.name().equals(stable) && c.meta().runsOn(coreVersion, coreBranch)) {
        return new Pick(c.commit(), stable + ": " + c.meta().needs());
      }
    }
    for (Candidate c : candidates()) {
      if (c.meta().runsOn(coreVersion, coreBranch)) {
        return new Pick(c.commit(), c.label() + ": " + c.meta().needs());
      }
    }
    List<String> newest = candidates().stream().limit(5).map(Candidate::describe).toList();
    throw new CodebaseException(ResolveMessages.noCompatibleVersion(who, mirror.url(), coreRelease,
        coreVersion.toPlainString(), coreBranch, newest));
  }

  /**
   * The commit whose version.php sets {@code $plugin->version} to {@code number}: the tag the
   * plugins directory names for it, else a tag that has it, else the commit of a release branch's
   * history that set it.
   */
  Pick version(String number, Optional<PluginDirectory.Plugin> listed) throws CodebaseException, IOException {
    BigDecimal wanted = new BigDecimal(number);
    Optional<PluginDirectory.Version> entry = listed.flatMap(p -> p.version(number));
    return find("version", number, entry, m -> m.version() != null && m.version().compareTo(wanted) == 0);
  }

  /** The commit whose version.php sets {@code $plugin->release} to {@code release}. */
  Pick release(String release, Optional<PluginDirectory.Plugin> listed) throws CodebaseException, IOException {
    Optional<PluginDirectory.Version> entry = listed.flatMap(p -> p.release(release));
    return find("release", release, entry, m -> release.equals(m.release()));
  }

  private interface Wanted {
    boolean test(PluginMetadata meta);
  }

  private Pick find(String kind, String value, Optional<PluginDirectory.Version> entry, Wanted wanted)
      throws CodebaseException, IOException {
    if (entry.isPresent() && entry.get().vcstag() != null && !entry.get().vcstag().isBlank()) {
      String tag = entry.get().vcstag().trim();
      ObjectId id = mirror.tags().get(tag);
      if (id != null && metadata(id).filter(wanted::test).isPresent()) {
        return new Pick(id, "tag " + tag + ": the plugins directory's tag for " + kind + " " + value);
      }
    }
    for (Candidate c : candidates()) {
      if (c.kind().equals("tag") && wanted.test(c.meta())) {
        return new Pick(c.commit(), c.label() + ": its version.php has " + kind + " " + value);
      }
    }
    Set<String> branches = new LinkedHashSet<>();
    entry.map(PluginDirectory.Version::vcsbranch).filter(b -> !b.isBlank()).ifPresent(b -> branches.add(b.trim()));
    for (Candidate c : candidates()) {
      if (c.kind().equals("branch")) {
        branches.add(c.name());
      }
    }
    for (String branch : branches) {
      ObjectId head = mirror.branches().get(branch);
      if (head == null) {
        continue;
      }
      Optional<ObjectId> set = setIn(head, wanted);
      if (set.isPresent()) {
        return new Pick(set.get(), "branch " + branch + ": the commit that set " + kind + " " + value);
      }
    }
    Set<String> known = new LinkedHashSet<>();
    for (Candidate c : candidates()) {
      Object v = kind.equals("version") ? c.meta().version() : c.meta().release();
      if (v != null) {
        known.add(v instanceof BigDecimal n ? n.toPlainString() : v.toString());
      }
    }
    throw new CodebaseException(ResolveMessages.pluginVersionNotFound(who, kind, value, mirror.url(), known));
  }

  /**
   * The commit of a branch's history that made version.php declare what is wanted: walking the
   * commits that changed version.php, newest first, the oldest of the first run that has it.
   */
  private Optional<ObjectId> setIn(ObjectId head, Wanted wanted) throws IOException {
    String path = folder.isEmpty() ? "version.php" : folder + "/version.php";
    try (RevWalk walk = new RevWalk(mirror.repository())) {
      walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
      walk.markStart(walk.parseCommit(head));
      RevCommit found = null;
      for (RevCommit c : walk) {
        boolean has = metadata(c).filter(wanted::test).isPresent();
        if (has) {
          found = c;
        } else if (found != null) {
          break;
        }
      }
      return Optional.ofNullable(found).map(RevCommit::copy);
    }
  }

  /** Every release branch head and tag with a readable version.php, newest version first. */
  public List<Candidate> candidates() throws IOException {
    if (candidates != null) {
      return candidates;
    }
    Map<ObjectId, Optional<PluginMetadata>> read = new HashMap<>();
    List<Candidate> all = new ArrayList<>();
    String defaultBranch = defaultBranch();
    for (Map.Entry<String, ObjectId> b : mirror.branches().entrySet()) {
      if (RELEASE_BRANCH.matcher(b.getKey()).matches() || b.getKey().equals(defaultBranch)) {
        Optional<PluginMetadata> meta = read.computeIfAbsent(b.getValue(), this::metadataUnchecked);
        meta.ifPresent(m -> all.add(new Candidate("branch", b.getKey(), b.getValue(), m)));
      }
    }
    for (Map.Entry<String, ObjectId> t : mirror.tags().entrySet()) {
      Optional<PluginMetadata> meta = read.computeIfAbsent(t.getValue(), this::metadataUnchecked);
      meta.ifPresent(m -> all.add(new Candidate("tag", t.getKey(), t.getValue(), m)));
    }
    all.removeIf(c -> c.meta().version() == null);
    all.sort(Comparator.comparing((Candidate c) -> c.meta().version()).reversed()
        .thenComparing(c -> c.kind().equals("tag") ? 0 : 1)
        .thenComparing(Candidate::name, Comparator.reverseOrder()));
    candidates = all;
    return all;
  }

  private String defaultBranch() throws IOException {
    Ref head = mirror.repository().exactRef(Constants.HEAD);
    if (head != null && head.isSymbolic() && head.getTarget().getName().startsWith(Constants.R_HEADS)) {
      return head.getTarget().getName().substring(Constants.R_HEADS.length());
    }
    return "";
  }

  private Optional<PluginMetadata> metadataUnchecked(ObjectId commit) {
    try {
      return metadata(commit);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<PluginMetadata> metadata(ObjectId commit) throws IOException {
    return metadataAt(mirror, commit, folder);
  }

  /** What the plugin's version.php at a commit declares; empty when it is missing or unreadable. */
  public static Optional<PluginMetadata> metadataAt(Mirror mirror, ObjectId commit, String folder) throws IOException {
    Optional<RevCommit> c = mirror.commit(commit);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectReader reader = mirror.repository().newObjectReader()) {
      TreeFiles files = new TreeFiles(reader);
      Optional<ObjectId> tree = files.folder(c.get().getTree(), folder);
      if (tree.isEmpty()) {
        return Optional.empty();
      }
      return files.text(tree.get(), "version.php").flatMap(PluginMetadata::read);
    }
  }
}
