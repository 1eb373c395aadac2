package io.github.moodlecbm.core;

import io.github.moodlecbm.core.assembly.AssembleStage;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.core.release.ReleaseStage;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.ResolveStage;
import io.github.moodlecbm.core.verify.CodebaseVerifier;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.core.verify.Verified;
import io.github.moodlecbm.core.verify.VerifyStage;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.StandardSites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/** Sites and builds over an {@link Ecosystem}, for the core's tests. */
final class SiteBuilds {
  private SiteBuilds() {}

  static PluginSpec plugin(String component, String repo, String kind, String value) throws CodebaseException {
    return plugin(component, repo, kind, value, null);
  }

  static PluginSpec plugin(String component, String repo, String kind, String value, String path) throws CodebaseException {
    return PluginSpec.declare(component, Ecosystem.url(repo),
        kind.equals("branch") ? value : null, kind.equals("tag") ? value : null, kind.equals("commit") ? value : null, path);
  }

  /** A site of the given plugins, declared as a pom declares them. */
  static Site site(String moodleVersion, List<StandardSites.Plugin> plugins) throws CodebaseException {
    List<PluginSpec> specs = new ArrayList<>();
    for (StandardSites.Plugin p : plugins) {
      specs.add(plugin(p.component(), p.repo(), p.pinKind(), p.pin(), p.path()));
    }
    return Site.of(MoodleSpec.declare(moodleVersion, null, null, null, null), specs);
  }

  static Site site(String moodleVersion, PluginSpec... plugins) throws CodebaseException {
    return Site.of(MoodleSpec.declare(moodleVersion, null, null, null, null), List.of(plugins));
  }

  /** Settings for a site project in {@code project}, sharing the mirror cache {@code cache}. */
  static BuildSettings settings(Ecosystem eco, Path project, Path cache, boolean update) throws CodebaseException {
    return new BuildSettings(
        project.resolve("moodle.lock"),
        cache,
        UrlRewrites.parse(List.of(eco.rewrite())),
        project.resolve("target/moodle-cbm"),
        project.resolve("target/moodle"),
        update,
        false,
        true);
  }

  /** What a build of a site's code base gave, as {@code moodle:resolve} and {@code moodle:assemble} run it. */
  record Build(Lock lock, ObjectId tree, WorkTreeWriter.Result files) {}

  /** Resolves and assembles the site, and writes {@code target/moodle} unless the work tree is off. */
  static Build build(Site site, BuildSettings settings, BuildLog log) throws Exception {
    try (Workspace workspace = new Workspace(settings, log)) {
      Assembled a = assemble(workspace, site);
      WorkTreeWriter.Result files = new AssembleStage(workspace).writeWorkTree(a, projectDir(settings)).orElse(null);
      return new Build(a.lock(), a.tree(), files);
    }
  }

  /** The site resolved and its tree assembled, the lock written: {@code moodle:resolve}. */
  static Assembled assemble(Workspace workspace, Site site) throws Exception {
    return new AssembleStage(workspace).assemble(new ResolveStage(workspace).resolve(site));
  }

  /**
   * Builds the site's code base as {@code mvn package} does and releases it: verified (the
   * verification must pass), or with its verification skipped, as {@code state} says.
   */
  static Released release(Site site, BuildSettings settings, BuildLog log, ReleaseTarget target, Releaser.Request request,
      VerificationState state) throws Exception {
    try (Workspace workspace = new Workspace(settings, log)) {
      return new ReleaseStage(workspace).release(verify(workspace, site, state), target, request);
    }
  }

  /** The site assembled and verified (or its verification skipped) in this workspace. */
  static Verified verify(Workspace workspace, Site site, VerificationState state) throws Exception {
    Assembled a = assemble(workspace, site);
    VerifyStage stage = new VerifyStage(workspace);
    return state == VerificationState.SKIPPED ? stage.skip(a)
        : stage.verify(a, new CodebaseVerifier.Options(true, null), null,
            projectDir(workspace.settings()).resolve("target/moodle-verify/TEST-moodle-verify.xml"));
  }

  /** The site project's folder: where its lock file is. */
  static Path projectDir(BuildSettings settings) {
    return settings.lockFile().toAbsolutePath().getParent();
  }
}
