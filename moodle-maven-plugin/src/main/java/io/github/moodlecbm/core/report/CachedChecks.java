package io.github.moodlecbm.core.report;

import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.advisory.Audit;
import io.github.moodlecbm.core.advisory.Severity;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.resolve.UpdateReport;
import io.github.moodlecbm.core.resolve.UpgradeCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the last {@code moodle:outdated} and {@code moodle:upgrade-check} of a site found, kept
 * under {@code target/} so that the site report shows them without fetching anything.
 */
public final class CachedChecks {
  private CachedChecks() {}

  /** The answer of {@code moodle:outdated}: a line per component, Moodle first; {@code when} in ISO-8601, UTC. */
  public record Outdated(String when, List<Line> rows) {
    public record Line(String component, String locked, String newestForThisMoodle, String newest, String needs) {}
  }

  /** The answer of {@code moodle:upgrade-check}: a line per plugin. */
  public record Upgrade(String when, String from, String target, List<Line> rows) {
    public record Line(String component, String verdict, String detail, String targetInstallPath) {}
  }

  /**
   * The advisories last found affecting the code base ({@code moodle:audit}, a build): a line per
   * advisory; {@code source} where they were read.
   */
  public record Audited(String when, String source, String tree, List<Line> rows) {
    public record Line(String component, String locked, List<String> ids, String severity, String summary, String fix) {}
  }

  public static Path auditFile(Path buildDirectory) {
    return buildDirectory.resolve("moodle-audit.json");
  }

  public static Audited of(Audit.Report report, String tree, Instant when) {
    return new Audited(when.toString(), report.source(), tree, report.findings().stream()
        .map(f -> new Audited.Line(f.component(), f.locked(), f.advisory().identifiers(),
            f.severity().map(Severity::word).orElse(""), f.advisory().title(), f.fix().version() == null ? "" : f.fix().version()))
        .toList());
  }

  public static Path outdatedFile(Path buildDirectory) {
    return buildDirectory.resolve("moodle-outdated.json");
  }

  public static Path upgradeFile(Path buildDirectory) {
    return buildDirectory.resolve("moodle-upgrade-check.json");
  }

  public static Outdated of(UpdateCheck.Report report, Instant when) {
    return new Outdated(when.toString(), UpdateReport.rows(report).stream()
        .map(r -> new Outdated.Line(r.component(), r.locked(), r.canMove() ? r.sameLine() : "", r.newest(),
            Objects.toString(r.needs(), "")))
        .toList());
  }

  public static Upgrade of(UpgradeCheck.Report report, Instant when) {
    return new Upgrade(when.toString(), report.from(), report.target(), report.rows().stream()
        .map(r -> new Upgrade.Line(r.component(), r.verdict().name(), r.detail(), r.targetInstallPath()))
        .toList());
  }

  public static void write(Path file, Object checks) throws IOException {
    AtomicFile.write(file, Json.render(checks));
  }

  /** The checks a file holds; empty when there is none or it cannot be read (an older format: run the goal again). */
  public static <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), type));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
