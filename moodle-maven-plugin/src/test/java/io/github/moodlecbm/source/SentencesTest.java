package io.github.moodlecbm.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules of the plugin's own sources about what the user reads: every sentence the build says
 * (a log line, a failure, a verification finding) is made by a message catalogue of its package (a
 * class named {@code ...Messages}), never spelled where it is said; and no sentence spells a
 * {@code -Dmoodle.*} property by hand, but takes its name from {@code PropertyNames}.
 */
class SentencesTest {
  private static final Path SOURCES = Path.of("src/main/java/io/github/moodlecbm");

  /** Where the user reads a sentence: the log, a failure, a finding of the verification. */
  private static final Pattern SAID = Pattern.compile(
      "\\b(?:log|getLog\\(\\))\\s*\\.\\s*(?:info|warn)\\s*\\(|new\\s+(?:Codebase|Environment)Exception\\s*\\("
          + "|\\bFinding\\s*\\.\\s*(?:error|warning)\\s*\\(|new\\s+Mojo(?:Execution|Failure)Exception\\s*\\(");

  /** Text: a word of two letters or more. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

  @Test
  void everySentenceTheUserReadsComesFromAMessageCatalogue() throws IOException {
    List<String> spelled = new ArrayList<>();
    for (Path file : sources()) {
      if (file.getFileName().toString().endsWith("Messages.java")) {
        continue;
      }
      String text = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
      Matcher call = SAID.matcher(text);
      while (call.find()) {
        List<String> arguments = arguments(text, call.end());
        // A finding's first two arguments name its component and its check; its third is the sentence.
        List<String> said = call.group().contains("Finding") ? arguments.subList(Math.min(2, arguments.size()), arguments.size())
            : arguments;
        for (String argument : said) {
          for (String literal : literals(argument)) {
            if (WORD.matcher(literal).find()) {
              spelled.add(SOURCES.relativize(file) + ":" + line(text, call.start()) + ": \"" + literal + "\"");
            }
          }
        }
      }
    }
    assertTrue(spelled.isEmpty(), "sentences spelled outside the message catalogues:\n" + String.join("\n", spelled));
  }

  @Test
  void noSentenceSpellsAPropertyNameByHand() throws IOException {
    Pattern property = Pattern.compile("-Dmoodle\\.|\\bmoodle\\.(?!env\\.)[a-z]+[A-Z.]");
    List<String> spelled = new ArrayList<>();
    for (Path file : sources()) {
      if (file.getFileName().toString().equals("PropertyNames.java")) {
        continue;
      }
      String text = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
      for (String literal : literals(text)) {
        if (property.matcher(literal).find()) {
          spelled.add(SOURCES.relativize(file) + ": \"" + literal + "\"");
        }
      }
    }
    assertTrue(spelled.isEmpty(), "property names spelled outside PropertyNames:\n" + String.join("\n", spelled));
  }

  @Test
  void theRulesSeeTheSources() throws IOException {
    assertTrue(sources().size() > 50, "the plugin's sources are found from " + SOURCES.toAbsolutePath());
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  /** A call's arguments, each as its source text: up to its closing parenthesis, split at its own commas. */
  private static List<String> arguments(String text, int from) {
    List<String> arguments = new ArrayList<>();
    int depth = 1;
    int start = from;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOfLiteral(text, i);
      } else if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if ((c == ')' || c == '}' || c == ']') && --depth == 0) {
        arguments.add(text.substring(start, i));
        return arguments;
      } else if (c == ',' && depth == 1) {
        arguments.add(text.substring(start, i));
        start = i + 1;
      }
    }
    arguments.add(text.substring(start));
    return arguments;
  }

  /** The content of every string literal of a source text (text blocks included), escapes as written. */
  private static List<String> literals(String text) {
    List<String> literals = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        i = endOfLiteral(text, i);
      } else if (c == '"') {
        int end = endOfLiteral(text, i);
        boolean block = text.startsWith("\"\"\"", i);
        literals.add(text.substring(i + (block ? 3 : 1), Math.max(i + (block ? 3 : 1), end - (block ? 2 : 0))));
        i = end;
      }
    }
    return literals;
  }

  private static int endOfLiteral(String text, int start) {
    char quote = text.charAt(start);
    if (quote == '"' && text.startsWith("\"\"\"", start)) {
      int end = text.indexOf("\"\"\"", start + 3);
      return end < 0 ? text.length() : end + 2;
    }
    for (int i = start + 1; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        i++;
      } else if (text.charAt(i) == quote) {
        return i;
      }
    }
    return text.length();
  }

  /** The source with its comments blanked (line breaks kept), strings left as they are. */
  private static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        i = endOfLiteral(text, i);
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        blank(out, i, end);
        i = end;
      } else if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? text.length() : end + 2;
        blank(out, i, end);
        i = end - 1;
      }
    }
    return out.toString();
  }

  private static void blank(StringBuilder out, int from, int to) {
    for (int i = from; i < to; i++) {
      if (out.charAt(i) != '\n') {
        out.setCharAt(i, ' ');
      }
    }
  }

  private static int line(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }
}
