package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.Component;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.layout.InstallPathLayout;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Where each resolved plugin goes in the code base: its install path from its type, the subplugin
 * types the site's own plugins declare, and what may not be (two plugins at one path, a plugin in
 * place of a core plugin, a version.php that names another component).
 */
final class PluginPlacement {
  private PluginPlacement() {}

  private static final java.util.regex.Pattern DECLARED_COMPONENT =
      java.util.regex.Pattern.compile("\\$plugin->component\\s*=\\s*(['\"])([A-Za-z0-9_]+)\\1\\s*;");

  /** The plugin's own version.php must exist and, when it names its component, name the declared one. */
  static void checkDeclaredComponent(PluginSpec spec, String source, Optional<String> versionPhp, ObjectId commit)
      throws CodebaseException {
    String who = spec.component().toString();
    if (versionPhp.isEmpty()) {
      throw new CodebaseException(ResolveMessages.noVersionPhp(who, source, commit.name(), spec.path()));
    }
    java.util.regex.Matcher m = DECLARED_COMPONENT.matcher(versionPhp.get());
    if (m.find() && !m.group(2).equals(who)) {
      throw new CodebaseException(ResolveMessages.componentMismatch(who, m.group(2), source, commit.name(), spec.path()));
    }
  }

  /**
   * Places plugins whose type is known, then learns the subplugin types they declare, until every
   * plugin has a place: a third-party plugin may declare the type of another plugin of the site.
   */
  static Map<Component, String> place(
      Site site, Map<Component, ResolvedPlugin> resolved, InstallPathLayout layout, Mirror coreMirror, ObjectId coreCommit)
      throws CodebaseException, IOException {
    Map<Component, String> paths = new LinkedHashMap<>();
    List<PluginSpec> waiting = new ArrayList<>(site.plugins());
    boolean progress = true;
    while (!waiting.isEmpty() && progress) {
      progress = false;
      for (var it = waiting.iterator(); it.hasNext(); ) {
        PluginSpec spec = it.next();
        if (!layout.knows(spec.component().type())) {
          continue;
        }
        ResolvedPlugin r = resolved.get(spec.component());
        String path = layout.installPath(spec.component());
        for (Map.Entry<Component, String> placed : paths.entrySet()) {
          if (placed.getValue().equals(path)) {
            throw new CodebaseException(ResolveMessages.duplicateInstallPath(path, placed.getKey(), spec.component()));
          }
        }
        paths.put(spec.component(), path);
        if (r.subplugins().isPresent()) {
          layout.addSubpluginTypes(r.subplugins().get(), layout.pluginDir(spec.component()), spec.component().toString());
        }
        it.remove();
        progress = true;
      }
    }
    if (!waiting.isEmpty()) {
      Component c = waiting.get(0).component();
      throw new CodebaseException(ResolveMessages.unknownPluginType(c, layout.pluginTypes().keySet()));
    }
    try (ObjectReader reader = coreMirror.repository().newObjectReader()) {
      TreeFiles files = new TreeFiles(reader);
      RevCommit core = coreMirror.commit(coreCommit).orElseThrow();
      for (Map.Entry<Component, String> e : paths.entrySet()) {
        if (files.exists(core.getTree(), e.getValue())) {
          throw new CodebaseException(ResolveMessages.replacesCorePlugin(e.getKey(), e.getValue()));
        }
      }
    }
    return paths;
  }
}
