package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One {@code <plugin>} element exactly as the pom writes it, before it is checked: what a site
 * declares, or an entry of a fleet's catalog. Blank elements are absent.
 */
public record PluginEntry(String component, String source, String branch, String tag, String commit, String version,
    String release, String path, String serverId) {

  /** The elements a {@code <plugin>} may hold, in the order the documentation gives them. */
  public static final List<String> ELEMENTS =
      List.of("component", "source", "branch", "tag", "commit", "version", "release", "path", "serverId");

  public PluginEntry {
    component = blankToNull(component);
    source = blankToNull(source);
    branch = blankToNull(branch);
    tag = blankToNull(tag);
    commit = blankToNull(commit);
    version = blankToNull(version);
    release = blankToNull(release);
    path = blankToNull(path);
    serverId = blankToNull(serverId);
  }

  /**
   * The entry a {@code <plugin>} element holds, refusing an element a plugin does not have.
   *
   * @param where where the element is, for the message: {@code the fleet's <catalog>}
   */
  public static PluginEntry of(ConfigElement plugin, String where) throws CodebaseException {
    Map<String, String> values = new TreeMap<>();
    for (ConfigElement e : plugin.children()) {
      if (!ELEMENTS.contains(e.name())) {
        String who = plugin.childText("component").orElse("a <plugin>");
        throw new CodebaseException(ConfigMessages.unknownPluginElement(who, e.name(), where, ELEMENTS));
      }
      if (values.put(e.name(), e.text()) != null) {
        String who = plugin.childText("component").orElse("a <plugin>");
        throw new CodebaseException(ConfigMessages.repeatedPluginElement(who, e.name(), where));
      }
    }
    if (blankToNull(values.get("component")) == null) {
      throw new CodebaseException(ConfigMessages.noComponent(where));
    }
    return new PluginEntry(values.get("component"), values.get("source"), values.get("branch"), values.get("tag"),
        values.get("commit"), values.get("version"), values.get("release"), values.get("path"), values.get("serverId"));
  }

  /** The plugin as the site asks for it, checked. */
  public PluginSpec toSpec() throws CodebaseException {
    return PluginSpec.declare(component, source, branch, tag, commit, version, release, path).withServerId(serverId);
  }

  /** Whether the entry names its component and nothing else: in a fleet, it takes the catalog's entry. */
  public boolean componentAlone() {
    return source == null && !hasPin() && path == null && serverId == null;
  }

  /** Whether it gives one of the pin elements. */
  public boolean hasPin() {
    return branch != null || tag != null || commit != null || version != null || release != null;
  }

  /** The elements it gives beside its component, as {@code <tag>v2.0</tag>}, for messages. */
  public List<String> given() {
    List<String> out = new ArrayList<>();
    String[] values = {source, branch, tag, commit, version, release, path, serverId};
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        String name = ELEMENTS.get(i + 1);
        out.add("<" + name + ">" + values[i] + "</" + name + ">");
      }
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
