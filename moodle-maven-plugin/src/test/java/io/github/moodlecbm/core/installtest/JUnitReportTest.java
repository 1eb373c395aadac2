package io.github.moodlecbm.core.installtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JUnitReportTest {
  @TempDir Path tmp;

  @Test
  void aStepsOutputWithControlCharactersQuotesAndMarkupGivesAReportThatParses() throws Exception {
    Path log = tmp.resolve("install_database.php-this-build.log");
    // PHP's CLI installer in colour, a NUL, markup, and a byte that is not UTF-8.
    byte[] output = ("-->block_xp\n\u001b[31m!!! Error writing to database \"mdl_config\" & <b>x</b> ]]> \u0000 !!!\u001b[0m\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] withBadByte = java.util.Arrays.copyOf(output, output.length + 2);
    withBadByte[output.length] = (byte) 0xff;
    withBadByte[output.length + 1] = '\n';
    Files.write(log, withBadByte);
    InstallTest.Outcome outcome = new InstallTest.Outcome(List.of(
        new InstallTest.Step("install.php (this build)", Duration.ofMillis(1200), null, null),
        new InstallTest.Step("install_database.php (this build)", Duration.ofMillis(3400),
            "install_database.php failed: \u001b[31m!!! Error \"mdl_config\" & <b>\u001b[0m", log)),
        "failed", tmp);
    Path report = tmp.resolve("TEST-moodle-install-test.xml");
    JUnitReport.write(report, outcome);

    String xml = Files.readString(report);
    assertTrue(xml.contains("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"4.600\">"), xml);
    assertTrue(xml.contains("  <testcase classname=\"moodle-install-test\" name=\"install.php (this build)\" time=\"1.200\"/>\n"), xml);
    NodeList failures = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
        .getElementsByTagName("failure");
    assertEquals(1, failures.getLength());
    Element failure = (Element) failures.item(0);
    assertEquals("install_database.php failed: ^[[31m!!! Error \"mdl_config\" & <b>^[[0m", failure.getAttribute("message"));
    assertEquals("-->block_xp\n^[[31m!!! Error writing to database \"mdl_config\" & <b>x</b> ]]> ^@ !!!^[[0m\n\uFFFD",
        failure.getTextContent());
  }
}
