package io.github.moodlecbm.core.installtest;

import static io.github.moodlecbm.core.verify.VerificationReport.escape;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The install test as a JUnit XML report, one test case per step, for CI servers to show. */
final class JUnitReport {
  private JUnitReport() {}

  static void write(Path file, InstallTest.Outcome outcome) throws IOException {
    Duration total = outcome.steps().stream().map(InstallTest.Step::took).reduce(Duration.ZERO, Duration::plus);
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<testsuite name=\"moodle-install-test\" tests=\"").append(outcome.steps().size()).append("\" failures=\"")
        .append(outcome.steps().stream().filter(s -> !s.passed()).count()).append("\" errors=\"0\" skipped=\"0\" time=\"")
        .append(seconds(total)).append("\">\n");
    for (InstallTest.Step step : outcome.steps()) {
      x.append("  <testcase classname=\"moodle-install-test\" name=\"").append(escape(step.name())).append("\" time=\"")
          .append(seconds(step.took())).append('"');
      if (step.passed()) {
        x.append("/>\n");
        continue;
      }
      x.append(">\n    <failure message=\"").append(escape(step.failure())).append("\">")
          .append(escape(step.log() != null && Files.isReadable(step.log()) ? tail(step.log()) : step.failure()))
          .append("</failure>\n  </testcase>\n");
    }
    x.append("</testsuite>\n");
    Files.createDirectories(file.getParent());
    Files.writeString(file, x.toString(), StandardCharsets.UTF_8);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
  }

  /** The end of a step's log: where the failure is. */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }
}
