package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.overlay.Overlay;
import io.github.moodlecbm.core.patch.PatchFile;
import io.github.moodlecbm.core.patch.PatchFiles;
import io.github.moodlecbm.core.Messages;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The code base a site project asks for: Moodle and its plugins as its pom declares them, and the
 * patches of its own (Moodle's first, then by component, each component's in order).
 */
public record Site(MoodleSpec moodle, List<PluginSpec> plugins, List<PatchFile> patches, Overlay overlay) {

  public Site {
    plugins = List.copyOf(plugins);
    patches = List.copyOf(patches);
  }

  public Site(MoodleSpec moodle, List<PluginSpec> plugins, List<PatchFile> patches) {
    this(moodle, plugins, patches, null);
  }

  public static Site of(MoodleSpec moodle, List<PluginSpec> plugins) throws CodebaseException {
    return of(moodle, plugins, List.of());
  }

  public static Site of(MoodleSpec moodle, List<PluginSpec> plugins, List<PatchFile> patches) throws CodebaseException {
    Set<Component> seen = new HashSet<>();
    for (PluginSpec p : plugins) {
      if (!seen.add(p.component())) {
        throw new CodebaseException(ConfigMessages.duplicateComponent(p.component()));
      }
    }
    Set<String> components = new HashSet<>();
    seen.forEach(c -> components.add(c.toString()));
    for (PatchFile patch : patches) {
      if (!patch.component().equals("moodle") && !components.contains(patch.component())) {
        throw new CodebaseException(PatchFiles.notInSite(patch));
      }
    }
    return new Site(moodle, plugins, patches, null);
  }

  /** A site with these patches of its own instead of its current ones. */
  public Site withPatches(List<PatchFile> value) throws CodebaseException {
    return of(moodle, plugins, value).withOverlay(overlay);
  }

  /** A site with these files of its own ({@code src/main/overlay/}), or none. */
  public Site withOverlay(Overlay value) {
    return new Site(moodle, plugins, patches, value);
  }

  /** The patches of a component ({@code moodle} for Moodle), in the order they apply. */
  public List<PatchFile> patchesOf(String component) {
    return patches.stream().filter(p -> p.component().equals(component)).toList();
  }
}
