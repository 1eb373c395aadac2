package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds {@code <plugin>} declarations to the moodle-maven-plugin configuration of a site's pom as
 * text, so that every other byte of the file (formatting, comments, order, line endings) stays
 * as the user wrote it. Comments are blanked out only to find the elements, never removed.
 */
public final class PomEditor {
  /** One declaration to add: the elements of a {@code <plugin>}, in order, such as component, source, tag. */
  public record Declaration(List<String[]> elements) {
    public static Declaration of(String... nameValuePairs) {
      List<String[]> list = new java.util.ArrayList<>();
      for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
        if (nameValuePairs[i + 1] != null && !nameValuePairs[i + 1].isBlank()) {
          list.add(new String[] {nameValuePairs[i], nameValuePairs[i + 1].trim()});
        }
      }
      return new Declaration(list);
    }
  }

  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*moodle-maven-plugin\\s*</artifactId>");

  private PomEditor() {}

  /** The pom with the declarations added at the end of {@code <plugins>} (created when missing). */
  public static String add(String pom, List<Declaration> declarations) throws CodebaseException {
    String plain = blankComments(pom);
    int[] found = configurationOf(plain);
    int configuration = found[0];
    int configurationEnd = found[1];
    int plugins = indexOfTag(plain, "plugins", configuration, configurationEnd);
    String newline = pom.contains("\r\n") ? "\r\n" : "\n";
    if (plugins < 0) {
      String configurationIndent = indentOf(plain, configurationEnd);
      String listIndent = configurationIndent + "  ";
      StringBuilder block = new StringBuilder(listIndent).append("<plugins>").append(newline);
      for (Declaration d : declarations) {
        block.append(render(d, listIndent + "  ", newline));
      }
      block.append(listIndent).append("</plugins>").append(newline);
      return insertBeforeLineOf(pom, plain, configurationEnd, block.toString(), configurationIndent, newline);
    }
    int close = plain.indexOf("</plugins>", plugins);
    String closeIndent = indentOf(plain, close);
    String childIndent = childIndent(plain, plugins, close, closeIndent);
    StringBuilder block = new StringBuilder();
    for (Declaration d : declarations) {
      block.append(render(d, childIndent, newline));
    }
    return insertBeforeLineOf(pom, plain, close, block.toString(), closeIndent, newline);
  }

  /** Inserts whole lines before the line of a closing tag (which gets a line of its own if it shares one). */
  private static String insertBeforeLineOf(String pom, String plain, int tag, String lines, String tagIndent, String newline) {
    int start = lineStart(plain, tag);
    if (plain.substring(start, tag).isBlank()) {
      return pom.substring(0, start) + lines + pom.substring(start);
    }
    return pom.substring(0, tag) + newline + lines + tagIndent + pom.substring(tag);
  }

  /**
   * The pom with the text of one element of a declared plugin replaced, such as the {@code <tag>}
   * of {@code block_xp}; every other byte unchanged.
   */
  public static String setPluginElement(String pom, String component, String element, String value) throws CodebaseException {
    String plain = blankComments(pom);
    int[] plugins = pluginsOf(plain);
    Matcher m = Pattern.compile("<component>\\s*" + Pattern.quote(component) + "\\s*</component>").matcher(plain);
    m.region(plugins[0], plugins[1]);
    if (!m.find()) {
      throw new CodebaseException(component + " is not declared in pom.xml.");
    }
    int start = plain.lastIndexOf("<plugin>", m.start());
    int end = plain.indexOf("</plugin>", m.end());
    return replaceText(pom, plain, start, end, element, value, component);
  }

  /** The pom with the {@code <version>} of {@code <moodle>} replaced; every other byte unchanged. */
  public static String setMoodleVersion(String pom, String version) throws CodebaseException {
    String plain = blankComments(pom);
    int[] configuration = configurationOf(plain);
    int start = indexOfTag(plain, "moodle", configuration[0], configuration[1]);
    int end = start < 0 ? -1 : plain.indexOf("</moodle>", start);
    if (start < 0 || end < 0) {
      throw new CodebaseException("pom.xml has no <moodle> in the configuration of moodle-maven-plugin.");
    }
    return replaceText(pom, plain, start, end, "version", version, "<moodle>");
  }

  private static String replaceText(String pom, String plain, int from, int to, String element, String value, String who)
      throws CodebaseException {
    Matcher e = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(plain);
    e.region(from, to);
    if (!e.find()) {
      throw new CodebaseException(who + " has no <" + element + "> in pom.xml.");
    }
    return pom.substring(0, e.start(1)) + escape(value) + pom.substring(e.end(1));
  }

  /** Start and end of the moodle-maven-plugin's {@code <configuration>}. */
  private static int[] configurationOf(String plain) throws CodebaseException {
    Matcher artifact = ARTIFACT.matcher(plain);
    if (!artifact.find()) {
      throw new CodebaseException("pom.xml has no moodle-maven-plugin: add the plugin as the archetype's pom does,"
          + " then add plugins to its <configuration>.");
    }
    int pluginEnd = plain.indexOf("</plugin>", artifact.end());
    int configuration = plain.indexOf("<configuration>", artifact.end());
    int end = configuration < 0 ? -1 : plain.indexOf("</configuration>", configuration);
    if (end < 0 || pluginEnd >= 0 && configuration > pluginEnd) {
      throw new CodebaseException("The moodle-maven-plugin of pom.xml has no <configuration>: add one with <moodle>.");
    }
    return new int[] {configuration, end};
  }

  /** Start and end of the configuration's {@code <plugins>}. */
  private static int[] pluginsOf(String plain) throws CodebaseException {
    int[] configuration = configurationOf(plain);
    int start = indexOfTag(plain, "plugins", configuration[0], configuration[1]);
    if (start < 0) {
      throw new CodebaseException("The moodle-maven-plugin of pom.xml declares no <plugins>.");
    }
    return new int[] {start, plain.indexOf("</plugins>", start)};
  }

  private static String render(Declaration d, String indent, String newline) {
    StringBuilder out = new StringBuilder(indent).append("<plugin>").append(newline);
    for (String[] e : d.elements()) {
      out.append(indent).append("  <").append(e[0]).append('>').append(escape(e[1])).append("</").append(e[0]).append('>')
          .append(newline);
    }
    return out.append(indent).append("</plugin>").append(newline).toString();
  }

  /** The indentation the existing {@code <plugin>} children use, else two more than the closing tag's. */
  private static String childIndent(String plain, int from, int to, String closeIndent) {
    int child = plain.indexOf("<plugin>", from + "<plugins>".length());
    if (child >= 0 && child < to) {
      return indentOf(plain, child);
    }
    return closeIndent + "  ";
  }

  private static int indexOfTag(String plain, String tag, int from, int to) {
    Matcher m = Pattern.compile("<" + tag + ">").matcher(plain);
    m.region(from, to < 0 ? plain.length() : to);
    return m.find() ? m.start() : -1;
  }

  private static int lineStart(String text, int at) {
    return text.lastIndexOf('\n', at - 1) + 1;
  }

  /** The whitespace between the start of the line and the position, or "" when other text precedes it. */
  private static String indentOf(String text, int at) {
    String before = text.substring(lineStart(text, at), at);
    return before.isBlank() ? before : "";
  }

  /** The text with every comment's characters replaced by spaces (line breaks kept), same length. */
  static String blankComments(String xml) {
    StringBuilder out = new StringBuilder(xml);
    int at = 0;
    while ((at = xml.indexOf("<!--", at)) >= 0) {
      int end = xml.indexOf("-->", at + 4);
      end = end < 0 ? xml.length() : end + 3;
      for (int i = at; i < end; i++) {
        if (out.charAt(i) != '\n' && out.charAt(i) != '\r') {
          out.setCharAt(i, ' ');
        }
      }
      at = end;
    }
    return out.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
