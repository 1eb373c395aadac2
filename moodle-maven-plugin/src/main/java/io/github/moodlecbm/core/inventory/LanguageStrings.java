package io.github.moodlecbm.core.inventory;

import io.github.moodlecbm.core.layout.TreeFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * A plugin's human name, {@code $string['pluginname']}, read from its English language file as
 * text. The file is never run: only a value written as one plain string is taken. A name built by
 * code ({@code 'a' . 'b'}, a variable, a function call, a double-quoted string with variables in
 * it) is not evaluated, and the plugin's name is then "not stated".
 *
 * <p>The English language file is {@code lang/en/<component>.php} (such as
 * {@code lang/en/block_xp.php}), except for activity modules, whose file is named after the module
 * alone: {@code mod_attendance} has {@code lang/en/attendance.php}.
 */
public final class LanguageStrings {
  /** The string that holds a plugin's name. */
  public static final String PLUGIN_NAME = "pluginname";

  /** PHP's assignment operators: {@code =} sets a value, the others change it by code. */
  private static final java.util.Set<String> ASSIGNMENTS = java.util.Set.of(
      "=", ".=", "+=", "-=", "*=", "/=", "%=", "**=", "??=", "&=", "|=", "^=", "<<=", ">>=");

  private LanguageStrings() {}

  /** The English language file of a plugin, from the plugin's folder: {@code lang/en/attendance.php} for {@code mod_attendance}. */
  public static String file(String component) {
    int underscore = component.indexOf('_');
    String type = underscore < 0 ? "" : component.substring(0, underscore);
    String name = type.equals("mod") ? component.substring(underscore + 1) : component;
    return "lang/en/" + name + ".php";
  }

  /**
   * The name of the plugin installed at {@code installPath} in {@code tree}, from its English
   * language file; empty when there is no such file or it does not state the name as a plain
   * string.
   */
  public static Optional<String> pluginName(TreeFiles files, AnyObjectId tree, String installPath, String component)
      throws IOException {
    String folder = installPath == null || installPath.isEmpty() ? "" : installPath + "/";
    return files.text(tree, folder + file(component)).flatMap(LanguageStrings::pluginName);
  }

  /** {@code $string['pluginname']} of a language file's text; empty when it is not stated as a plain string. */
  public static Optional<String> pluginName(String php) {
    return string(php, PLUGIN_NAME);
  }

  /**
   * The value of {@code $string['<key>']} in a language file's text, when its last assignment is
   * one plain string followed by {@code ;}; empty otherwise (no such string, a value built by code,
   * a file that cannot be read as PHP, an empty value).
   */
  public static Optional<String> string(String php, String key) {
    List<Token> tokens;
    try {
      tokens = new Reader(php).tokens();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    Optional<String> value = Optional.empty();
    for (int i = 0; i + 5 < tokens.size(); i++) {
      if (!(tokens.get(i).is(Kind.VARIABLE, "string")
          && tokens.get(i + 1).is(Kind.SYMBOL, "[")
          && tokens.get(i + 2).kind == Kind.STRING && !tokens.get(i + 2).interpolated && tokens.get(i + 2).text.equals(key)
          && tokens.get(i + 3).is(Kind.SYMBOL, "]"))) {
        continue;
      }
      Token assign = tokens.get(i + 4);
      if (assign.kind != Kind.SYMBOL || !ASSIGNMENTS.contains(assign.text)) {
        continue; // the string read (compared, passed on) rather than set
      }
      Token v = tokens.get(i + 5);
      Token after = i + 6 < tokens.size() ? tokens.get(i + 6) : null;
      boolean plain = assign.text.equals("=") && v.kind == Kind.STRING && !v.interpolated
          && after != null && after.is(Kind.SYMBOL, ";");
      value = plain && !v.text.isBlank() ? Optional.of(v.text) : Optional.empty();
      i += 5;
    }
    return value;
  }

  enum Kind { VARIABLE, IDENT, NUMBER, STRING, HEREDOC, SYMBOL }

  /** A token; a string's text is its value, {@code interpolated} when it holds variables PHP would put in. */
  record Token(Kind kind, String text, boolean interpolated) {
    boolean is(Kind k, String t) {
      return kind == k && text.equals(t);
    }
  }

  /**
   * The tokens of a PHP file: comments and white space dropped, HTML outside {@code <?php ... ?>}
   * skipped, strings decoded as PHP reads them. Malformed text (a string or comment that never
   * ends) is an {@link IllegalArgumentException}.
   */
  static final class Reader {
    private static final String[] OPERATORS = {
      "<<<", "===", "!==", "??=", "**=", "...", "<=>", "<<=", ">>=",
      "==", "!=", "<=", ">=", "=>", "->", "::", ".=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "??", "&&", "||",
      "++", "--", "<<", ">>", "**"};

    private final String s;
    private int i;

    Reader(String s) {
      this.s = s;
    }

    List<Token> tokens() {
      List<Token> out = new ArrayList<>();
      i = 0;
      skipHtml();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (s.startsWith("?>", i)) {
          i += 2;
          out.add(new Token(Kind.SYMBOL, ";", false)); // a closing tag ends a statement
          skipHtml();
        } else if (s.startsWith("//", i) || c == '#' && !s.startsWith("#[", i)) {
          while (i < s.length() && s.charAt(i) != '\n' && !s.startsWith("?>", i)) {
            i++;
          }
        } else if (s.startsWith("/*", i)) {
          int end = s.indexOf("*/", i + 2);
          if (end < 0) {
            throw new IllegalArgumentException("a comment that never ends");
          }
          i = end + 2;
        } else if (c == '$' && i + 1 < s.length() && isNameStart(s.charAt(i + 1))) {
          int start = ++i;
          name();
          out.add(new Token(Kind.VARIABLE, s.substring(start, i), false));
        } else if (isNameStart(c) || c == '\\') {
          int start = i;
          while (i < s.length() && (isNamePart(s.charAt(i)) || s.charAt(i) == '\\')) {
            i++;
          }
          out.add(new Token(Kind.IDENT, s.substring(start, i), false));
        } else if (Character.isDigit(c)) {
          int start = i;
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
            i++;
          }
          out.add(new Token(Kind.NUMBER, s.substring(start, i), false));
        } else if (c == '\'') {
          out.add(singleQuoted());
        } else if (c == '"') {
          out.add(doubleQuoted());
        } else if (s.startsWith("<<<", i)) {
          out.add(heredoc());
        } else {
          String op = String.valueOf(c);
          for (String candidate : OPERATORS) {
            if (s.startsWith(candidate, i)) {
              op = candidate;
              break;
            }
          }
          i += op.length();
          out.add(new Token(Kind.SYMBOL, op, false));
        }
      }
      return out;
    }

    /** Skips text up to the next {@code <?php} (or {@code <?=}) and past it. */
    private void skipHtml() {
      int php = s.indexOf("<?php", i);
      int echo = s.indexOf("<?=", i);
      if (php < 0 && echo < 0) {
        i = s.length();
      } else if (php >= 0 && (echo < 0 || php < echo)) {
        i = php + 5;
      } else {
        i = echo + 3;
      }
    }

    private static boolean isNameStart(char c) {
      return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isNamePart(char c) {
      return isNameStart(c) || Character.isDigit(c);
    }

    private void name() {
      while (i < s.length() && isNamePart(s.charAt(i))) {
        i++;
      }
    }

    private Token singleQuoted() {
      StringBuilder b = new StringBuilder();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '\'') {
          return new Token(Kind.STRING, b.toString(), false);
        }
        if (c == '\\' && i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '\\')) {
          b.append(s.charAt(i++));
        } else {
          b.append(c);
        }
      }
      throw new IllegalArgumentException("a string that never ends");
    }

    private Token doubleQuoted() {
      StringBuilder b = new StringBuilder();
      boolean interpolated = false;
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '"') {
          return new Token(Kind.STRING, b.toString(), interpolated);
        }
        if (c == '$' && i < s.length() && (isNameStart(s.charAt(i)) || s.charAt(i) == '{')
            || c == '{' && i < s.length() && s.charAt(i) == '$') {
          interpolated = true;
          b.append(c);
        } else if (c == '\\' && i < s.length()) {
          i = escape(b, i);
        } else {
          b.append(c);
        }
      }
      throw new IllegalArgumentException("a string that never ends");
    }

    /** Decodes the escape whose character after the backslash is at {@code at}; returns where reading goes on. */
    private int escape(StringBuilder b, int at) {
      char e = s.charAt(at);
      switch (e) {
        case 'n': b.append('\n'); return at + 1;
        case 't': b.append('\t'); return at + 1;
        case 'r': b.append('\r'); return at + 1;
        case 'v': b.append('\u000B'); return at + 1;
        case 'e': b.append('\u001B'); return at + 1;
        case 'f': b.append('\f'); return at + 1;
        case '\\': case '$': case '"': b.append(e); return at + 1;
        case 'x': {
          int end = at + 1;
          while (end < s.length() && end < at + 3 && Character.digit(s.charAt(end), 16) >= 0) {
            end++;
          }
          if (end == at + 1) {
            b.append('\\').append(e);
            return at + 1;
          }
          b.append((char) Integer.parseInt(s.substring(at + 1, end), 16));
          return end;
        }
        case 'u': {
          int close = s.indexOf('}', at);
          if (at + 1 < s.length() && s.charAt(at + 1) == '{' && close > at + 2
              && s.substring(at + 2, close).matches("[0-9A-Fa-f]{1,6}")) {
            b.appendCodePoint(Integer.parseInt(s.substring(at + 2, close), 16));
            return close + 1;
          }
          b.append('\\').append(e);
          return at + 1;
        }
        default:
          if (e >= '0' && e <= '7') {
            int end = at;
            while (end < s.length() && end < at + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
              end++;
            }
            b.append((char) (Integer.parseInt(s.substring(at, end), 8) & 0xFF));
            return end;
          }
          b.append('\\').append(e);
          return at + 1;
      }
    }

    /** A heredoc or nowdoc, skipped whole: never taken as a plain value. */
    private Token heredoc() {
      int lineEnd = s.indexOf('\n', i);
      if (lineEnd < 0) {
        throw new IllegalArgumentException("a heredoc that never ends");
      }
      String label = s.substring(i + 3, lineEnd).trim().replaceAll("^['\"]|['\"]$", "");
      if (label.isEmpty()) {
        throw new IllegalArgumentException("a heredoc without a label");
      }
      java.util.regex.Matcher close = java.util.regex.Pattern
          .compile("(?m)^[ \\t]*" + java.util.regex.Pattern.quote(label) + "(?![A-Za-z0-9_\\x80-\\uFFFF])")
          .matcher(s);
      if (!close.find(lineEnd + 1)) {
        throw new IllegalArgumentException("a heredoc that never ends");
      }
      i = close.end();
      return new Token(Kind.HEREDOC, "", true);
    }
  }
}
