package io.github.moodlecbm.core.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.core.layout.InstallPathLayout;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.ResolveStage;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.StandardSites;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every object of a code base is read from the repository that has it, never searched for through
 * the store: what makes writing a Moodle-sized code base fast.
 */
class ObjectSourcesTest {
  @TempDir Path tmp;

  @Test
  void eachObjectIsFoundWhereItsPathSaysEvenWithSubmodulesSubpluginsAndSharedRepositories() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      List<PluginSpec> plugins = new ArrayList<>();
      for (StandardSites.Plugin p : StandardSites.moodle45()) {
        plugins.add(PluginSpec.declare(p.component(), Ecosystem.url(p.repo()), p.pinKind().equals("branch") ? p.pin() : null,
            p.pinKind().equals("tag") ? p.pin() : null, null, p.path()));
      }
      Site site = Site.of(MoodleSpec.declare("4.5", null, null, null, null), plugins);
      Path project = tmp.resolve("site");
      BuildSettings settings = new BuildSettings(project.resolve("moodle.lock"), tmp.resolve("cache"),
          UrlRewrites.parse(List.of(eco.rewrite())), project.resolve("target/moodle-cbm"), project.resolve("target/moodle"),
          false, false, false);
      Lock lock;
      try (Workspace workspace = new Workspace(settings, BuildLog.SILENT)) {
        lock = new AssembleStage(workspace).assemble(new ResolveStage(workspace).resolve(site)).lock();
      }
      BuildRepository store = new BuildRepository(project.resolve("target/moodle-cbm/objects.git"));
      try (Repository repo = store.open();
          MirrorCache mirrors = new MirrorCache(tmp.resolve("cache"), UrlRewrites.parse(List.of(eco.rewrite())),
              io.github.moodlecbm.core.config.Servers.none(), tmp.resolve("ssh"), BuildLog.SILENT);
          ObjectSources sources = ObjectSources.of(repo, mirrors, lock)) {
        Path out = tmp.resolve("out");
        new WorkTreeWriter(sources).write(ObjectId.fromString(lock.tree()), out, tmp.resolve("index"));
        StandardSites.expected(eco, "v4.5.2", StandardSites.moodle45()).assertMatches(out);
        assertEquals(0, sources.misses(), "every object was where its path said");
        // The layout, as verification reads it from the code base: each plugin folder's files from their mirror.
        InstallPathLayout layout = InstallPathLayout.of(new TreeFiles(sources), ObjectId.fromString(lock.tree()), "moodle");
        assertEquals("mod/customcert/element", layout.pluginTypes().get("customcertelement"));
        assertEquals(0, sources.misses(), "the layout's reads were where their paths said");
        // The trees the assembly wrote come from the store; a plugin's files from its mirror.
        assertSame(sources.readerFor(""), sources.readerFor("mod"));
        assertSame(sources.readerFor(""), sources.readerFor("mod/hvp"), "mod_hvp's tree has its submodules flattened in");
        assertSame(sources.readerFor("mod/hvp/library"), sources.readerFor("mod/hvp/library/js"));
        assertNotSame(sources.readerFor("mod/hvp/library"), sources.readerFor("mod/hvp"));
        assertSame(sources.readerFor(""), sources.readerFor("mod/hvp/editor"), "a submodule with a submodule of its own");
        assertNotSame(sources.readerFor("blocks/xp/version.php"), sources.readerFor("lib/setup.php"));
        assertSame(sources.readerFor("local/o365/version.php"), sources.readerFor("auth/oidc/version.php"), "one repository, one reader");
        // What is copied as a pack stores it is looked up in the mirror alone; the assembly's trees are in no pack.
        assertSame(sources.readerFor("blocks/xp/version.php"), sources.packedAt("blocks/xp/version.php"));
        assertSame(sources.readerFor("mod/hvp/library/js"), sources.packedAt("mod/hvp/library/js"));
        assertNull(sources.packedAt(""));
        assertNull(sources.packedAt("mod/hvp"));
      }
    }
  }
}
