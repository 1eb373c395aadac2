package io.github.moodlecbm.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.config.Component;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Where each plugin type lives in a given Moodle, read from that Moodle's own tree: {@code
 * lib/components.json} for the plugin types and every plugin's {@code db/subplugins.json} for the
 * subplugin types. Moodle 5.1 moved the code into {@code public/}, and every path follows it.
 */
public final class InstallPathLayout {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String codeRoot;
  /** Plugin type to folder, relative to the code root. */
  private final SortedMap<String, String> typeDirs = new TreeMap<>();

  private InstallPathLayout(String codeRoot) {
    this.codeRoot = codeRoot;
  }

  /** Reads the layout of the Moodle whose tree is given. */
  public static InstallPathLayout of(TreeFiles files, AnyObjectId coreTree, String moodleSource)
      throws CodebaseException, IOException {
    String codeRoot;
    Optional<String> components = files.text(coreTree, "public/lib/components.json");
    if (components.isPresent()) {
      codeRoot = "public";
    } else {
      codeRoot = "";
      components = files.text(coreTree, "lib/components.json");
    }
    if (components.isEmpty()) {
      throw new CodebaseException(LayoutMessages.notMoodle(moodleSource));
    }
    InstallPathLayout layout = new InstallPathLayout(codeRoot);
    JsonNode types = parse(components.get(), "lib/components.json", moodleSource).path("plugintypes");
    for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isTextual()) {
        layout.typeDirs.put(e.getKey(), clean(e.getValue().asText(), "moodle", "lib/components.json"));
      }
    }
    layout.readCoreSubplugins(files, coreTree, moodleSource);
    return layout;
  }

  /** "" for Moodle up to 5.0, "public" from 5.1 on. */
  public String codeRoot() {
    return codeRoot;
  }

  public SortedMap<String, String> pluginTypes() {
    return java.util.Collections.unmodifiableSortedMap(typeDirs);
  }

  public boolean knows(String type) {
    return typeDirs.containsKey(type);
  }

  /** The install path of a component, from the repository root, e.g. {@code public/mod/quiz}. */
  public String installPath(Component component) {
    String dir = typeDirs.get(component.type());
    if (dir == null) {
      throw new IllegalStateException("unknown plugin type " + component.type());
    }
    return root(dir + "/" + component.name());
  }

  /**
   * Adds the subplugin types a plugin declares in its {@code db/subplugins.json}.
   *
   * @param parentDir the plugin's folder relative to the code root
   */
  public void addSubpluginTypes(String json, String parentDir, String declaredBy)
      throws CodebaseException {
    JsonNode root = parse(json, declaredBy + " db/subplugins.json", declaredBy);
    JsonNode relative = root.path("subplugintypes");
    if (relative.isObject() && relative.size() > 0) {
      for (Iterator<Map.Entry<String, JsonNode>> it = relative.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        typeDirs.putIfAbsent(e.getKey(), parentDir + "/" + clean(e.getValue().asText(), declaredBy, "db/subplugins.json"));
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("plugintypes").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      typeDirs.putIfAbsent(e.getKey(), clean(e.getValue().asText(), declaredBy, "db/subplugins.json"));
    }
  }

  /** The folder of a plugin relative to the code root, for {@link #addSubpluginTypes}. */
  public String pluginDir(Component component) {
    return typeDirs.get(component.type()) + "/" + component.name();
  }

  private void readCoreSubplugins(TreeFiles files, AnyObjectId coreTree, String moodleSource)
      throws CodebaseException, IOException {
    Deque<String> pending = new ArrayDeque<>(typeDirs.keySet());
    Set<String> scanned = new HashSet<>();
    while (!pending.isEmpty()) {
      String type = pending.pop();
      String dir = typeDirs.get(type);
      if (!scanned.add(dir)) {
        continue;
      }
      Optional<ObjectId> folder = files.folder(coreTree, root(dir));
      if (folder.isEmpty()) {
        continue;
      }
      TreeFiles inFolder = files.at(root(dir));
      for (String plugin : inFolder.subFolders(folder.get())) {
        Optional<String> json = inFolder.text(folder.get(), plugin + "/db/subplugins.json");
        if (json.isPresent()) {
          Set<String> before = new HashSet<>(typeDirs.keySet());
          addSubpluginTypes(json.get(), dir + "/" + plugin, type + "_" + plugin);
          for (String t : typeDirs.keySet()) {
            if (!before.contains(t)) {
              pending.add(t);
            }
          }
        }
      }
    }
  }

  private String root(String path) {
    return codeRoot.isEmpty() ? path : codeRoot + "/" + path;
  }

  /** A folder from Moodle's metadata, refused if it could lead out of the code base. */
  private static String clean(String path, String who, String file) throws CodebaseException {
    String p = path.replace('\\', '/');
    if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || java.util.Arrays.asList(p.split("/")).contains("..")) {
      throw new CodebaseException(LayoutMessages.unsafePath(who, file, path));
    }
    return p.replaceAll("/+$", "");
  }

  private static JsonNode parse(String json, String file, String who) throws CodebaseException {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new CodebaseException(LayoutMessages.unreadableJson(who, file, e.getMessage()), e);
    }
  }
}
