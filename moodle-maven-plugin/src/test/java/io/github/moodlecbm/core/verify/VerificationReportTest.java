package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VerificationReportTest {
  @TempDir Path tmp;

  @Test
  void aFindingWithControlCharactersQuotesAndMarkupGivesAReportThatParses() throws Exception {
    // What php -l prints in colour, quoted back in a finding's message.
    String lint = "local_x: php -l says \u001b[1;31mPHP Parse error:\u001b[0m unexpected '\"' & \"<?php\" ]]> \u0000";
    var v = new CodebaseVerifier.Verification(List.of(
        new Finding("moodle", "core", Finding.Severity.PASSED, ""),
        new Finding("local_x", "php -l local/x/lib.php", Finding.Severity.ERROR, lint),
        new Finding("local_x", "maturity", Finding.Severity.WARNING, "beta & \u001b[33mcareful\u001b[0m")), List.of());
    Path report = tmp.resolve("moodle-verify/TEST-moodle-verify.xml");
    VerificationReport.writeJUnit(v, report);

    String xml = Files.readString(report);
    assertTrue(xml.contains("failures=\"1\""), xml);
    assertTrue(xml.contains("<testcase classname=\"moodle\" name=\"core\"/>"), xml);
    assertTrue(xml.contains("<testcase classname=\"local_x\" name=\"php -l local/x/lib.php\">\n    <failure message=\""), xml);
    NodeList cases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
        .getElementsByTagName("testcase");
    assertEquals(3, cases.getLength());
    Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertEquals("local_x: php -l says ^[[1;31mPHP Parse error:^[[0m unexpected '\"' & \"<?php\" ]]> ^@",
        failure.getAttribute("message"));
    assertEquals("WARNING: beta & ^[[33mcareful^[[0m", cases.item(2).getTextContent().strip());
  }

  @Test
  void aReportWithNothingWrongSaysNoFailures() throws Exception {
    var v = new CodebaseVerifier.Verification(List.of(new Finding("block_xp", "requires", Finding.Severity.PASSED, "")),
        List.of());
    Path report = tmp.resolve("TEST-moodle-verify.xml");
    VerificationReport.writeJUnit(v, report);
    assertEquals("""
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="moodle-verify" tests="1" failures="0" errors="0" skipped="0">
          <testcase classname="block_xp" name="requires"/>
        </testsuite>
        """, Files.readString(report));
  }
}
