package io.github.moodlecbm.core.advisory;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.layout.CoreRelease;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.PluginVersions;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.verify.PluginMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Which published advisories affect a locked code base, and which version removes each: Moodle is
 * asked by its Packagist package at its release (a weekly build {@code 4.5.6+} as {@code 4.5.6}),
 * each plugin by its locked commit; the site's own overlay plugins are nobody else's to advise on.
 * The nearest fix is looked up in the local mirrors, which this never fetches: Moodle's next
 * release of the site's branch that the advisory names fixed, a plugin's nearest version (branch
 * head or tag) that has the fix commit and runs on the site's Moodle.
 */
public final class Audit {
  private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?([A-Za-z]+\\d*)?(\\+)?");

  /**
   * How an advisory is fixed for the site.
   *
   * @param version the nearest fixed version ({@code 4.5.7}, {@code tag v19.3}), null when none is published or known
   * @param onLine whether {@code moodle:update} takes it (the pin's own line); else the pin has to change
   * @param otherBranch for Moodle: the fix exists only on another branch
   */
  public record Fix(String version, boolean onLine, boolean otherBranch) {
    static final Fix NONE = new Fix(null, false, false);
  }

  /**
   * One advisory affecting one component.
   *
   * @param locked the component's locked version, as the user knows it
   * @param weeklyMayHaveIt Moodle is a weekly build after the release the advisory names affected,
   *     and the fix is the next point release: the weekly build may already have it
   * @param patched the site's patches change this component: they may fix it
   */
  public record Finding(String component, String locked, OsvRecord advisory, Optional<Severity> severity, Fix fix,
      boolean weeklyMayHaveIt, boolean patched) {}

  /**
   * The audit of a lock.
   *
   * @param source where the advisories were read
   * @param checked how many components were asked about
   * @param unchecked the components no answer could be had for, with why
   * @param age the age of the oldest cached answer used; null when every answer is new
   */
  public record Report(String source, int checked, List<Finding> findings, Map<String, String> unchecked, Duration age) {
    public boolean clean() {
      return findings.isEmpty() && unchecked.isEmpty();
    }

    /** The findings at or above a severity; one of unknown severity counts, as it cannot be ruled out. */
    public List<Finding> atLeast(Severity threshold) {
      return findings.stream().filter(f -> f.severity().map(s -> s.atLeast(threshold)).orElse(true)).toList();
    }

    /** The ids of the advisories found, each once. */
    public List<String> ids() {
      return findings.stream().map(f -> f.advisory().id()).distinct().toList();
    }
  }

  private final AdvisorySource source;
  private final MirrorCache mirrors;

  public Audit(AdvisorySource source, MirrorCache mirrors) {
    this.source = source;
    this.mirrors = mirrors;
  }

  /** The questions a lock asks: Moodle's package and release, each upstream plugin's commit. */
  public static Map<String, Query> queries(Lock lock) {
    Map<String, Query> queries = new LinkedHashMap<>();
    queries.put("moodle", Query.ofPackage(Query.PACKAGIST, Query.MOODLE_PACKAGE, baseRelease(lock.moodle().release())));
    lock.plugins().forEach((c, p) -> queries.put(c, Query.ofCommit(p.commit(), p.source())));
    return queries;
  }

  /**
   * A release as Packagist versions it: {@code 4.5} is {@code 4.5.0}; a weekly {@code 4.5.6+ (Build: ...)}
   * is {@code 4.5.6}; {@code 5.1dev} is {@code 5.1.0-dev}.
   */
  static String baseRelease(String release) {
    Matcher m = RELEASE.matcher(release == null ? "" : release.trim());
    if (!m.lookingAt()) {
      return release;
    }
    // a development or pre-release build (5.1dev, 4.5beta, 4.5rc1) is before its release, as Packagist orders it
    return m.group(1) + "." + m.group(2) + "." + (m.group(3) == null ? "0" : m.group(3))
        + (m.group(4) == null ? "" : "-" + m.group(4));
  }

  /** Asks about a lock's code base and finds the fix of every advisory found. */
  public Report audit(Lock lock) throws CodebaseException, IOException {
    Map<String, Query> queries = queries(lock);
    Map<Query, Answer> answers = source.ask(new ArrayList<>(queries.values()));
    List<Finding> findings = new ArrayList<>();
    Map<String, String> unchecked = new LinkedHashMap<>();
    Duration age = null;
    for (Map.Entry<String, Query> e : queries.entrySet()) {
      Answer a = answers.get(e.getValue());
      if (a == null || !a.answered()) {
        unchecked.put(e.getKey(), a == null ? "" : a.problem());
        continue;
      }
      if (a.age() != null && (age == null || a.age().compareTo(age) > 0)) {
        age = a.age();
      }
      for (OsvRecord r : a.advisories()) {
        findings.add(e.getKey().equals("moodle") ? moodleFinding(lock, r) : pluginFinding(lock, e.getKey(), r));
      }
    }
    findings.sort(Comparator.comparing((Finding f) -> !f.component().equals("moodle")).thenComparing(Finding::component)
        .thenComparing(f -> -f.severity().map(Enum::ordinal).orElse(Severity.values().length))
        .thenComparing(f -> f.advisory().id()));
    return new Report(source.describe(), queries.size(), findings, unchecked, age);
  }

  /**
   * Which advisories each proposed move would remove: for Moodle, those whose ranges do not hold
   * the release at the new commit; for a plugin, those whose GIT ranges do not hold the new commit.
   * Read from the records already found, in the local mirrors: nothing is asked again.
   *
   * @param moves the new commit of each component that can move
   * @return the identifiers each move removes, by component; a move that removes none is absent
   */
  public Map<String, List<String>> removedBy(Report report, Lock lock, Map<String, ObjectId> moves) throws IOException {
    Map<String, List<String>> removed = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      ObjectId to = moves.get(f.component());
      if (to == null) {
        continue;
      }
      boolean gone;
      if (f.component().equals("moodle")) {
        Mirror m = mirrors.mirror(lock.moodle().source());
        Optional<String> release = Optional.empty();
        try {
          release = m.exists() ? Optional.of(UpdateCheck.coreRelease(m, to).release()) : Optional.empty();
        } catch (CodebaseException e) {
          // the commit is not in the mirror: the move cannot be judged
        }
        gone = release.isPresent() && !f.advisory().affectsPackage(Query.PACKAGIST, Query.MOODLE_PACKAGE, baseRelease(release.get()));
      } else {
        Lock.Plugin p = lock.plugins().get(f.component());
        Mirror m = mirrors.mirror(p.source());
        gone = m.exists() && !f.advisory().affectsCommit(p.source(), to.name(), new JGitCommitGraph(m.repository()));
      }
      if (gone) {
        removed.computeIfAbsent(f.component(), c -> new ArrayList<>()).add(f.advisory().id());
      }
    }
    return removed;
  }

  /** The findings as a release's manifest records them. */
  public static List<io.github.moodlecbm.core.release.Manifest.Advisory> asManifest(Report report) {
    return report.findings().stream().map(f -> new io.github.moodlecbm.core.release.Manifest.Advisory(f.component(),
        f.advisory().identifiers(), f.severity().map(Severity::word).orElse("unknown"),
        f.advisory().title().isEmpty() ? null : f.advisory().title())).toList();
  }

  private Finding moodleFinding(Lock lock, OsvRecord r) {
    String release = lock.moodle().release();
    Matcher m = RELEASE.matcher(release == null ? "" : release.trim());
    boolean weekly = m.lookingAt() && m.group(5) != null;
    String base = baseRelease(release);
    String branch = m.lookingAt() ? m.group(1) + "." + m.group(2) + "." : "";
    List<String> fixed = r.fixedVersions(Query.PACKAGIST, Query.MOODLE_PACKAGE);
    Optional<String> sameBranch = fixed.stream()
        .filter(v -> baseRelease(v).startsWith(branch) && Versions.comparePackagist(baseRelease(v), base) > 0)
        .min((x, y) -> Versions.comparePackagist(x, y));
    Fix fix;
    if (sameBranch.isPresent()) {
      fix = new Fix(sameBranch.get(), true, false);
    } else {
      Optional<String> elsewhere = fixed.stream().filter(v -> Versions.comparePackagist(baseRelease(v), base) > 0)
          .min((x, y) -> Versions.comparePackagist(x, y));
      fix = elsewhere.map(v -> new Fix(v, false, true)).orElse(Fix.NONE);
    }
    boolean mayHaveIt = weekly && sameBranch.isPresent() && nextPoint(base).equals(baseRelease(sameBranch.get()));
    // Moodle's own words, without the build date: 4.5.2+ (Build: 20250214) is 4.5.2+
    String shown = release == null ? "?" : release.replaceFirst("\\s*\\(Build:.*$", "");
    return new Finding("moodle", shown, r, r.severity(), fix, mayHaveIt, !lock.moodle().patches().isEmpty());
  }

  private static String nextPoint(String base) {
    Matcher m = RELEASE.matcher(base);
    return m.lookingAt() ? m.group(1) + "." + m.group(2) + "." + (Integer.parseInt(m.group(3)) + 1) : "";
  }

  private final Map<String, Optional<CoreRelease>> cores = new HashMap<>();
  /** Each affected plugin's versions, read once for all its advisories. */
  private final Map<String, PluginVersions> versions = new HashMap<>();

  private Finding pluginFinding(Lock lock, String component, OsvRecord r) throws IOException {
    Lock.Plugin p = lock.plugins().get(component);
    Mirror mirror = mirrors.mirror(p.source());
    String locked = p.commit().substring(0, Math.min(10, p.commit().length()));
    Fix fix = Fix.NONE;
    if (mirror.exists()) {
      CommitGraph graph = new JGitCommitGraph(mirror.repository());
      String folder = p.path() == null ? "" : p.path();
      Optional<PluginMetadata> now = PluginVersions.metadataAt(mirror, ObjectId.fromString(p.commit()), folder);
      locked = now.map(Audit::describe).orElse(locked);
      fix = pluginFix(lock, component, p, r, mirror, graph, folder, now.map(PluginMetadata::version).orElse(BigDecimal.ZERO));
    }
    return new Finding(component, locked, r, r.severity(), fix, false, !p.patches().isEmpty());
  }

  private Fix pluginFix(Lock lock, String component, Lock.Plugin p, OsvRecord r, Mirror mirror, CommitGraph graph, String folder,
      BigDecimal lockedVersion) throws IOException {
    List<String> fixCommits = r.fixedCommits(p.source(), graph);
    if (fixCommits.isEmpty()) {
      return Fix.NONE;
    }
    Optional<CoreRelease> core = core(lock);
    List<PluginVersions.Candidate> fixedOnes = new ArrayList<>();
    try {
      for (PluginVersions.Candidate c : versions.computeIfAbsent(component, who -> new PluginVersions(who, mirror, folder))
          .candidates()) {
        boolean hasFix = fixCommits.stream().anyMatch(f -> graph.isAncestor(f, c.commit().name()));
        boolean runs = core.isEmpty() || c.meta().runsOn(new BigDecimal(core.get().version()), Integer.parseInt(core.get().branch()));
        if (hasFix && runs && !r.affectsCommit(p.source(), c.commit().name(), graph)
            && (c.meta().version() == null || c.meta().version().compareTo(lockedVersion) >= 0)) {
          fixedOnes.add(c);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (fixedOnes.isEmpty()) {
      return new Fix(null, false, false);
    }
    // candidates come newest first: the nearest is the last; on the pin's line if one is
    PluginVersions.Candidate nearest = fixedOnes.get(fixedOnes.size() - 1);
    for (int i = fixedOnes.size() - 1; i >= 0; i--) {
      if (onLine(p.pin(), fixedOnes.get(i))) {
        return new Fix(describe(fixedOnes.get(i)), true, false);
      }
    }
    return new Fix(describe(nearest), false, false);
  }

  private static boolean onLine(Pin pin, PluginVersions.Candidate c) {
    if (pin instanceof Pin.Branch b) {
      return c.kind().equals("branch") && c.name().equals(b.name());
    }
    if (pin instanceof Pin.Tag) {
      return c.kind().equals("tag");
    }
    return pin instanceof Pin.Automatic;
  }

  private Optional<CoreRelease> core(Lock lock) {
    return cores.computeIfAbsent(lock.moodle().commit(), id -> {
      try {
        Mirror m = mirrors.mirror(lock.moodle().source());
        return m.exists() ? Optional.of(UpdateCheck.coreRelease(m, ObjectId.fromString(id))) : Optional.empty();
      } catch (IOException | CodebaseException | RuntimeException e) {
        return Optional.empty();
      }
    });
  }

  private static String describe(PluginVersions.Candidate c) {
    return c.label() + (c.meta().release() == null ? "" : " (" + c.meta().release() + ")");
  }

  private static String describe(PluginMetadata m) {
    return m.release() != null ? m.release() : m.version() == null ? "?" : m.version().toPlainString();
  }
}
