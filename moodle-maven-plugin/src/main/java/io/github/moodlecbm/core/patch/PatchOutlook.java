package io.github.moodlecbm.core.patch;

import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * For {@code moodle:outdated}: before anything changes, which of the site's patches would stop
 * applying to an available update of their component, or are already in it. Reads the mirrors,
 * writes nothing but scratch objects into the build's store.
 */
public final class PatchOutlook {
  /** An available update of a component: how the table names it, and its commit. */
  public record Update(String label, ObjectId commit) {}

  private final Workspace workspace;

  public PatchOutlook(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Says, for each component with patches and an update, what its patches would do; silent otherwise. */
  public void report(Lock lock, Map<String, Update> updates) throws IOException {
    if (!lock.patched()) {
      return;
    }
    try (Repository store = workspace.store().open(); ObjectInserter inserter = store.newObjectInserter()) {
      Patcher patcher = new Patcher(store, inserter, workspace.settings().projectDir(), workspace.log());
      for (Map.Entry<String, Update> e : updates.entrySet()) {
        String who = e.getKey();
        List<Lock.Patch> patches = who.equals("moodle") ? lock.moodle().patches()
            : lock.plugins().containsKey(who) ? lock.plugins().get(who).patches() : List.of();
        if (patches.isEmpty()) {
          continue;
        }
        Optional<ObjectId> tree = tree(lock, who, e.getValue().commit());
        if (tree.isEmpty()) {
          continue;
        }
        List<Patcher.Outcome> outcomes = patcher.outcomes(tree.get(), patches);
        for (int i = 0; i < patches.size(); i++) {
          String path = patches.get(i).path();
          switch (outcomes.get(i)) {
            case APPLIES -> workspace.log().info(PatchMessages.stillApplies(who, e.getValue().label(), path));
            case STOPS_APPLYING -> workspace.log().warn(PatchMessages.wouldStopApplying(who, e.getValue().label(), path));
            case ALREADY_UPSTREAM -> workspace.log().warn(PatchMessages.wouldBeUpstream(who, e.getValue().label(), path));
            case UNREADABLE -> { }
          }
        }
      }
    }
  }

  /** The component's tree at a commit of its mirror: Moodle's whole tree, a plugin's folder. */
  private Optional<ObjectId> tree(Lock lock, String who, ObjectId commit) throws IOException {
    String source = who.equals("moodle") ? lock.moodle().source() : lock.plugins().get(who).source();
    String folder = who.equals("moodle") ? "" : lock.plugins().get(who).path();
    Mirror mirror = workspace.mirrors().mirror(source);
    Optional<RevCommit> c = mirror.commit(commit);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    try (ObjectReader reader = mirror.repository().newObjectReader()) {
      return new TreeFiles(reader).folder(c.get().getTree(), folder);
    }
  }
}
