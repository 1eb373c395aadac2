package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.EnvironmentException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The elements of an XML text as the JDK's StAX reader reads them, each with where its tags and
 * the comments in it lie in the text, so that an edit can replace exactly the characters it means
 * and leave every other one as it was (mojohaus/versions edits poms the same way).
 *
 * <p>The reader's own positions cannot be taken as they come: its character offset drifts on
 * {@code \r\n} line ends, and its column counts a character outside the BMP once in a comment or
 * text but twice in an attribute, and is one short on every line after a lone {@code \r}. So the
 * reader reads a copy of the text of the same length with each {@code \r\n} made {@code " \n"},
 * each lone {@code \r} made {@code \n} and each surrogate pair made two BMP letters: in that copy
 * its line and column are exact, and a line and column give an offset valid in the original too
 * (XmlOutlineTest checks this on long random documents). Each position is then checked against the text (a start tag must end in {@code >} and begin with
 * {@code <name}): a position that does not check out refuses the edit rather than make it.
 */
final class XmlOutline {
  /** A range of the text, {@code start} inclusive, {@code end} exclusive. */
  record Span(int start, int end) {}

  /** An element: where its start tag begins and ends, where its end tag begins and ends. */
  static final class Element {
    private final String name;
    private final int start;
    private final int startTagEnd;
    private final boolean empty;
    private int endTagStart;
    private int end;
    private final List<Element> children = new ArrayList<>();
    private final List<Span> comments = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private boolean instructions;

    private Element(String name, int start, int startTagEnd, boolean empty) {
      this.name = name;
      this.start = start;
      this.startTagEnd = startTagEnd;
      this.empty = empty;
    }

    String name() {
      return name;
    }

    /** The offset of the {@code <} of its start tag. */
    int start() {
      return start;
    }

    /** The offset after the {@code >} of its start tag: where its content begins. */
    int startTagEnd() {
      return startTagEnd;
    }

    /** The offset of the {@code <} of its end tag: where its content ends; {@link #end()} for {@code <name/>}. */
    int endTagStart() {
      return endTagStart;
    }

    /** The offset after its end tag. */
    int end() {
      return end;
    }

    /** Written {@code <name/>}: no end tag, no content. */
    boolean empty() {
      return empty;
    }

    List<Element> children() {
      return children;
    }

    /** The first child element of that name. */
    Optional<Element> child(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    List<Element> children(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** Where its direct comments lie, in order. */
    List<Span> comments() {
      return comments;
    }

    /**
     * Its own text (without that of its children), CDATA and references read, trimmed: what names
     * a plugin or a component. A character outside the BMP reads as two {@code \u00C0}, a line end
     * as the reader reads it; an edit replaces the text's characters in the original, never this.
     */
    String text() {
      return text.toString().trim();
    }

    /** The trimmed text of a child, or null when it has no such child. */
    String childText(String childName) {
      return child(childName).map(Element::text).orElse(null);
    }

    /** Holds a processing instruction: its text is more than characters and comments. */
    boolean hasInstructions() {
      return instructions;
    }
  }

  private XmlOutline() {}

  /**
   * The root element of the text.
   *
   * @throws CodebaseException the text is not well-formed XML
   * @throws EnvironmentException the reader placed an element where the text does not hold it
   */
  static Element parse(String xml) throws CodebaseException {
    // The JDK's reader refuses a byte order mark read from characters; it is one character before line 1.
    int bom = xml.startsWith("\uFEFF") ? 1 : 0;
    String copy = readableCopy(xml, bom);
    int[] lineStarts = lineStarts(copy);
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    Deque<Element> open = new ArrayDeque<>();
    Element root = null;
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new StringReader(copy));
      try {
        while (reader.hasNext()) {
          int event = reader.next();
          switch (event) {
            case XMLStreamConstants.START_ELEMENT -> {
              // Positions are found and checked in the copy the reader read: it has the same markup
              // at the same places, less the byte order mark.
              int tagEnd = offset(reader.getLocation(), lineStarts);
              int tagStart = tagEnd > 0 ? copy.lastIndexOf('<', tagEnd - 1) : -1;
              if (!isTag(copy, tagStart, tagEnd, "<" + reader.getLocalName())) {
                throw misplaced("<" + reader.getLocalName() + ">", reader.getLocation());
              }
              String name = xml.substring(bom + tagStart + 1, bom + tagStart + 1 + reader.getLocalName().length());
              Element element = new Element(name, bom + tagStart, bom + tagEnd, copy.charAt(tagEnd - 2) == '/');
              if (open.isEmpty()) {
                root = element;
              } else {
                open.peek().children.add(element);
              }
              open.push(element);
            }
            case XMLStreamConstants.END_ELEMENT -> {
              Element element = open.pop();
              int tagEnd = offset(reader.getLocation(), lineStarts);
              if (element.empty) {
                if (bom + tagEnd != element.startTagEnd) {
                  throw misplaced("</" + element.name + ">", reader.getLocation());
                }
                element.endTagStart = element.startTagEnd;
              } else {
                int tagStart = tagEnd > 0 ? copy.lastIndexOf('<', tagEnd - 1) : -1;
                if (bom + tagStart < element.startTagEnd || !isTag(copy, tagStart, tagEnd, "</" + reader.getLocalName())) {
                  throw misplaced("</" + element.name + ">", reader.getLocation());
                }
                element.endTagStart = bom + tagStart;
              }
              element.end = bom + tagEnd;
            }
            case XMLStreamConstants.COMMENT -> {
              int commentEnd = offset(reader.getLocation(), lineStarts);
              // A comment holds no "--", so the last "<!--" at least 7 characters back (<!---->) opens it.
              int commentStart = commentEnd >= 7 ? copy.lastIndexOf("<!--", commentEnd - 7) : -1;
              if (commentStart < 0 || !copy.startsWith("-->", commentEnd - 3)) {
                throw misplaced("a comment", reader.getLocation());
              }
              if (!open.isEmpty()) {
                open.peek().comments.add(new Span(bom + commentStart, bom + commentEnd));
              }
            }
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
              if (!open.isEmpty()) {
                open.peek().text.append(reader.getText());
              }
            }
            case XMLStreamConstants.PROCESSING_INSTRUCTION, XMLStreamConstants.ENTITY_REFERENCE -> {
              if (!open.isEmpty()) {
                open.peek().instructions = true;
              }
            }
            default -> {
              // the XML declaration, a DOCTYPE, the end of the document: nothing to place
            }
          }
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      Location at = e.getLocation();
      throw new CodebaseException(PomMessages.notXml(at == null ? -1 : at.getLineNumber(), reason(e)), e);
    }
    if (root == null) {
      throw new CodebaseException(PomMessages.noRootElement());
    }
    return root;
  }

  /** The text of the same length in which the reader's lines and columns are exact (see the class comment). */
  private static String readableCopy(String xml, int from) {
    StringBuilder copy = new StringBuilder(xml.length() - from).append(xml, from, xml.length());
    for (int i = 0; i < copy.length(); i++) {
      char c = copy.charAt(i);
      if (c == '\r') {
        boolean pair = i + 1 < copy.length() && copy.charAt(i + 1) == '\n';
        copy.setCharAt(i, pair ? ' ' : '\n');
      } else if (Character.isHighSurrogate(c) && i + 1 < copy.length() && Character.isLowSurrogate(copy.charAt(i + 1))) {
        // A letter is allowed wherever a supplementary character is, names included; not an ASCII
        // one, so that no text read from the copy matches a name it does not hold.
        copy.setCharAt(i, '\u00C0');
        copy.setCharAt(++i, '\u00C0');
      }
    }
    return copy.toString();
  }

  private static int[] lineStarts(String text) {
    int[] starts = new int[8];
    int lines = 1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        if (lines == starts.length) {
          starts = Arrays.copyOf(starts, lines * 2);
        }
        starts[lines++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, lines);
  }

  /** The offset a location names: the reader places an event at its end, line and column counted from 1. */
  private static int offset(Location at, int[] lineStarts) {
    int line = at.getLineNumber();
    if (line < 1 || line > lineStarts.length || at.getColumnNumber() < 1) {
      return -1;
    }
    return lineStarts[line - 1] + at.getColumnNumber() - 1;
  }

  /**
   * Whether the text holds, from {@code start} to {@code end}, a tag that opens with {@code opening}
   * ({@code <name} or {@code </name}) and ends in {@code >}: no other name, no other character.
   */
  private static boolean isTag(String text, int start, int end, String opening) {
    if (start < 0 || end > text.length() || end - start < opening.length() + 1 || text.charAt(end - 1) != '>'
        || !text.startsWith(opening, start)) {
      return false;
    }
    char after = text.charAt(start + opening.length());
    return after == '>' || after == '/' || Character.isWhitespace(after);
  }

  private static EnvironmentException misplaced(String what, Location at) {
    return new EnvironmentException(PomMessages.cannotPlace(what, at.getLineNumber()));
  }

  /** The reader's explanation without its "ParseError at [row,col]" preamble. */
  private static String reason(XMLStreamException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int at = message.indexOf("Message: ");
    return (at >= 0 ? message.substring(at + "Message: ".length()) : message).strip();
  }
}
