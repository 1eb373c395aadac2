package io.github.moodlecbm.core.verify;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code version.php} read as text by a small, strict parser: assignments of plain values
 * (integers, floats, strings, constants such as {@code MATURITY_STABLE} or {@code ANY_VERSION},
 * {@code [..]} and {@code array(..)} lists and maps) to {@code $plugin->name} or to core's
 * {@code $version}, {@code $release}, {@code $branch} and {@code $maturity}, with comments and the
 * {@code defined('MOODLE_INTERNAL') || die();} guard. Plugin code is never run; anything else is
 * refused with its line, never guessed.
 */
public final class VersionFile {
  /** A PHP constant, as written: {@code MATURITY_STABLE}, {@code ANY_VERSION}. */
  public record Constant(String name) {}

  /** Why a file could not be read. */
  public static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(int line, String what) {
      super("line " + line + ": " + what);
    }
  }

  private final Map<String, Object> values;

  private VersionFile(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** The assigned values by name: {@code plugin->version}, {@code version}, {@code release}... */
  public Map<String, Object> values() {
    return values;
  }

  public Object get(String name) {
    return values.get(name);
  }

  public static VersionFile parse(String php) throws UnreadableException {
    return new Parser(new Lexer(php).tokens()).file();
  }

  // ---- lexer ----

  private enum Kind { VARIABLE, IDENT, NUMBER, STRING, SYMBOL, END }

  private record Token(Kind kind, String text, int line) {}

  private static final class Lexer {
    private final String s;
    private int i;
    private int line = 1;

    Lexer(String s) {
      this.s = s;
    }

    List<Token> tokens() throws UnreadableException {
      List<Token> out = new ArrayList<>();
      skipSpace();
      if (s.startsWith("\uFEFF", i)) {
        i++;
      }
      if (!s.startsWith("<?php", i)) {
        throw new UnreadableException(line, "the file does not start with <?php");
      }
      i += 5;
      while (true) {
        skipSpaceAndComments();
        if (i >= s.length() || s.startsWith("?>", i)) {
          out.add(new Token(Kind.END, "", line));
          return out;
        }
        char c = s.charAt(i);
        int start = i;
        if (c == '$') {
          i++;
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
          }
          out.add(new Token(Kind.VARIABLE, s.substring(start + 1, i), line));
        } else if (Character.isLetter(c) || c == '_' || c == '\\') {
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '\\')) {
            i++;
          }
          out.add(new Token(Kind.IDENT, s.substring(start, i).replaceFirst("^\\\\", ""), line));
        } else if (Character.isDigit(c)) {
          while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == '_')) {
            i++;
          }
          out.add(new Token(Kind.NUMBER, s.substring(start, i).replace("_", ""), line));
        } else if (c == '\'' || c == '"') {
          out.add(new Token(Kind.STRING, string(c), line));
        } else if (s.startsWith("->", i) || s.startsWith("=>", i) || s.startsWith("||", i) || s.startsWith("::", i)) {
          i += 2;
          out.add(new Token(Kind.SYMBOL, s.substring(start, i), line));
        } else if ("=;[](),-+".indexOf(c) >= 0) {
          i++;
          out.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
        } else {
          throw new UnreadableException(line, "unexpected '" + c + "'");
        }
      }
    }

    private String string(char quote) throws UnreadableException {
      int startLine = line;
      StringBuilder b = new StringBuilder();
      i++;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '\n') {
          line++;
        }
        if (c == quote) {
          return b.toString();
        }
        if (c == '\\' && i < s.length()) {
          char next = s.charAt(i);
          if (next == quote || next == '\\') {
            b.append(next);
            i++;
            continue;
          }
        }
        if (quote == '"' && (c == '$' || c == '{')) {
          throw new UnreadableException(line, "a double-quoted string with variables");
        }
        b.append(c);
      }
      throw new UnreadableException(startLine, "a string that never ends");
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        if (s.charAt(i) == '\n') {
          line++;
        }
        i++;
      }
    }

    private void skipSpaceAndComments() throws UnreadableException {
      while (true) {
        skipSpace();
        if (s.startsWith("//", i) || (s.startsWith("#", i) && !s.startsWith("#[", i))) {
          while (i < s.length() && s.charAt(i) != '\n') {
            i++;
          }
        } else if (s.startsWith("/*", i)) {
          int end = s.indexOf("*/", i + 2);
          if (end < 0) {
            throw new UnreadableException(line, "a comment that never ends");
          }
          line += (int) s.substring(i, end).chars().filter(ch -> ch == '\n').count();
          i = end + 2;
        } else {
          return;
        }
      }
    }
  }

  // ---- parser ----

  private static final class Parser {
    private final List<Token> tokens;
    private int p;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    VersionFile file() throws UnreadableException {
      while (peek().kind() != Kind.END) {
        statement();
      }
      return new VersionFile(values);
    }

    private void statement() throws UnreadableException {
      Token t = next();
      if (t.kind() == Kind.IDENT && t.text().equals("defined")) {
        // defined('MOODLE_INTERNAL') || die(); and its variants
        expect("(");
        value();
        expect(")");
        expect("||");
        Token die = next();
        if (die.kind() != Kind.IDENT || !(die.text().equals("die") || die.text().equals("exit"))) {
          throw unexpected(die);
        }
        if (peek().text().equals("(")) {
          next();
          if (!peek().text().equals(")")) {
            value();
          }
          expect(")");
        }
        expect(";");
        return;
      }
      if (t.kind() != Kind.VARIABLE) {
        throw unexpected(t);
      }
      String name = t.text();
      if (peek().text().equals("->")) {
        next();
        Token property = next();
        if (property.kind() != Kind.IDENT) {
          throw unexpected(property);
        }
        // $module-> is what very old activity modules used for $plugin->.
        name = (name.equals("module") ? "plugin" : name) + "->" + property.text();
      }
      expect("=");
      if (peek().kind() == Kind.IDENT && peek().text().equals("new")) {
        // $plugin = new stdClass();
        next();
        Token cls = next();
        if (!cls.text().equals("stdClass")) {
          throw unexpected(cls);
        }
        if (peek().text().equals("(")) {
          next();
          expect(")");
        }
        expect(";");
        return;
      }
      Object v = value();
      expect(";");
      values.put(name, v);
    }

    private Object value() throws UnreadableException {
      Token t = next();
      switch (t.kind()) {
        case NUMBER:
          return number(t, false);
        case STRING:
          return t.text();
        case SYMBOL:
          if (t.text().equals("-") && peek().kind() == Kind.NUMBER) {
            return number(next(), true);
          }
          if (t.text().equals("[")) {
            return list("]");
          }
          throw unexpected(t);
        case IDENT:
          if (t.text().equalsIgnoreCase("array") && peek().text().equals("(")) {
            next();
            return list(")");
          }
          if (t.text().equalsIgnoreCase("true") || t.text().equalsIgnoreCase("false")) {
            return Boolean.valueOf(t.text().toLowerCase(java.util.Locale.ROOT));
          }
          if (peek().text().equals("(") || peek().text().equals("::")) {
            throw new UnreadableException(t.line(), "code (" + t.text() + peek().text() + "...) where a value was expected");
          }
          return new Constant(t.text());
        default:
          throw unexpected(t);
      }
    }

    /** A list or map; keys make it a map, in order. */
    private Object list(String close) throws UnreadableException {
      Map<Object, Object> map = new LinkedHashMap<>();
      List<Object> list = new ArrayList<>();
      boolean keyed = false;
      while (!peek().text().equals(close) || peek().kind() == Kind.STRING) {
        Object first = value();
        if (peek().text().equals("=>")) {
          next();
          keyed = true;
          map.put(first, value());
        } else {
          list.add(first);
          map.put(list.size() - 1, first);
        }
        if (peek().text().equals(",")) {
          next();
        } else if (!peek().text().equals(close)) {
          throw unexpected(peek());
        }
      }
      next();
      return keyed ? Collections.unmodifiableMap(map) : List.copyOf(list);
    }

    private static BigDecimal number(Token t, boolean negative) throws UnreadableException {
      try {
        BigDecimal n = new BigDecimal(t.text());
        return negative ? n.negate() : n;
      } catch (NumberFormatException e) {
        throw new UnreadableException(t.line(), "'" + t.text() + "' is not a number");
      }
    }

    private Token peek() {
      return tokens.get(p);
    }

    private Token next() throws UnreadableException {
      Token t = tokens.get(p);
      if (t.kind() == Kind.END) {
        throw new UnreadableException(t.line(), "the file ends in the middle of a statement");
      }
      p++;
      return t;
    }

    private void expect(String symbol) throws UnreadableException {
      Token t = next();
      if (!t.text().equals(symbol) || t.kind() == Kind.STRING) {
        throw new UnreadableException(t.line(), "expected '" + symbol + "' but found '" + t.text() + "'");
      }
    }

    private static UnreadableException unexpected(Token t) {
      return new UnreadableException(t.line(), "unexpected '" + t.text() + "'");
    }
  }
}
