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
    return new Parser(new PhpLexer(php).tokens()).file();
  }

  private static final class Parser {
    private final List<PhpLexer.Token> tokens;
    private int p;
    private final Map<String, Object> values = new LinkedHashMap<>();

    Parser(List<PhpLexer.Token> tokens) {
      this.tokens = tokens;
    }

    VersionFile file() throws UnreadableException {
      while (peek().kind() != PhpLexer.Kind.END) {
        statement();
      }
      return new VersionFile(values);
    }

    private void statement() throws UnreadableException {
      PhpLexer.Token t = next();
      if (t.kind() == PhpLexer.Kind.IDENT && t.text().equals("defined")) {
        // defined('MOODLE_INTERNAL') || die(); and its variants
        expect("(");
        value();
        expect(")");
        expect("||");
        PhpLexer.Token die = next();
        if (die.kind() != PhpLexer.Kind.IDENT || !(die.text().equals("die") || die.text().equals("exit"))) {
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
      if (t.kind() != PhpLexer.Kind.VARIABLE) {
        throw unexpected(t);
      }
      String name = t.text();
      if (peek().text().equals("->")) {
        next();
        PhpLexer.Token property = next();
        if (property.kind() != PhpLexer.Kind.IDENT) {
          throw unexpected(property);
        }
        // $module-> is what very old activity modules used for $plugin->.
        name = (name.equals("module") ? "plugin" : name) + "->" + property.text();
      }
      expect("=");
      if (peek().kind() == PhpLexer.Kind.IDENT && peek().text().equals("new")) {
        // $plugin = new stdClass();
        next();
        PhpLexer.Token cls = next();
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
      PhpLexer.Token t = next();
      switch (t.kind()) {
        case NUMBER:
          return number(t, false);
        case STRING:
          return t.text();
        case SYMBOL:
          if (t.text().equals("-") && peek().kind() == PhpLexer.Kind.NUMBER) {
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
      while (!peek().text().equals(close) || peek().kind() == PhpLexer.Kind.STRING) {
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

    private static BigDecimal number(PhpLexer.Token t, boolean negative) throws UnreadableException {
      try {
        BigDecimal n = new BigDecimal(t.text());
        return negative ? n.negate() : n;
      } catch (NumberFormatException e) {
        throw new UnreadableException(t.line(), "'" + t.text() + "' is not a number");
      }
    }

    private PhpLexer.Token peek() {
      return tokens.get(p);
    }

    private PhpLexer.Token next() throws UnreadableException {
      PhpLexer.Token t = tokens.get(p);
      if (t.kind() == PhpLexer.Kind.END) {
        throw new UnreadableException(t.line(), "the file ends in the middle of a statement");
      }
      p++;
      return t;
    }

    private void expect(String symbol) throws UnreadableException {
      PhpLexer.Token t = next();
      if (!t.text().equals(symbol) || t.kind() == PhpLexer.Kind.STRING) {
        throw new UnreadableException(t.line(), "expected '" + symbol + "' but found '" + t.text() + "'");
      }
    }

    private static UnreadableException unexpected(PhpLexer.Token t) {
      return new UnreadableException(t.line(), "unexpected '" + t.text() + "'");
    }
  }
}
