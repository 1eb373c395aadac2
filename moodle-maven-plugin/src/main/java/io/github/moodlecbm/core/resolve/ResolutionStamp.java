package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildStamp;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.config.Site;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What the last successful resolution in this {@code target/} started from and produced: the
 * pom's site, the lock it wrote (tree included), the tags of the mirrors of tag pins and this build
 * of the plugin. While all of them are the same, resolving again could only reach the same lock.
 */
public final class ResolutionStamp {
  private final Workspace workspace;
  private final BuildStamp stamp;

  public ResolutionStamp(Workspace workspace) {
    this.workspace = workspace;
    this.stamp = new BuildStamp(workspace.settings().workDir().resolve("resolution.sha256"));
  }

  /**
   * Whether {@code lock} is what the last resolution of {@code site} wrote, its tree still in the
   * build's store and every mirror it names still there.
   */
  boolean unchanged(Site site, Lock lock) throws IOException {
    if (lock.tree() == null) {
      return false;
    }
    List<String> sources = new ArrayList<>();
    sources.add(lock.moodle().source());
    for (Lock.Plugin p : lock.plugins().values()) {
      sources.add(p.source());
      p.submodules().forEach(s -> sources.add(s.source()));
    }
    for (String source : sources) {
      if (!workspace.mirrors().mirror(source).exists()) {
        return false;
      }
    }
    return stamp.matches(key(site, lock)) && workspace.store().holds(ObjectId.fromString(lock.tree()));
  }

  /** Records a resolution whose lock (with its tree) was written. */
  public void record(Site site, Lock lock) throws IOException {
    stamp.write(key(site, lock));
  }

  /** Forgets the last resolution, before one starts: a build that fails leaves no stamp. */
  void clear() throws IOException {
    stamp.clear();
  }

  /**
   * The digest of what a resolution depends on: the pom's site, the lock, and the tags of the
   * mirrors of tag pins, since a tag moved by a fetch (for another site sharing the cache) must be
   * reported.
   */
  private String key(Site site, Lock lock) throws IOException {
    StringBuilder tags = new StringBuilder();
    if (lock.moodle().pin() instanceof Pin.Tag) {
      tags.append(workspace.mirrors().mirror(lock.moodle().source()).tagsFingerprint()).append('\n');
    }
    for (Lock.Plugin p : lock.plugins().values()) {
      if (p.pin() instanceof Pin.Tag) {
        tags.append(workspace.mirrors().mirror(p.source()).tagsFingerprint()).append('\n');
      }
    }
    return BuildStamp.key(site.toString(), LockFile.render(lock), tags.toString());
  }
}
