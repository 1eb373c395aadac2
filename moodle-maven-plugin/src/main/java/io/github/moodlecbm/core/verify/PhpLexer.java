package io.github.moodlecbm.core.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a {@code version.php}, for {@link VersionFile}'s parser: variables, names, numbers,
 * strings and symbols, with comments and white space dropped and the line of each kept for the
 * messages. Nothing is evaluated.
 */
final class PhpLexer {
  enum Kind { VARIABLE, IDENT, NUMBER, STRING, SYMBOL, END }

  record Token(Kind kind, String text, int line) {}

  private final String s;
  private int i;
  private int line = 1;

  PhpLexer(String s) {
    this.s = s;
  }

  List<Token> tokens() throws VersionFile.UnreadableException {
    List<Token> out = new ArrayList<>();
    skipSpace();
    if (s.startsWith("\uFEFF", i)) {
      i++;
    }
    if (!s.startsWith("<?php", i)) {
      throw new VersionFile.UnreadableException(line, "the file does not start with <?php");
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
        throw new VersionFile.UnreadableException(line, "unexpected '" + c + "'");
      }
    }
  }

  private String string(char quote) throws VersionFile.UnreadableException {
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
        throw new VersionFile.UnreadableException(line, "a double-quoted string with variables");
      }
      b.append(c);
    }
    throw new VersionFile.UnreadableException(startLine, "a string that never ends");
  }

  private void skipSpace() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      if (s.charAt(i) == '\n') {
        line++;
      }
      i++;
    }
  }

  private void skipSpaceAndComments() throws VersionFile.UnreadableException {
    while (true) {
      skipSpace();
      if (s.startsWith("//", i) || (s.startsWith("#", i) && !s.startsWith("#[", i))) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          throw new VersionFile.UnreadableException(line, "a comment that never ends");
        }
        line += (int) s.substring(i, end).chars().filter(ch -> ch == '\n').count();
        i = end + 2;
      } else {
        return;
      }
    }
  }
}
