package io.github.moodlecbm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XmlOutlineTest {
  /** Where the generator wrote an element's tags, or a comment (start and end only). */
  private record Placed(String what, int start, int startTagEnd, int endTagStart, int end) {}

  private static final String EMOJI = "\uD83D\uDE00";
  private static final String[] LINE_ENDS = {"\n", "\r\n", "\r", "\n\n", ""};
  private static final String[] TEXTS = {"v1.2", EMOJI, "é中", "a&amp;b", "&#x1F600;", "<![CDATA[x<y> <plugin>\r\n]]>", " ",
      "\r\n", "\r", "x".repeat(9000), "&lt;plugin&gt;", EMOJI.repeat(5000), "\t"};

  @Test
  void everyTagAndCommentIsPlacedExactlyWhateverTheLineEndsAndCharacters() throws CodebaseException {
    // The JDK's reader alone misplaces tags after \r\n (offsets), lone \r and characters outside
    // the BMP (columns); and its buffer is refilled every 8192 characters. Long random documents
    // with all of these, where the generator knows each position, must be read exactly.
    Random random = new Random(20250101L);
    int checked = 0;
    for (int round = 0; round < 200; round++) {
      StringBuilder xml = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
      if (random.nextBoolean()) {
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").append(lineEnd(random));
      }
      List<Placed> expected = new ArrayList<>();
      element(xml, random, expected, 0);
      xml.append(lineEnd(random));
      List<Placed> actual = new ArrayList<>();
      flatten(XmlOutline.parse(xml.toString()), actual);
      assertEquals(expected, actual, "round " + round);
      checked += actual.size();
    }
    assertTrue(checked > 1000, "checked " + checked);
  }

  @Test
  void textIsReadAsXmlAndCommentsAreNotElements() throws CodebaseException {
    XmlOutline.Element root = XmlOutline.parse("<a><!-- <b>x</b> --><b x=\"1>2\"> <![CDATA[block]]>_x&amp;y </b><c/></a>");
    assertEquals(List.of("b", "c"), root.children().stream().map(XmlOutline.Element::name).toList());
    assertEquals("block_x&y", root.childText("b"));
    assertTrue(root.child("c").orElseThrow().empty());
    assertEquals(1, root.comments().size());
  }

  @Test
  void aTextThatIsNotXmlIsRefusedWithWhereAndWhy() {
    CodebaseException e = assertThrows(CodebaseException.class, () -> XmlOutline.parse("<project>\n  <build>\n</project>\n"));
    assertFalse(e instanceof EnvironmentException, "the pom is wrong, not the environment");
    assertTrue(e.getMessage().startsWith("pom.xml is not well-formed XML (line 3): "), e.getMessage());
    assertTrue(e.getMessage().contains("\"build\""), e.getMessage());
    assertTrue(e.getMessage().endsWith(" Correct it, then run the goal again."), e.getMessage());
    assertFalse(e.getMessage().contains("ParseError"), e.getMessage());
    CodebaseException empty = assertThrows(CodebaseException.class, () -> XmlOutline.parse(""));
    assertTrue(empty.getMessage().startsWith("pom.xml is not well-formed XML"), empty.getMessage());
  }

  private static void flatten(XmlOutline.Element element, List<Placed> out) {
    out.add(new Placed(element.name(), element.start(), element.startTagEnd(), element.endTagStart(), element.end()));
    // Comments and children in the order of the text, as the generator wrote them.
    List<Object> parts = new ArrayList<>(element.comments());
    parts.addAll(element.children());
    parts.sort((x, y) -> Integer.compare(startOf(x), startOf(y)));
    for (Object part : parts) {
      if (part instanceof XmlOutline.Span comment) {
        out.add(new Placed("<!--", comment.start(), -1, -1, comment.end()));
      } else {
        flatten((XmlOutline.Element) part, out);
      }
    }
  }

  private static int startOf(Object part) {
    return part instanceof XmlOutline.Span s ? s.start() : ((XmlOutline.Element) part).start();
  }

  private static String lineEnd(Random random) {
    return LINE_ENDS[random.nextInt(LINE_ENDS.length)] + "  ".repeat(random.nextInt(3)) + (random.nextInt(5) == 0 ? "\t" : "");
  }

  private static void element(StringBuilder xml, Random random, List<Placed> placed, int depth) {
    String name = new String[] {"plugin", "plugins", "configuration", "a", "q:b", EMOJI + "x"}[random.nextInt(6)];
    int start = xml.length();
    xml.append('<').append(name);
    if (name.equals("q:b")) {
      xml.append(" xmlns:q=\"urn:q\"");
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      String space = lineEnd(random);
      xml.append(space.isEmpty() ? " " : space).append("at").append(i).append("=\"")
          .append(random.nextBoolean() ? "1>2\r\n" + EMOJI + " -->" : "x'&amp;").append('"');
    }
    int index = placed.size();
    placed.add(null);
    if (depth > 0 && random.nextInt(6) == 0) {
      xml.append(random.nextBoolean() ? "/>" : " \r\n />");
      placed.set(index, new Placed(name, start, xml.length(), xml.length(), xml.length()));
      return;
    }
    xml.append(random.nextBoolean() ? ">" : "\r\n>");
    int startTagEnd = xml.length();
    int children = depth == 0 ? 3 + random.nextInt(3) : depth > 4 ? 0 : random.nextInt(4);
    for (int i = 0; i < children; i++) {
      xml.append(lineEnd(random));
      switch (random.nextInt(3)) {
        case 0 -> {
          int commentStart = xml.length();
          xml.append("<!-- <plugin>\r\n").append(EMOJI).append(" <plugins> <!-y").append(random.nextBoolean() ? "x".repeat(9000) : "")
              .append(random.nextBoolean() ? "<!" : "").append("-->");
          placed.add(new Placed("<!--", commentStart, -1, -1, xml.length()));
        }
        case 1 -> {
          for (int t = random.nextInt(4); t > 0; t--) {
            xml.append(TEXTS[random.nextInt(TEXTS.length)]);
          }
        }
        default -> element(xml, random, placed, depth + 1);
      }
    }
    xml.append(lineEnd(random));
    int endTagStart = xml.length();
    xml.append("</").append(name).append(random.nextBoolean() ? ">" : " \r\n>");
    placed.set(index, new Placed(name, start, startTagEnd, endTagStart, xml.length()));
  }
}
