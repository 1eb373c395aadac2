package io.github.moodlecbm.core.fleet;

import io.github.moodlecbm.core.layout.CoreRelease;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.PluginMetadata;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The release and {@code $version} of a locked component, read as text from its {@code version.php}
 * at the locked commit in the local mirror: nothing is fetched, nothing is run.
 *
 * @param release {@code $plugin->release} (Moodle: {@code $release}), or the commit's first ten
 *     characters when the mirror is not on this machine
 * @param version {@code $plugin->version} (Moodle: {@code $version}), or null when unknown
 */
public record LockedVersion(String release, BigDecimal version) {

  /** Where the versions of locked components are read. */
  public interface Source {
    LockedVersion moodle(Lock.Moodle moodle);

    LockedVersion plugin(Lock.Plugin plugin);
  }

  /** Reads locked versions from the mirrors of one cache. */
  public static final class Reader implements Source {
    private final MirrorCache mirrors;

    public Reader(MirrorCache mirrors) {
      this.mirrors = mirrors;
    }

    @Override
    public LockedVersion moodle(Lock.Moodle m) {
      Optional<String> text = versionPhp(m.source(), m.commit(), m.codeRoot() == null ? "" : m.codeRoot());
      Optional<CoreRelease> core = text.flatMap(CoreRelease::parse);
      String release = core.map(CoreRelease::release).orElse(m.release() == null ? abbrev(m.commit()) : m.release())
          .replaceFirst("\\s*\\(Build: [^)]*\\)$", ""); // the $version beside it says as much
      return new LockedVersion(release, core.map(c -> new BigDecimal(c.version())).orElse(null));
    }

    @Override
    public LockedVersion plugin(Lock.Plugin p) {
      Optional<PluginMetadata> meta = versionPhp(p.source(), p.commit(), p.path()).flatMap(PluginMetadata::read);
      return new LockedVersion(meta.map(PluginMetadata::release).filter(r -> r != null && !r.isBlank()).orElse(abbrev(p.commit())),
          meta.map(PluginMetadata::version).orElse(null));
    }

    private Optional<String> versionPhp(String source, String commit, String folder) {
      if (source == null || commit == null) {
        return Optional.empty();
      }
      try {
        Mirror mirror = mirrors.mirror(source);
        Optional<RevCommit> c = mirror.exists() ? mirror.commit(ObjectId.fromString(commit)) : Optional.empty();
        if (c.isEmpty()) {
          return Optional.empty();
        }
        try (ObjectReader reader = mirror.repository().newObjectReader()) {
          return new TreeFiles(reader).text(c.get().getTree(), folder.isEmpty() ? "version.php" : folder + "/version.php");
        }
      } catch (IOException | IllegalArgumentException e) {
        return Optional.empty(); // an unreadable mirror: the table shows the commit
      }
    }

    private static String abbrev(String commit) {
      return commit == null ? "" : commit.substring(0, Math.min(10, commit.length()));
    }
  }
}
