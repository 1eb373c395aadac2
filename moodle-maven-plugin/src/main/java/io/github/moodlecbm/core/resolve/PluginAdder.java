package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.config.Component;
import io.github.moodlecbm.core.config.PomEditor;
import io.github.moodlecbm.core.config.PomFile;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.directory.PluginDirectory;
import io.github.moodlecbm.core.layout.CoreRelease;
import io.github.moodlecbm.core.layout.InstallPathLayout;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.verify.PluginMetadata;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Plans adding a plugin to a site: the plugin, with the version it would get, and every plugin
 * it depends on ({@code $plugin->dependencies}) that neither the site nor Moodle has, looked up in
 * the plugins directory, recursively. Nothing is written: the plan is shown before the pom changes.
 */
public final class PluginAdder {
  /**
   * One plugin to declare.
   *
   * @param source the git URL the user gave, or null: the directory names it
   * @param requiredBy the plugin that depends on it, or null for the one asked for
   * @param version what it would get, e.g. {@code tag v19.2: requires 2022112800}
   * @param warning why the version may not do, or null
   */
  public record Addition(String component, String source, String tag, String requiredBy, String version, String warning) {}

  private record Wanted(String component, String source, String tag, String requiredBy, BigDecimal atLeast) {}

  private final MirrorCache mirrors;
  private final boolean offline;
  private final SiteResolver.Directory directory;

  public PluginAdder(MirrorCache mirrors, boolean offline, SiteResolver.Directory directory) {
    this.mirrors = mirrors;
    this.offline = offline;
    this.directory = directory;
  }

  public List<Addition> plan(Site site, Lock lock, String component, String source, String tag)
      throws CodebaseException, IOException {
    Component asked = Component.parse(component);
    Set<String> present = new HashSet<>();
    site.plugins().forEach(p -> present.add(p.component().toString()));
    if (present.contains(asked.toString())) {
      throw new CodebaseException(ResolveMessages.alreadyDeclared(asked.toString()));
    }
    Mirror core = mirrors.fetched("moodle", lock.moodle().source(), offline);
    RevCommit coreCommit = core.commit(ObjectId.fromString(lock.moodle().commit())).orElseThrow();
    CoreRelease release;
    InstallPathLayout layout;
    List<Addition> plan = new ArrayList<>();
    try (ObjectReader reader = core.repository().newObjectReader()) {
      TreeFiles coreFiles = new TreeFiles(reader);
      layout = InstallPathLayout.of(coreFiles, coreCommit.getTree(), core.url());
      release = CoreRelease.of(coreFiles, coreCommit.getTree(), layout.codeRoot(), core.url());
      BigDecimal version = new BigDecimal(release.version());
      int branch = Integer.parseInt(release.branch());
      Deque<Wanted> queue = new ArrayDeque<>();
      queue.add(new Wanted(asked.toString(), source == null || source.isBlank() ? null : source.trim(),
          tag == null || tag.isBlank() ? null : tag.trim(), null, null));
      Set<String> planned = new HashSet<>();
      planned.add(asked.toString());
      while (!queue.isEmpty()) {
        Wanted a = queue.removeFirst();
        String url = a.source() != null ? a.source() : repository(a.component(), a.requiredBy());
        Mirror mirror = mirrors.fetched(a.component(), url, offline);
        PluginVersions versions = new PluginVersions(a.component(), mirror, "");
        ObjectId commit;
        String picked;
        if (a.tag() != null) {
          commit = mirror.tags().get(a.tag());
          if (commit == null) {
            throw new CodebaseException(ResolveMessages.tagNotFound(a.component(), a.tag(), mirror.url(), mirror.tags().keySet()));
          }
          picked = "tag " + a.tag();
        } else {
          PluginVersions.Pick pick = versions.newestCompatible(version, branch, release.release());
          commit = pick.commit();
          picked = pick.why();
        }
        PluginMetadata meta = PluginVersions.metadataAt(mirror, commit, "").orElse(null);
        String warning = null;
        if (a.atLeast() != null && (meta == null || meta.version() == null || meta.version().compareTo(a.atLeast()) < 0)) {
          warning = a.requiredBy() + " requires " + a.component() + " " + a.atLeast().toPlainString() + " or later, but the"
              + " version for this Moodle is " + (meta == null || meta.version() == null ? "unknown" : meta.version().toPlainString())
              + ": the verification will refuse the pair until one of them moves.";
        }
        plan.add(new Addition(a.component(), a.source(), a.tag(), a.requiredBy(), picked, warning));
        if (meta == null) {
          continue;
        }
        for (var dep : meta.dependencies().entrySet()) {
          String dependency = dep.getKey();
          if (present.contains(dependency) || planned.contains(dependency) || inMoodle(dependency, layout, coreFiles, coreCommit)) {
            continue;
          }
          planned.add(dependency);
          queue.add(new Wanted(dependency, null, null, a.component(), dep.getValue()));
        }
      }
    }
    return plan;
  }

  /** Whether Moodle itself has the component: a core subsystem or a plugin shipped with Moodle. */
  private static boolean inMoodle(String component, InstallPathLayout layout, TreeFiles files, RevCommit core)
      throws IOException {
    if (component.equals("moodle") || component.startsWith("core_") || component.equals("core")) {
      return true;
    }
    Component c;
    try {
      c = Component.parse(component);
    } catch (CodebaseException e) {
      return false;
    }
    return layout.knows(c.type()) && files.exists(core.getTree(), layout.installPath(c));
  }

  private String repository(String component, String requiredBy) throws CodebaseException, IOException {
    PluginDirectory.Plugin listed = directory.get().plugin(component).orElseThrow(() -> new CodebaseException(
        requiredBy == null ? ResolveMessages.notInDirectory(component)
            : ResolveMessages.dependencyNotListed(requiredBy, component)));
    return listed.repository().orElseThrow(() -> new CodebaseException(ResolveMessages.noRepositoryInDirectory(component)));
  }

  /**
   * Adds the plan's plugins to the pom, after saying what each gets: every other byte of the pom
   * stays as it was.
   */
  public static void addTo(Path pom, List<Addition> plan, BuildLog log) throws CodebaseException, IOException {
    for (Addition a : plan) {
      log.info(ResolveMessages.adding(a));
      if (a.warning() != null) {
        log.warn(a.warning());
      }
    }
    PomFile.of(pom).edit(text -> PomEditor.add(text, declarations(plan)));
    log.info(ResolveMessages.added(plan.size(), pom.getFileName().toString()));
  }

  /** The declarations the plan adds to the pom, in order. */
  public static List<PomEditor.Declaration> declarations(List<Addition> plan) {
    List<PomEditor.Declaration> out = new ArrayList<>();
    for (Addition a : plan) {
      out.add(PomEditor.Declaration.of("component", a.component(), "source", a.source(),
          "tag", a.tag()));
    }
    return out;
  }

}
