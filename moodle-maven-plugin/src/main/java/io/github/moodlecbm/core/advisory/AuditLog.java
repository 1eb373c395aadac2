package io.github.moodlecbm.core.advisory;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An audit as the user reads it: {@code moodle:audit} groups the advisories by component under a
 * line that says what takes them all away; a build says one warning per advisory. Both end with
 * where the answers came from and how old they are.
 */
public final class AuditLog {
  private AuditLog() {}

  /** {@code mvn moodle:audit}: a line per component, then a line per advisory. */
  public static void printGrouped(Audit.Report report, BuildLog log) {
    log.info(AdvisoryMessages.checked(report.source(), report.checked(), report.age()));
    Map<String, List<Audit.Finding>> byComponent = new LinkedHashMap<>();
    report.findings().forEach(f -> byComponent.computeIfAbsent(f.component(), c -> new ArrayList<>()).add(f));
    byComponent.forEach((component, findings) -> {
      log.warn(AdvisoryMessages.componentHeader(component, findings.get(0).locked(), findings.size(),
          severities(findings), allFixedIn(findings).orElse(null)));
      findings.forEach(f -> log.warn("  " + AdvisoryMessages.advisoryLine(f)));
    });
    report.unchecked().forEach((component, why) -> log.warn(AdvisoryMessages.unchecked(component, why)));
    if (report.findings().isEmpty() && report.unchecked().isEmpty()) {
      log.info(AdvisoryMessages.noneFound(report.checked()));
    } else if (!report.findings().isEmpty()) {
      log.info(AdvisoryMessages.summary(report.findings().size(), byComponent.size(), report.checked(),
          severities(report.findings())));
    }
  }

  /** A build's warnings: one per advisory, each naming its component. */
  public static void printWarnings(Audit.Report report, BuildLog log) {
    report.findings().forEach(f -> log.warn(AdvisoryMessages.componentPrefix(f.component(), f.locked())
        + AdvisoryMessages.advisoryLine(f)));
    report.unchecked().forEach((component, why) -> log.warn(AdvisoryMessages.unchecked(component, why)));
    if (report.clean()) {
      log.info(AdvisoryMessages.noneFoundShort(report.source(), report.checked(), report.age()));
    }
  }

  /** The components that could not be checked, a warning each. */
  public static void printUnchecked(Audit.Report report, BuildLog log) {
    report.unchecked().forEach((component, why) -> log.warn(AdvisoryMessages.unchecked(component, why)));
  }

  /**
   * Fails when an advisory at or above {@code threshold} affects the code base, or when the code
   * base could not be checked at all and a threshold asks for a check.
   */
  public static void enforce(Audit.Report report, Severity threshold) throws CodebaseException {
    if (threshold == null) {
      return;
    }
    List<Audit.Finding> over = report.atLeast(threshold);
    if (!over.isEmpty()) {
      throw new CodebaseException(AdvisoryMessages.failOn(threshold, over));
    }
    if (!report.unchecked().isEmpty()) {
      throw new CodebaseException(AdvisoryMessages.couldNotCheck(threshold, report.unchecked()));
    }
  }

  /** {@code 1 critical, 2 high}: how many of each severity, highest first. */
  static String severities(List<Audit.Finding> findings) {
    List<String> parts = new ArrayList<>();
    Severity[] all = Severity.values();
    for (int i = all.length - 1; i >= 0; i--) {
      Severity s = all[i];
      long n = findings.stream().filter(f -> f.severity().equals(Optional.of(s))).count();
      if (n > 0) {
        parts.add(n + " " + s.word());
      }
    }
    long unknown = findings.stream().filter(f -> f.severity().isEmpty()).count();
    if (unknown > 0) {
      parts.add(unknown + " " + AdvisoryMessages.unknownSeverity());
    }
    return String.join(", ", parts);
  }

  /** The version that removes every advisory of a component, when each has a fix on its line. */
  static Optional<String> allFixedIn(List<Audit.Finding> findings) {
    String newest = null;
    for (Audit.Finding f : findings) {
      if (f.fix().version() == null || !f.fix().onLine()) {
        return Optional.empty();
      }
      if (newest != null && !f.component().equals("moodle") && !newest.equals(f.fix().version())) {
        return Optional.empty();
      }
      if (newest == null || Versions.comparePackagist(f.fix().version(), newest) > 0) {
        newest = f.fix().version();
      }
    }
    return Optional.ofNullable(newest);
  }
}
