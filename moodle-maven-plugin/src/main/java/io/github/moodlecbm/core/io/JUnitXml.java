package io.github.moodlecbm.core.io;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A JUnit XML report, the file CI servers read to show a build's checks: one testsuite of
 * testcases, each passed, failed (with a message and maybe a text) or passed with something to
 * say (system-out). The JDK's {@link XMLStreamWriter} escapes what XML escapes; what XML 1.0
 * cannot carry at all (the colour codes and NULs of a PHP program's output) is replaced first,
 * see {@link #xml10}. One testcase a line, so that a person and a grep read it too.
 */
public final class JUnitXml {
  private JUnitXml() {}

  /**
   * One test case. {@code time} may be null (no time attribute); {@code failure} is null when it
   * passed, {@code failureText} null for an empty failure element; {@code systemOut} may be null.
   */
  public record TestCase(String classname, String name, Duration time, String failure, String failureText,
      String systemOut) {
    public static TestCase of(String classname, String name) {
      return new TestCase(classname, name, null, null, null, null);
    }

    public TestCase took(Duration time) {
      return new TestCase(classname, name, time, failure, failureText, systemOut);
    }

    public TestCase failed(String message, String text) {
      return new TestCase(classname, name, time, message, text, systemOut);
    }

    public TestCase systemOut(String text) {
      return new TestCase(classname, name, time, failure, failureText, text);
    }

    public boolean passed() {
      return failure == null;
    }
  }

  /**
   * Writes the report atomically: a CI server reading the folder never sees half of it.
   *
   * @param time the suite's time attribute, or null for none
   */
  public static void write(Path file, String suite, Duration time, List<TestCase> cases) throws IOException {
    AtomicFile.of(file).write(out -> {
      try {
        // The JDK's own writer, whatever StAX implementation a class path brings: the layout
        // (<testcase .../> with no space before "/>") is what people and scripts grep for.
        XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuite");
        attribute(x, "name", suite);
        attribute(x, "tests", Integer.toString(cases.size()));
        attribute(x, "failures", Long.toString(cases.stream().filter(c -> !c.passed()).count()));
        attribute(x, "errors", "0");
        attribute(x, "skipped", "0");
        if (time != null) {
          attribute(x, "time", seconds(time));
        }
        for (TestCase c : cases) {
          x.writeCharacters("\n  ");
          if (c.passed() && c.systemOut() == null) {
            x.writeEmptyElement("testcase");
            testcaseAttributes(x, c);
            continue;
          }
          x.writeStartElement("testcase");
          testcaseAttributes(x, c);
          if (!c.passed()) {
            x.writeCharacters("\n    ");
            if (c.failureText() == null) {
              x.writeEmptyElement("failure");
              attribute(x, "message", c.failure());
            } else {
              x.writeStartElement("failure");
              attribute(x, "message", c.failure());
              x.writeCharacters(xml10(c.failureText()));
              x.writeEndElement();
            }
          }
          if (c.systemOut() != null) {
            x.writeCharacters("\n    ");
            x.writeStartElement("system-out");
            x.writeCharacters(xml10(c.systemOut()));
            x.writeEndElement();
          }
          x.writeCharacters("\n  ");
          x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.flush();
        x.close();
      } catch (XMLStreamException e) {
        throw new IOException("Cannot write " + file + ": " + e.getMessage(), e);
      }
    });
  }

  private static void testcaseAttributes(XMLStreamWriter x, TestCase c) throws XMLStreamException {
    attribute(x, "classname", c.classname());
    attribute(x, "name", c.name());
    if (c.time() != null) {
      attribute(x, "time", seconds(c.time()));
    }
  }

  private static void attribute(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeAttribute(name, xml10(value));
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  /**
   * The text with every character XML 1.0 cannot carry, not even as a character reference,
   * replaced by a visible stand-in, so that the report stays a document a CI server accepts and
   * the text stays readable: a C0 control character by its caret notation, as a terminal echoes
   * it (ESC of a colour code is {@code ^[}, NUL {@code ^@}); an unpaired surrogate, U+FFFE and
   * U+FFFF by U+FFFD, the replacement character. Tab, line feed and carriage return are kept.
   */
  public static String xml10(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int n = Character.charCount(c);
      if (!allowed(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        if (c < 0x20) {
          out.append('^').append((char) (c + '@'));
        } else {
          out.append('\uFFFD');
        }
      } else if (out != null) {
        out.append(text, i, i + n);
      }
      i += n;
    }
    return out == null ? text : out.toString();
  }

  /** XML 1.0's Char production. */
  private static boolean allowed(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
