package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.Component;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.directory.PluginDirectory;
import io.github.moodlecbm.core.layout.CoreRelease;
import io.github.moodlecbm.core.layout.InstallPathLayout;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.mirror.MirrorMessages;
import io.github.moodlecbm.core.patch.PatchFiles;
import io.github.moodlecbm.core.verify.PluginMetadata;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Resolves every pin of a site to a commit and every plugin to its install path. Without {@code
 * update}, a pin that the lock already records keeps its commit and its mirror is not fetched at
 * all when it holds that commit: the build is reproducible and cheap.
 */
public final class SiteResolver {
  private final MirrorCache mirrors;
  private final BuildLog log;
  private final java.util.function.Predicate<String> update;
  private final boolean offline;
  private final VersionResolver versions = new VersionResolver();
  private final Directory directory;
  private ResolvedPlugins kept = ResolvedPlugins.none();

  /** The plugins directory, loaded only when a plugin needs it. */
  public interface Directory {
    PluginDirectory get() throws CodebaseException, IOException;
  }

  public SiteResolver(MirrorCache mirrors, BuildLog log, boolean update, boolean offline, Directory directory) {
    this(mirrors, log, who -> update, offline, directory);
  }

  /**
   * @param update which components ("moodle" for Moodle) resolve their floating pins again,
   *     rather than keep the lock's commit
   */
  public SiteResolver(MirrorCache mirrors, BuildLog log, java.util.function.Predicate<String> update, boolean offline,
      Directory directory) {
    this.mirrors = mirrors;
    this.log = log;
    this.update = update;
    this.offline = offline;
    this.directory = directory;
  }

  /**
   * What the last resolution read of each plugin's locked commit: a plugin whose pin, source and
   * path did not change is taken from it without opening its mirror.
   */
  SiteResolver keeping(ResolvedPlugins plugins) {
    this.kept = plugins;
    return this;
  }

  /** What an automatic pick must run on: Moodle's {@code $version}, {@code $branch} and release. */
  private record Core(BigDecimal version, int branch, String release) {}

  public Lock resolve(Site site, Optional<Lock> previous) throws CodebaseException, IOException {
    Lock.Moodle lockedCore = previous.map(Lock::moodle).orElse(null);
    Pin corePin = site.moodle().pin();
    String coreSource = site.moodle().source();
    boolean coreMatches =
        lockedCore != null && coreSource.equals(lockedCore.source()) && corePin.equals(lockedCore.pin());
    Mirror coreMirror = mirrors.mirror(coreSource, site.moodle().serverId());
    prefetch(site, previous, coreMirror, coreMatches);
    ObjectId coreCommit =
        commitFor("moodle", coreMirror, site.moodle().pin(), coreMatches ? lockedCore.commit() : null);

    InstallPathLayout layout;
    CoreRelease release;
    try (ObjectReader reader = coreMirror.repository().newObjectReader()) {
      RevCommit commit = coreMirror.commit(coreCommit).orElseThrow();
      TreeFiles files = new TreeFiles(reader);
      layout = InstallPathLayout.of(files, commit.getTree(), coreMirror.url());
      release = CoreRelease.of(files, commit.getTree(), layout.codeRoot(), coreMirror.url());
      if (site.moodle().pin() instanceof Pin.Release r
          && !r.version().branchNumber().equals(release.branch())) {
        throw new CodebaseException(ResolveMessages.wrongMoodleBranch(r.version(), release));
      }
      log.info(ResolveMessages.coreResolved(corePin.describe(), release.release(), abbreviate(coreCommit)));
    }
    Lock.Moodle core = new Lock.Moodle(coreSource, corePin, coreCommit.name(), release.release(), layout.codeRoot(),
        PatchFiles.locked(site.patches(), "moodle"), null);

    Core target = new Core(new BigDecimal(release.version()), Integer.parseInt(release.branch()), release.release());
    Map<Component, ResolvedPlugin> resolved = new LinkedHashMap<>();
    for (PluginSpec spec : site.plugins()) {
      resolved.put(spec.component(), resolvePlugin(spec, previous, target));
    }
    Map<Component, String> installPaths = PluginPlacement.place(site, resolved, layout, coreMirror, coreCommit);
    for (PluginSpec spec : site.plugins()) {
      ResolvedPlugin r = resolved.get(spec.component());
      PluginPlacement.checkDeclaredComponent(spec, r.source(), r.versionPhp(), r.commit());
    }

    TreeMap<String, Lock.Plugin> plugins = new TreeMap<>();
    for (PluginSpec spec : site.plugins()) {
      ResolvedPlugin r = resolved.get(spec.component());
      plugins.put(
          spec.component().toString(),
          new Lock.Plugin(
              r.source(),
              spec.pin(),
              spec.path(),
              r.commit().name(),
              r.why(),
              installPaths.get(spec.component()),
              r.submodules(),
              PatchFiles.locked(site.patches(), spec.component().toString()),
              null));
    }
    Lock.Overlay overlay = site.overlay() == null ? null : new Lock.Overlay(site.overlay().tree(), site.overlay().files(),
        overlayPlugins(site, layout, installPaths, coreMirror, coreCommit));
    Lock lock = new Lock(Lock.FORMAT, null, core, plugins, overlay);
    return previous.filter(p -> p.unassembled().equals(lock)).orElse(lock);
  }

  /**
   * The site's own plugins in its overlay: each folder holding a {@code version.php} where a plugin
   * of a known type goes ({@code local/mysite}, {@code public/blocks/ours} from Moodle 5.1). One
   * the pom declares too, or that Moodle itself has, is refused.
   */
  private static java.util.SortedMap<String, String> overlayPlugins(Site site, InstallPathLayout layout,
      Map<Component, String> installPaths, Mirror coreMirror, ObjectId coreCommit) throws CodebaseException, IOException {
    java.util.SortedMap<String, String> found = new TreeMap<>();
    for (var e : site.overlay().entries()) {
      String path = e.path();
      if (!path.endsWith("/version.php") || e.link() != null) {
        continue;
      }
      String folder = path.substring(0, path.length() - "/version.php".length());
      String name = folder.substring(folder.lastIndexOf('/') + 1);
      for (String type : layout.pluginTypes().keySet()) {
        Component c;
        try {
          c = Component.parse(type + "_" + name);
        } catch (CodebaseException notAName) {
          continue;
        }
        if (!c.type().equals(type) || !layout.installPath(c).equals(folder)) {
          continue;
        }
        if (installPaths.containsKey(c)) {
          throw new CodebaseException(ResolveMessages.overlayPluginDeclared(c.toString(), folder));
        }
        try (ObjectReader reader = coreMirror.repository().newObjectReader()) {
          RevCommit commit = coreMirror.commit(coreCommit).orElseThrow();
          if (new TreeFiles(reader).folder(commit.getTree(), folder).isPresent()) {
            throw new CodebaseException(ResolveMessages.overlayPluginOfMoodle(c.toString(), folder));
          }
        }
        found.put(c.toString(), folder);
      }
    }
    return found;
  }

  /**
   * The mirrors that resolution is about to fetch (new ones, and those of changed or updated pins)
   * fetched first, a few at a time: a cold build clones Moodle and its plugins side by side rather
   * than one after the other. Each failure is reported when resolution comes to its component, in
   * the pom's order. Sources that only the plugins directory names are left to resolution.
   */
  private void prefetch(Site site, Optional<Lock> previous, Mirror coreMirror, boolean coreMatches) throws IOException {
    if (offline) {
      return;
    }
    Map<Mirror, String> due = new LinkedHashMap<>();
    if (fetches(coreMirror, "moodle", site.moodle().pin(), coreMatches)) {
      due.put(coreMirror, "moodle");
    }
    for (PluginSpec spec : site.plugins()) {
      String who = spec.component().toString();
      Lock.Plugin locked = locked(spec, previous);
      String source = knownSource(spec, locked);
      if (source != null) {
        Mirror mirror = mirrors.mirror(source, spec.serverId());
        if (fetches(mirror, who, spec.pin(), locked != null && source.equals(locked.source()))) {
          due.putIfAbsent(mirror, who);
        }
      }
    }
    Mirror.fetchAll(due);
  }

  /**
   * Whether resolving this pin fetches its mirror: a new mirror always; else an updated pin, or a
   * pin not locked unless it is fixed and the mirror already holds it.
   */
  private boolean fetches(Mirror mirror, String who, Pin pin, boolean locked) throws IOException {
    if (!mirror.exists()) {
      return true;
    }
    if (pin instanceof Pin.Commit) {
      return false;
    }
    try {
      return update.test(who) || !locked && versions.present(mirror, pin).isEmpty();
    } catch (CodebaseException e) {
      return true; // resolution says why
    }
  }

  /** The lock's entry for a plugin when its pin and path are unchanged since. */
  private static Lock.Plugin locked(PluginSpec spec, Optional<Lock> previous) {
    Lock.Plugin locked = previous.map(l -> l.plugins().get(spec.component().toString())).orElse(null);
    return locked != null && spec.pin().equals(locked.pin()) && spec.path().equals(locked.path()) ? locked : null;
  }

  /** The plugin's source when the pom or the lock gives it; null when the plugins directory must. */
  private String knownSource(PluginSpec spec, Lock.Plugin locked) {
    return spec.source() != null ? spec.source()
        : locked != null && !update.test(spec.component().toString()) ? locked.source()
        : null;
  }

  private ResolvedPlugin resolvePlugin(PluginSpec spec, Optional<Lock> previous, Core target)
      throws CodebaseException, IOException {
    String who = spec.component().toString();
    Lock.Plugin locked = locked(spec, previous);
    String known = knownSource(spec, locked);
    String source = known != null ? known : fromDirectory(who);
    boolean matches = locked != null && source.equals(locked.source());
    Mirror mirror = mirrors.mirror(source, spec.serverId());
    boolean byMetadata = spec.pin() instanceof Pin.Automatic || spec.pin() instanceof Pin.PluginVersion
        || spec.pin() instanceof Pin.PluginRelease;
    if (matches && !update.test(who)) {
      Optional<ResolvedPlugin> same = asLastTime(spec, locked, mirror, target, byMetadata ? locked.why() : null);
      if (same.isPresent()) {
        return same.get();
      }
    }
    ObjectId commit;
    String why = null;
    if (!byMetadata || matches && !update.test(who)) {
      commit = commitFor(who, mirror, spec.pin(), matches ? locked.commit() : null);
      why = byMetadata ? locked.why() : null;
      if (spec.pin() instanceof Pin.Automatic && !runsOn(mirror, commit, spec.path(), target)) {
        log.info(ResolveMessages.lockedVersionDoesNotRun(who, target.release()));
        PluginVersions.Pick pick = pick(who, mirror, spec, target);
        commit = pick.commit();
        why = pick.why();
      }
    } else {
      PluginVersions.Pick pick = pick(who, mirror, spec, target);
      commit = pick.commit();
      why = pick.why();
    }
    RevCommit rev = mirror.commit(commit).orElseThrow();
    ObjectId tree;
    Optional<String> versionPhp;
    Optional<String> subplugins;
    try (ObjectReader reader = mirror.repository().newObjectReader()) {
      TreeFiles files = new TreeFiles(reader);
      tree =
          files.folder(rev.getTree(), spec.path())
              .orElseThrow(() -> new CodebaseException(ResolveMessages.pathNotFound(who, spec.path(), mirror.url(), rev.name())));
      versionPhp = files.text(tree, "version.php");
      subplugins = files.text(tree, "db/subplugins.json");
    }
    List<Lock.Submodule> submodules =
        new SubmoduleResolver(mirrors, offline, log).resolve(who, mirror, source, commit);
    log.info(ResolveMessages.pluginResolved(who, spec.pin().describe(), abbreviate(commit), why, submodules.size()));
    kept.put(source, commit.name(), spec.path(), new ResolvedPlugins.Entry(tree.name(), versionPhp.orElse(null),
        subplugins.orElse(null), submodules, mirror.tagsFingerprint(), mirror.objectsFingerprint()));
    return new ResolvedPlugin(source, commit, why, tree, submodules, versionPhp, subplugins);
  }

  /**
   * The plugin at its locked commit as the last resolution read it, when that still holds: its
   * mirror lost no object and its submodules' mirrors are there, a tag pin's tags did not move since, and an automatic
   * pick still runs on the site's Moodle. Empty when the mirror must be read.
   */
  private Optional<ResolvedPlugin> asLastTime(PluginSpec spec, Lock.Plugin locked, Mirror mirror, Core target, String why)
      throws IOException {
    Optional<ResolvedPlugins.Entry> found = kept.find(locked.source(), locked.commit(), spec.path());
    if (found.isEmpty() || !mirror.exists()) {
      return Optional.empty();
    }
    ResolvedPlugins.Entry e = found.get();
    if (!mirror.objectsFingerprint().equals(e.objects())
        || spec.pin() instanceof Pin.Tag && !mirror.tagsFingerprint().equals(e.tags())) {
      return Optional.empty();
    }
    for (Lock.Submodule s : e.submodules()) {
      if (!mirrors.mirror(s.source()).exists()) {
        return Optional.empty();
      }
    }
    Optional<String> versionPhp = Optional.ofNullable(e.versionPhp());
    if (spec.pin() instanceof Pin.Automatic && !versionPhp.flatMap(PluginMetadata::read)
        .map(m -> m.runsOn(target.version(), target.branch())).orElse(false)) {
      return Optional.empty();
    }
    ObjectId commit = ObjectId.fromString(locked.commit());
    String who = spec.component().toString();
    log.info(ResolveMessages.pluginResolved(who, spec.pin().describe(), abbreviate(commit), why, e.submodules().size()));
    return Optional.of(new ResolvedPlugin(locked.source(), commit, why, ObjectId.fromString(e.tree()), e.submodules(),
        versionPhp, Optional.ofNullable(e.subplugins())));
  }

  /** Whether the plugin at a commit declares that it runs on the site's Moodle. */
  private static boolean runsOn(Mirror mirror, ObjectId commit, String folder, Core target) throws IOException {
    RevCommit rev = mirror.commit(commit).orElseThrow();
    try (ObjectReader reader = mirror.repository().newObjectReader()) {
      TreeFiles files = new TreeFiles(reader);
      return files.folder(rev.getTree(), folder).flatMap(t -> textOrEmpty(files, t)).flatMap(PluginMetadata::read)
          .map(m -> m.runsOn(target.version(), target.branch())).orElse(false);
    }
  }

  private static Optional<String> textOrEmpty(TreeFiles files, ObjectId tree) {
    try {
      return files.text(tree, "version.php");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A pin by what version.php says: fetched first, then found among the branches and tags. */
  private PluginVersions.Pick pick(String who, Mirror mirror, PluginSpec spec, Core target)
      throws CodebaseException, IOException {
    if (offline) {
      if (!mirror.exists()) {
        throw new CodebaseException(MirrorMessages.offlineNoMirror(who, mirror.url()));
      }
    } else {
      mirror.fetch(who);
    }
    PluginVersions found = new PluginVersions(who, mirror, spec.path());
    if (spec.pin() instanceof Pin.PluginVersion v) {
      return found.version(v.number(), listed(who));
    }
    if (spec.pin() instanceof Pin.PluginRelease r) {
      return found.release(r.release(), listed(who));
    }
    return found.newestCompatible(target.version(), target.branch(), target.release());
  }

  /** The git URL the plugins directory gives for a component. */
  private String fromDirectory(String who) throws CodebaseException, IOException {
    PluginDirectory.Plugin listed = directory.get().plugin(who)
        .orElseThrow(() -> new CodebaseException(ResolveMessages.notInDirectory(who)));
    return listed.repository().orElseThrow(() -> new CodebaseException(ResolveMessages.noRepositoryInDirectory(who)));
  }

  /**
   * The directory's entry for a component, to map a version or release to its tag; without the
   * directory, the versions are found from git alone.
   */
  private Optional<PluginDirectory.Plugin> listed(String who) throws IOException {
    try {
      return directory.get().plugin(who);
    } catch (CodebaseException e) {
      log.warn(ResolveMessages.versionFromRepositoryAlone(e.getMessage()));
      return Optional.empty();
    }
  }

  /**
   * The commit for one source: the locked one when the pin is unchanged (fetching only when the
   * mirror lacks it), else the pin resolved against a freshly fetched mirror.
   */
  private ObjectId commitFor(String who, Mirror mirror, Pin pin, String lockedCommit)
      throws CodebaseException, IOException {
    if (lockedCommit != null && !update.test(who)) {
      ObjectId id = ObjectId.fromString(lockedCommit);
      if (mirror.commit(id).isEmpty()) {
        if (offline) {
          throw new CodebaseException(ResolveMessages.offlineMissing(who, pin.describe(), lockedCommit, mirror.url()));
        }
        mirror.fetch(who);
        if (mirror.commit(id).isEmpty()) {
          throw new CodebaseException(ResolveMessages.lockedCommitGone(who, lockedCommit, mirror.url()));
        }
      }
      if (pin instanceof Pin.Tag t) {
        ObjectId now = mirror.tags().get(t.name());
        if (now != null && !now.equals(id)) {
          throw new CodebaseException(ResolveMessages.movedTag(who, t.name(), lockedCommit, now.name(), mirror.url()));
        }
      }
      return id;
    }
    if (pin instanceof Pin.Commit || !update.test(who)) {
      Optional<ObjectId> local = versions.present(mirror, pin);
      if (local.isPresent()) {
        return local.get();
      }
    }
    if (offline) {
      if (!mirror.exists()) {
        throw new CodebaseException(MirrorMessages.offlineNoMirror(who, mirror.url()));
      }
    } else {
      mirror.fetch(who);
    }
    ObjectId resolved = versions.resolve(who, mirror, pin);
    if (pin instanceof Pin.Tag t && lockedCommit != null && !resolved.name().equals(lockedCommit)) {
      log.warn(ResolveMessages.movedTagAccepted(who, t.name(), lockedCommit, resolved.name()));
    }
    return resolved;
  }

  static String abbreviate(ObjectId id) {
    return id.abbreviate(10).name();
  }
}
