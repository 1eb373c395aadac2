package io.github.moodlecbm.core;

import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.StandardSites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

  static CodebaseBuild.Assembly build(Site site, BuildSettings settings, BuildLog log) throws Exception {
    try (CodebaseBuild build = new CodebaseBuild(site, settings, log)) {
      return build.assemble(build.resolve());
    }
  }
}
