package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.XmlOutline.Element;
import io.github.moodlecbm.core.config.XmlOutline.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Edits the moodle-maven-plugin configuration of a site's pom as text, so that every other byte of
 * the file (formatting, comments, order, line endings) stays as the user wrote it. An XML reader
 * finds the elements to edit and where they lie ({@link XmlOutline}); the text is never searched,
 * so comments, CDATA, attributes and the configuration of other plugins are read as XML and never
 * mistaken for what they only look like.
 *
 * <p>The declarations of the plugin (artifactId {@code moodle-maven-plugin}, groupId
 * {@code io.github.moodlecbm} or none) are taken in this order: the one in {@code <build><plugins>},
 * the one in {@code <build><pluginManagement><plugins>}, then those of each {@code <profile>}'s build
 * (its plugins, then its pluginManagement), profile by profile. An edit goes where what it edits
 * already is: into the first declaration whose {@code <configuration>} has {@code <plugins>}
 * ({@link #add}), declares the component ({@link #setPluginElement}) or has {@code <moodle>}
 * ({@link #setMoodleVersion}), since Maven merges these configurations and a second
 * {@code <plugins>} would merge into the first rather than add to it. When none has
 * {@code <plugins>} yet, {@link #add} creates it in the first declaration whose configuration holds
 * {@code <moodle>}, else in the first with a configuration.
 *
 * <p>New lines take the file's line end and the indentation of their neighbours.
 */
public final class PomEditor {
  /** One declaration to add: the elements of a {@code <plugin>}, in order, such as component, source, tag. */
  public record Declaration(List<String[]> elements) {
    public static Declaration of(String... nameValuePairs) {
      List<String[]> list = new ArrayList<>();
      for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
        if (nameValuePairs[i + 1] != null && !nameValuePairs[i + 1].isBlank()) {
          list.add(new String[] {nameValuePairs[i], nameValuePairs[i + 1].trim()});
        }
      }
      return new Declaration(list);
    }
  }

  private static final String GROUP_ID = "io.github.moodlecbm";
  private static final String ARTIFACT_ID = "moodle-maven-plugin";
  private static final String DEFAULT_STEP = "  ";

  private PomEditor() {}

  /** The pom with the declarations added at the end of {@code <plugins>} (created when missing). */
  public static String add(String pom, List<Declaration> declarations) throws CodebaseException {
    List<Element> ours = configuredDeclarations(pom);
    String newline = newline(pom);
    Optional<Element> list = firstOf(ours, configuration -> configuration.child("plugins"));
    if (list.isPresent()) {
      String step = step(pom, list.get(), ours.get(0));
      return appendChildren(pom, list.get(), step, newline, indent -> render(declarations, indent, step, newline));
    }
    Element configuration = configurationToCreateIn(ours);
    String step = step(pom, configuration, ours.get(0));
    return appendChildren(pom, configuration, step, newline, indent -> indent + "<plugins>" + newline
        + render(declarations, indent + step, step, newline) + indent + "</plugins>" + newline);
  }

  /**
   * The pom with the text of one element of a declared plugin replaced, such as the {@code <tag>}
   * of {@code block_xp}; every other byte unchanged.
   */
  public static String setPluginElement(String pom, String component, String element, String value) throws CodebaseException {
    return setEntryElement(pom, "plugins", component, element, value);
  }

  /**
   * The fleet's pom with the text of one element of a {@code <catalog>} entry replaced, such as
   * the {@code <tag>} of {@code block_xp}; every other byte unchanged.
   */
  public static String setCatalogElement(String pom, String component, String element, String value) throws CodebaseException {
    return setEntryElement(pom, "catalog", component, element, value);
  }

  private static String setEntryElement(String pom, String listName, String component, String element, String value)
      throws CodebaseException {
    List<Element> ours = configuredDeclarations(pom);
    Optional<Element> declared = firstOf(ours, configuration -> configuration.child(listName)
        .flatMap(list -> list.children("plugin").stream().filter(p -> component.equals(p.childText("component"))).findFirst()));
    if (declared.isEmpty()) {
      boolean anyList = firstOf(ours, configuration -> configuration.child(listName)).isPresent();
      throw new CodebaseException(anyList ? PomMessages.notDeclared(component, listName) : PomMessages.noPlugins(component));
    }
    Element target = declared.get().child(element)
        .orElseThrow(() -> new CodebaseException(PomMessages.noElement(component, element, value)));
    return setText(pom, target, component, value);
  }

  /** The pom with the {@code <version>} of {@code <moodle>} replaced; every other byte unchanged. */
  public static String setMoodleVersion(String pom, String version) throws CodebaseException {
    List<Element> ours = configuredDeclarations(pom);
    Element target = firstOf(ours, configuration -> configuration.child("moodle"))
        .orElseThrow(() -> new CodebaseException(PomMessages.noMoodle())).child("version")
        .orElseThrow(() -> new CodebaseException(PomMessages.noMoodleVersion(version)));
    return setText(pom, target, "<moodle>", version);
  }

  /**
   * The declarations of moodle-maven-plugin, in the order of preference of the class comment; fails
   * when there is none, or none with a {@code <configuration>}.
   */
  private static List<Element> configuredDeclarations(String pom) throws CodebaseException {
    List<Element> ours = declarationsOf(XmlOutline.parse(pom));
    if (ours.isEmpty()) {
      throw new CodebaseException(PomMessages.noPlugin());
    }
    if (firstOf(ours, Optional::of).isEmpty()) {
      throw new CodebaseException(PomMessages.noConfiguration());
    }
    return ours;
  }

  private static List<Element> declarationsOf(Element project) {
    List<Element> found = new ArrayList<>();
    if (project.name().equals("project")) {
      project.child("build").ifPresent(build -> collect(build, found));
      project.child("profiles").ifPresent(profiles -> profiles.children("profile")
          .forEach(profile -> profile.child("build").ifPresent(build -> collect(build, found))));
    }
    return found;
  }

  private static void collect(Element build, List<Element> found) {
    build.child("plugins").ifPresent(list -> ours(list, found));
    build.child("pluginManagement").flatMap(management -> management.child("plugins")).ifPresent(list -> ours(list, found));
  }

  private static void ours(Element plugins, List<Element> found) {
    for (Element plugin : plugins.children("plugin")) {
      String groupId = plugin.childText("groupId");
      if (ARTIFACT_ID.equals(plugin.childText("artifactId")) && (groupId == null || groupId.equals(GROUP_ID))) {
        found.add(plugin);
      }
    }
  }

  /** The first declaration's configuration in which {@code find} finds something, and that thing. */
  private static Optional<Element> firstOf(List<Element> ours, Function<Element, Optional<Element>> find) {
    for (Element plugin : ours) {
      Optional<Element> found = plugin.child("configuration").flatMap(find);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The configuration a new {@code <plugins>} goes into: the first with {@code <moodle>}, else the first. */
  private static Element configurationToCreateIn(List<Element> ours) {
    return firstOf(ours, configuration -> configuration.child("moodle").map(moodle -> configuration))
        .or(() -> firstOf(ours, Optional::of)).orElseThrow();
  }

  /**
   * Replaces the text of an element that holds a value: the text from its first to its last
   * non-blank character (CDATA included), leaving the blanks around it and any comment beside it;
   * text on both sides of a comment is one value, written where its first part was.
   */
  private static String setText(String pom, Element target, String who, String value) throws CodebaseException {
    if (!target.children().isEmpty() || target.hasInstructions()) {
      throw new CodebaseException(PomMessages.notAValue(who, target.name(), value));
    }
    if (target.text().contains("${")) {
      throw new CodebaseException(PomMessages.property(who, target.name(), target.text(), value));
    }
    if (target.empty()) {
      int cut = target.startTagEnd() - 2;
      while (Character.isWhitespace(pom.charAt(cut - 1))) {
        cut--;
      }
      return pom.substring(0, cut) + ">" + escape(value) + "</" + target.name() + ">" + pom.substring(target.end());
    }
    List<Span> pieces = new ArrayList<>();
    int from = target.startTagEnd();
    for (Span comment : target.comments()) {
      addTrimmed(pom, from, comment.start(), pieces);
      from = comment.end();
    }
    addTrimmed(pom, from, target.endTagStart(), pieces);
    if (pieces.isEmpty()) {
      return pom.substring(0, target.startTagEnd()) + escape(value) + pom.substring(target.startTagEnd());
    }
    StringBuilder out = new StringBuilder(pom);
    for (int i = pieces.size() - 1; i >= 0; i--) {
      out.replace(pieces.get(i).start(), pieces.get(i).end(), i == 0 ? escape(value) : "");
    }
    return out.toString();
  }

  private static void addTrimmed(String pom, int start, int end, List<Span> pieces) {
    while (start < end && Character.isWhitespace(pom.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(pom.charAt(end - 1))) {
      end--;
    }
    if (start < end) {
      pieces.add(new Span(start, end));
    }
  }

  /**
   * The pom with lines added as the last content of an element: at the indentation of its first
   * child element that starts a line, else one step in from the element's line, before the line of
   * its end tag (which gets a line of its own if it shares one). {@code <name/>} is opened for them.
   */
  private static String appendChildren(String pom, Element parent, String step, String newline,
      Function<String, String> linesAt) {
    String parentIndent = lineIndent(pom, parent.start());
    String childIndent = parent.children().stream().filter(child -> startsLine(pom, child.start())).findFirst()
        .map(child -> lineIndent(pom, child.start())).orElse(parentIndent + step);
    String lines = linesAt.apply(childIndent);
    if (parent.empty()) {
      int cut = parent.startTagEnd() - 2;
      while (Character.isWhitespace(pom.charAt(cut - 1))) {
        cut--;
      }
      return pom.substring(0, cut) + ">" + newline + lines + parentIndent + "</" + parent.name() + ">"
          + pom.substring(parent.end());
    }
    int close = parent.endTagStart();
    if (startsLine(pom, close)) {
      int start = lineStart(pom, close);
      return pom.substring(0, start) + lines + pom.substring(start);
    }
    return pom.substring(0, close) + newline + lines + parentIndent + pom.substring(close);
  }

  private static String render(List<Declaration> declarations, String indent, String step, String newline) {
    StringBuilder out = new StringBuilder();
    for (Declaration d : declarations) {
      out.append(indent).append("<plugin>").append(newline);
      for (String[] e : d.elements()) {
        out.append(indent).append(step).append('<').append(e[0]).append('>').append(escape(e[1])).append("</").append(e[0])
            .append('>').append(newline);
      }
      out.append(indent).append("</plugin>").append(newline);
    }
    return out.toString();
  }

  /**
   * The file's indentation step: how much further in than its own line the first child of one of
   * these elements (tried in order) starts its line; two spaces when none says.
   */
  private static String step(String pom, Element... elements) {
    for (Element element : elements) {
      String outer = lineIndent(pom, element.start());
      for (Element child : element.children()) {
        if (startsLine(pom, child.start())) {
          String inner = lineIndent(pom, child.start());
          if (inner.length() > outer.length() && inner.startsWith(outer)) {
            return inner.substring(outer.length());
          }
          break;
        }
      }
    }
    return DEFAULT_STEP;
  }

  private static String newline(String pom) {
    if (pom.contains("\r\n")) {
      return "\r\n";
    }
    return pom.contains("\r") ? "\r" : "\n";
  }

  private static int lineStart(String text, int at) {
    return Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('\r', at - 1)) + 1;
  }

  /** Whether only blanks precede the position on its line. */
  private static boolean startsLine(String text, int at) {
    return text.substring(lineStart(text, at), at).isBlank();
  }

  /** The blanks that begin the line of the position. */
  private static String lineIndent(String text, int at) {
    int start = lineStart(text, at);
    int end = start;
    while (end < at && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
      end++;
    }
    return text.substring(start, end);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
