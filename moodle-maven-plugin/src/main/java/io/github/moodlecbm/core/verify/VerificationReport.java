package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.Table;
import io.github.moodlecbm.core.io.JUnitXml;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The verification as a CI server reads it (JUnit XML) and as a person reads it (a table, grouped problems). */
public final class VerificationReport {
  private VerificationReport() {}

  /** One testcase per component and check; errors are failures, warnings are printed to system-out. */
  public static void writeJUnit(CodebaseVerifier.Verification v, Path file) throws IOException {
    List<JUnitXml.TestCase> cases = new ArrayList<>();
    for (Finding f : v.findings()) {
      JUnitXml.TestCase c = JUnitXml.TestCase.of(f.component(), f.check());
      if (f.severity() == Finding.Severity.ERROR) {
        c = c.failed(f.message(), null);
      } else if (f.severity() != Finding.Severity.PASSED) {
        c = c.systemOut("WARNING: " + f.message());
      }
      cases.add(c);
    }
    JUnitXml.write(file, "moodle-verify", null, cases);
  }

  /** The summary table, one line per row, columns aligned. */
  public static List<String> table(CodebaseVerifier.Verification v) {
    Table table = new Table().row("component", "type", "install path", "release", "version", "pin", "commit", "maturity", "status");
    for (CodebaseVerifier.Row r : v.rows()) {
      table.row(r.component(), r.type(), r.installPath(), r.release(), r.version(), r.pin(), r.commit(), r.maturity(), r.status());
    }
    return table.lines();
  }

  /** Every error, grouped per component, as one message. */
  public static String failureMessage(CodebaseVerifier.Verification v) {
    Map<String, List<String>> byComponent = new LinkedHashMap<>();
    for (Finding f : v.errors()) {
      byComponent.computeIfAbsent(f.component(), k -> new ArrayList<>()).add(f.message());
    }
    StringBuilder m = new StringBuilder(VerifyMessages.failed(v.errors().size(), byComponent.size()));
    byComponent.forEach((component, messages) -> {
      m.append("\n[").append(component).append("]");
      messages.forEach(msg -> m.append("\n  - ").append(msg));
    });
    return m.toString();
  }
}
