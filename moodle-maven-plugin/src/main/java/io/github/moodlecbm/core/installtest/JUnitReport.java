package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.io.JUnitXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The install test as a JUnit XML report, one test case per step, for CI servers to show. */
final class JUnitReport {
  private JUnitReport() {}

  static void write(Path file, InstallTest.Outcome outcome) throws IOException {
    Duration total = outcome.steps().stream().map(InstallTest.Step::took).reduce(Duration.ZERO, Duration::plus);
    List<JUnitXml.TestCase> cases = new ArrayList<>();
    for (InstallTest.Step step : outcome.steps()) {
      JUnitXml.TestCase c = JUnitXml.TestCase.of("moodle-install-test", step.name()).took(step.took());
      if (!step.passed()) {
        c = c.failed(step.failure(), step.log() != null && Files.isReadable(step.log()) ? tail(step.log()) : step.failure());
      }
      cases.add(c);
    }
    JUnitXml.write(file, "moodle-install-test", total, cases);
  }

  /**
   * The end of a step's log: where the failure is. A program's output need not be UTF-8: bytes
   * that are not become U+FFFD rather than failing the report.
   */
  private static String tail(Path log) throws IOException {
    List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
