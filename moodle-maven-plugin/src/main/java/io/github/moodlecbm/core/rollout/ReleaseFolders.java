package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.release.ReleaseRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * What rollouts and rollbacks share about an environment's release folders: writing a release from
 * the release repository, which release a folder holds, what went live, the variables the
 * environment's commands see, and the pruning of old releases.
 */
final class ReleaseFolders {
  private final ReleaseRepository releases;
  private final BuildLog log;

  ReleaseFolders(ReleaseRepository releases, BuildLog log) {
    this.releases = releases;
    this.log = log;
  }

  /**
   * Makes {@code folder} hold the release's tree (config.php, the environment's own, kept); with a
   * donor, every file the donor holds unchanged is a hard link to it.
   */
  WorkTreeWriter.Result write(RevCommit commit, Path folder, Path index, Path donor, Path donorIndex) throws IOException {
    Files.createDirectories(index.getParent());
    try (ObjectReader reader = releases.repository().newObjectReader()) {
      WorkTreeWriter writer = new WorkTreeWriter(ObjectSource.of(reader)).keeping(Set.of(Environment.CONFIG));
      if (donor != null) {
        writer.linkingFrom(donor, donorIndex);
      }
      return writer.write(commit.getTree(), folder, index);
    }
  }

  /**
   * The record of what went live, made to agree with {@code current} (a rollout killed between
   * the switch and the record leaves them apart: the link is the truth).
   */
  EnvironmentDir.State reconcile(EnvironmentDir dir) throws IOException {
    EnvironmentDir.State state = dir.state();
    Optional<String> live = dir.liveFolder();
    if (live.isPresent() && !state.current().map(EnvironmentDir::folderName).equals(live)) {
      state.live().add(tagOfFolder(null, live.get()));
      dir.save(state);
    }
    return state;
  }

  /** The tag of the release live now, if any. */
  Optional<String> liveTag(EnvironmentDir dir, EnvironmentDir.State state) throws IOException {
    Optional<String> live = dir.liveFolder();
    if (live.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(tagOfFolder(state.current().orElse(null), live.get()));
  }

  /** The tag a release folder holds: the one named, when it is that folder's, else a release tag of that folder name. */
  private String tagOfFolder(String candidate, String folder) throws IOException {
    if (candidate != null && EnvironmentDir.folderName(candidate).equals(folder)) {
      return candidate;
    }
    for (List<String> tags : releases.tagsByCommit().values()) {
      for (String t : tags) {
        if (EnvironmentDir.folderName(t).equals(folder)) {
          return t;
        }
      }
    }
    return folder;
  }

  /** The variables the environment's commands see, {@code MOODLE_CBM_*}. */
  static Map<String, String> variables(Environment env, EnvironmentDir dir, String action, String tag, String previous,
      Path folder, String codeRoot) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("MOODLE_CBM_ENV", env.name());
    v.put("MOODLE_CBM_ACTION", action);
    v.put("MOODLE_CBM_RELEASE", tag);
    v.put("MOODLE_CBM_PREVIOUS", previous == null ? "" : previous);
    v.put("MOODLE_CBM_DIR", dir.dir.toString());
    v.put("MOODLE_CBM_RELEASE_DIR", folder.toString());
    v.put("MOODLE_CBM_CODE_ROOT", codeRoot == null || codeRoot.isEmpty() ? folder.toString() : folder.resolve(codeRoot).toString());
    return v;
  }

  /**
   * Keeps the live release and the ones most recently live (or written), {@code keep} in all;
   * removes the other release folders this environment made.
   */
  void prune(EnvironmentDir dir, EnvironmentDir.State state, int keep, String live) throws IOException {
    List<String> order = new ArrayList<>();
    order.add(EnvironmentDir.folderName(live));
    for (int i = state.live().size() - 1; i >= 0; i--) {
      String f = EnvironmentDir.folderName(state.live().get(i));
      if (!order.contains(f)) {
        order.add(f);
      }
    }
    List<String> others = new ArrayList<>(dir.releaseFolders());
    others.removeAll(order);
    others.sort(Comparator.comparing((String f) -> {
      try {
        return Files.getLastModifiedTime(dir.releases().resolve(f)).toMillis();
      } catch (IOException e) {
        return 0L;
      }
    }).reversed());
    order.addAll(others);
    Set<String> present = new LinkedHashSet<>(dir.releaseFolders());
    order.removeIf(f -> !present.contains(f));
    List<String> removed = new ArrayList<>();
    for (String f : order.subList(Math.min(keep, order.size()), order.size())) {
      if (!f.equals(EnvironmentDir.folderName(live))) {
        dir.removeRelease(dir.releases().resolve(f), f);
        removed.add(f);
      }
    }
    if (!removed.isEmpty()) {
      state.live().removeIf(t -> removed.contains(EnvironmentDir.folderName(t)));
      dir.save(state);
      log.info(RolloutMessages.removedReleases(removed, dir.releases(), keep));
    }
  }

  /** Says, in a dry run, what a command would run. */
  static void plan(BuildLog log, Hook hook) {
    if (hook != null) {
      log.info(RolloutMessages.wouldRun(hook));
    }
  }
}
