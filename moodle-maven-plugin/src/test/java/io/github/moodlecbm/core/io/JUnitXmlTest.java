package io.github.moodlecbm.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitXmlTest {
  @TempDir Path tmp;

  @Test
  void charactersXmlCannotCarryBecomeVisibleStandIns() {
    assertEquals("^[[31mred^[[0m ^@ ^_", JUnitXml.xml10("\u001b[31mred\u001b[0m \u0000 \u001f"));
    assertEquals("\uFFFD \uFFFD \uFFFD \uFFFD", JUnitXml.xml10("\uD800 \uDC00 \uFFFE \uFFFF"));
    String allowed = "tab\tline\ncr\r \u007f é \uD83D\uDE00 <&>\"]]>";
    assertSame(allowed, JUnitXml.xml10(allowed), "nothing to replace, nothing copied");
  }

  @Test
  void aReportOfAnyTextParsesAndReadsAsTheTextWithStandIns() throws Exception {
    String nasty = "\u001b[31mPHP Fatal error:\u001b[0m \"quoted\" & <tag> ]]> \u0000 end";
    Path file = tmp.resolve("reports/TEST-x.xml");
    JUnitXml.write(file, "suite \"&<", Duration.ofMillis(1500), List.of(
        JUnitXml.TestCase.of("a", "ok"),
        JUnitXml.TestCase.of("b", nasty).took(Duration.ofMillis(250)).failed(nasty, nasty + "\nline two"),
        JUnitXml.TestCase.of("c", "warned").systemOut("WARNING: " + nasty)));
    String readable = "^[[31mPHP Fatal error:^[[0m \"quoted\" & <tag> ]]> ^@ end";

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Element suite = doc.getDocumentElement();
    assertEquals("suite \"&<", suite.getAttribute("name"));
    assertEquals("3", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1.500", suite.getAttribute("time"));
    Element failed = (Element) suite.getElementsByTagName("testcase").item(1);
    assertEquals(readable, failed.getAttribute("name"));
    assertEquals("0.250", failed.getAttribute("time"));
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertEquals(readable, failure.getAttribute("message"));
    assertEquals(readable + "\nline two", failure.getTextContent());
    assertEquals("WARNING: " + readable, suite.getElementsByTagName("system-out").item(0).getTextContent());

    List<String> lines = Files.readAllLines(file);
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", lines.get(0));
    assertEquals("<testsuite name=\"suite &quot;&amp;&lt;\" tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"1.500\">",
        lines.get(1));
    assertEquals("  <testcase classname=\"a\" name=\"ok\"/>", lines.get(2));
    assertEquals("</testsuite>", lines.get(lines.size() - 1));
    assertEquals(List.of(), List.of(tmp.resolve("reports").toFile().list((d, n) -> n.endsWith(".tmp"))));
  }
}
