package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.resolve.Lock;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The second stage's result: the code base as one git tree (Moodle's tree with every plugin's tree
 * grafted at its install path), and the lock that names it, as written to the lock file. The tree
 * id names every byte of the code base; nothing is on disk until a work tree is asked for.
 */
public record Assembled(Site site, Lock lock, ObjectId tree) {
  /** Each plugin's install path in the code base, by component. */
  public SortedMap<String, String> installPaths() {
    SortedMap<String, String> paths = new TreeMap<>();
    for (Map.Entry<String, Lock.Plugin> e : lock.plugins().entrySet()) {
      paths.put(e.getKey(), e.getValue().installPath());
    }
    return paths;
  }
}
