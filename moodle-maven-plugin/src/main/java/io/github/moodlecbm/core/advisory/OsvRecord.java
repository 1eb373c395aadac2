package io.github.moodlecbm.core.advisory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.moodlecbm.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One advisory in the OSV format (https://ossf.github.io/osv-schema/), reduced to what an audit
 * needs: its identifiers, words, severity and the packages, versions and commits it affects.
 * Read leniently: unknown fields are ignored, so a newer schema still reads.
 *
 * @param severityVectors the CVSS vectors of the top-level {@code severity} list
 * @param severityWord {@code database_specific.severity} ({@code HIGH}, {@code MODERATE} in GitHub's advisories), or null
 * @param references the URLs of the {@code references} list
 */
public record OsvRecord(
    String id,
    List<String> aliases,
    String summary,
    String details,
    String modified,
    String published,
    String withdrawn,
    List<String> severityVectors,
    String severityWord,
    List<String> references,
    List<Affected> affected) {
  private static final Pattern MSA = Pattern.compile("(?<![A-Za-z0-9])MSA-\\d{2}-\\d{4}(?!\\d)");
  private static final int TITLE_LENGTH = 120;
  /** The {@code introduced} value that stands for the lowest version, or for the first commit. */
  private static final String START = "0";
  /**
   * The order of ECOSYSTEM ranges: Packagist's for Packagist, which is the ecosystem Moodle and its
   * plugins are published in; also for any other ecosystem, for want of its own.
   */
  private static final Comparator<String> ECOSYSTEM_ORDER = Versions::comparePackagist;

  public OsvRecord {
    aliases = copy(aliases);
    severityVectors = copy(severityVectors);
    references = copy(references);
    affected = affected == null ? List.of() : List.copyOf(affected);
  }

  /**
   * An {@code affected} entry: a package (empty strings when the entry names none, as for a git
   * repository only) with its ranges and listed versions.
   *
   * @param severityVectors the CVSS vectors of the entry's own {@code severity} list
   * @param severityWord {@code ecosystem_specific.severity} or {@code database_specific.severity}, or null
   */
  public record Affected(
      String ecosystem,
      String name,
      List<Range> ranges,
      List<String> versions,
      List<String> severityVectors,
      String severityWord) {
    public Affected {
      ecosystem = ecosystem == null ? "" : ecosystem;
      name = name == null ? "" : name;
      ranges = ranges == null ? List.of() : List.copyOf(ranges);
      versions = copy(versions);
      severityVectors = copy(severityVectors);
    }

    /** Whether this entry is about the package, ecosystem and name compared in any case. */
    public boolean isPackage(String ecosystem, String name) {
      return ecosystem != null && name != null && this.ecosystem.equalsIgnoreCase(ecosystem)
          && this.name.equalsIgnoreCase(name);
    }
  }

  /**
   * A range of affected versions or commits.
   *
   * @param type {@code ECOSYSTEM}, {@code SEMVER} or {@code GIT}
   * @param repo the repository of a {@code GIT} range, else null
   * @param events in the order the advisory lists them
   */
  public record Range(String type, String repo, List<Event> events) {
    public static final String ECOSYSTEM = "ECOSYSTEM";
    public static final String SEMVER = "SEMVER";
    public static final String GIT = "GIT";

    public Range {
      type = type == null ? "" : type;
      events = events == null ? List.of() : List.copyOf(events);
    }

    boolean is(String kind) {
      return type.equalsIgnoreCase(kind);
    }
  }

  /**
   * One event of a range.
   *
   * @param kind {@code introduced}, {@code fixed}, {@code last_affected} or {@code limit}
   * @param value a version, or a full commit id in a {@code GIT} range; {@code 0} for an
   *     {@code introduced} that starts at the beginning
   */
  public record Event(String kind, String value) {
    public static final String INTRODUCED = "introduced";
    public static final String FIXED = "fixed";
    public static final String LAST_AFFECTED = "last_affected";
    public static final String LIMIT = "limit";
    private static final List<String> KINDS = List.of(INTRODUCED, FIXED, LAST_AFFECTED, LIMIT);

    public Event {
      kind = kind == null ? "" : kind;
      value = value == null ? "" : value.trim();
    }

    boolean is(String kind) {
      return this.kind.equals(kind);
    }

    boolean isStart() {
      return is(INTRODUCED) && START.equals(value);
    }
  }

  /**
   * Reads an OSV record from JSON.
   *
   * @throws IOException when the input is not JSON or not an OSV record; its message is a short
   *     lowercase reason ({@code not a JSON object}, {@code no "id"})
   */
  public static OsvRecord parse(InputStream in) throws IOException {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IOException(at == null || at.getLineNr() < 1 ? "not JSON" : "not JSON (line " + at.getLineNr() + ")", e);
    }
    return parse(node);
  }

  /**
   * Reads an OSV record from a JSON tree: an object with a string {@code id} and {@code modified}.
   *
   * @throws IOException when the tree is not an OSV record, with a short lowercase reason
   */
  public static OsvRecord parse(JsonNode node) throws IOException {
    if (node == null || !node.isObject()) {
      throw new IOException("not a JSON object");
    }
    String id = required(node, "id");
    String modified = required(node, "modified");
    List<String> references = new ArrayList<>();
    for (JsonNode reference : list(node, "references")) {
      String url = text(reference, "url");
      if (url != null && !url.isBlank()) {
        references.add(url.trim());
      }
    }
    List<Affected> affected = new ArrayList<>();
    for (JsonNode entry : list(node, "affected")) {
      if (!entry.isObject()) {
        throw new IOException("an \"affected\" entry is not an object");
      }
      affected.add(affected(entry));
    }
    return new OsvRecord(id, strings(node, "aliases"), text(node, "summary"), text(node, "details"), modified,
        text(node, "published"), text(node, "withdrawn"), vectors(node), text(node.path("database_specific"), "severity"),
        references, affected);
  }

  private static Affected affected(JsonNode entry) throws IOException {
    JsonNode pkg = entry.path("package");
    List<Range> ranges = new ArrayList<>();
    for (JsonNode range : list(entry, "ranges")) {
      if (!range.isObject()) {
        throw new IOException("a \"ranges\" entry is not an object");
      }
      List<Event> events = new ArrayList<>();
      for (JsonNode event : list(range, "events")) {
        for (String kind : Event.KINDS) {
          JsonNode value = event.get(kind);
          if (value != null && value.isValueNode() && !value.isNull()) {
            events.add(new Event(kind, value.asText().trim()));
          }
        }
      }
      ranges.add(new Range(text(range, "type"), text(range, "repo"), events));
    }
    String word = text(entry.path("ecosystem_specific"), "severity");
    if (word == null) {
      word = text(entry.path("database_specific"), "severity");
    }
    return new Affected(text(pkg, "ecosystem"), text(pkg, "name"), ranges, strings(entry, "versions"), vectors(entry),
        word);
  }

  /** Whether the advisory has been withdrawn (it has a {@code withdrawn} time). */
  public boolean isWithdrawn() {
    return withdrawn != null && !withdrawn.isBlank();
  }

  /**
   * The highest severity of all the CVSS vectors, the record's and its entries'; when none can be
   * read, the highest the severity words name; else empty.
   */
  public Optional<Severity> severity() {
    Optional<Severity> scored = highest(allVectors().map(Severity::ofVector));
    if (scored.isPresent()) {
      return scored;
    }
    return highest(Stream.concat(Stream.of(severityWord), affected.stream().map(Affected::severityWord))
        .map(Severity::ofWord));
  }

  /**
   * The names of the advisory: its id, its aliases, then the Moodle security advisories
   * ({@code MSA-24-0012}) its aliases, summary, details or reference URLs name; each once.
   */
  public List<String> identifiers() {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(id);
    ids.addAll(aliases);
    List<String> texts = new ArrayList<>(aliases);
    texts.add(summary);
    texts.add(details);
    texts.addAll(references);
    for (String text : texts) {
      if (text != null) {
        Matcher m = MSA.matcher(text);
        while (m.find()) {
          ids.add(m.group());
        }
      }
    }
    return List.copyOf(ids);
  }

  /**
   * A one-line title: the summary; else the first line of the details, cut to about 120 characters
   * with {@code ...}; else an empty string.
   */
  public String title() {
    if (summary != null && !summary.isBlank()) {
      return summary.trim();
    }
    if (details != null) {
      for (String line : details.split("\\R")) {
        String t = line.strip();
        if (!t.isEmpty()) {
          return t.length() <= TITLE_LENGTH ? t : t.substring(0, TITLE_LENGTH - 3).stripTrailing() + "...";
        }
      }
    }
    return "";
  }

  /**
   * Whether the advisory affects the version of a package: an entry for the package lists the
   * version, or one of its {@code ECOSYSTEM} ranges (in Packagist's order) or {@code SEMVER} ranges
   * holds it. A range is read as the OSV schema says: its events sorted by version ({@code 0} the
   * lowest), the version is affected after an {@code introduced} at or below it, and no longer
   * after a {@code fixed} at or below it or a {@code last_affected} below it; {@code limit} events
   * do not count.
   */
  public boolean affectsPackage(String ecosystem, String name, String version) {
    if (version == null || version.isBlank()) {
      return false;
    }
    String v = version.trim();
    for (Affected a : affected) {
      if (!a.isPackage(ecosystem, name)) {
        continue;
      }
      if (a.versions().stream().anyMatch(listed -> listed.equals(v) || ECOSYSTEM_ORDER.compare(listed, v) == 0)) {
        return true;
      }
      for (Range r : a.ranges()) {
        Comparator<String> order = r.is(Range.SEMVER) ? Versions::compareSemver
            : r.is(Range.ECOSYSTEM) ? ECOSYSTEM_ORDER : null;
        if (order != null && holds(r, v, order)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The versions that fix the package: every {@code fixed} of its entries' {@code ECOSYSTEM} and
   * {@code SEMVER} ranges, each once, lowest first in Packagist's order.
   */
  public List<String> fixedVersions(String ecosystem, String name) {
    List<String> fixed = affected.stream()
        .filter(a -> a.isPackage(ecosystem, name))
        .flatMap(a -> a.ranges().stream())
        .filter(r -> r.is(Range.ECOSYSTEM) || r.is(Range.SEMVER))
        .flatMap(r -> r.events().stream())
        .filter(e -> e.is(Event.FIXED) && !e.value().isEmpty())
        .map(Event::value)
        .distinct()
        .collect(Collectors.toCollection(ArrayList::new));
    sort(fixed, ECOSYSTEM_ORDER);
    return List.copyOf(fixed);
  }

  /**
   * Whether the advisory affects a commit of a repository, by its {@code GIT} ranges that apply to
   * it (see {@link #fixedCommits}). A range affects the commit when an {@code introduced} is
   * {@code 0} or an ancestor of the commit (or the commit itself), no {@code fixed} is an ancestor
   * of it or itself, and no {@code last_affected} is a strict ancestor of it; {@code limit} events
   * and the tags in {@code versions} do not count.
   *
   * @param commit a full commit id, in any case
   */
  public boolean affectsCommit(String repoUrl, String commit, CommitGraph graph) {
    if (commit == null || commit.isBlank()) {
      return false;
    }
    String c = commit.trim();
    return gitRanges(repoUrl, graph).anyMatch(r -> holds(r, c, graph));
  }

  /**
   * The {@code fixed} commits of the {@code GIT} ranges that apply to a repository, each once, as
   * the advisory lists them. A range applies when its {@code repo} is the repository (see
   * {@link #sameRepository}) or when the graph knows one of its commits, as a fork shares them.
   */
  public List<String> fixedCommits(String repoUrl, CommitGraph graph) {
    return gitRanges(repoUrl, graph)
        .flatMap(r -> r.events().stream())
        .filter(e -> e.is(Event.FIXED) && !e.value().isEmpty())
        .map(Event::value)
        .distinct()
        .toList();
  }

  /**
   * Whether two URLs name the same repository: the scheme, user, port, a trailing {@code /} and
   * {@code .git} are dropped, {@code git@host:owner/repo} reads as {@code host/owner/repo}, and
   * what remains is compared in any case. So {@code https://github.com/FMCorz/moodle-block_xp.git}
   * is {@code git@github.com:fmcorz/moodle-block_xp}.
   */
  public static boolean sameRepository(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String x = normalize(a);
    return !x.isEmpty() && x.equals(normalize(b));
  }

  private static String normalize(String url) {
    String s = url.trim();
    int scheme = s.indexOf("://");
    if (scheme > 0 && s.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      s = s.substring(scheme + 3);
      int slash = s.indexOf('/');
      String authority = slash < 0 ? s : s.substring(0, slash);
      authority = authority.substring(authority.lastIndexOf('@') + 1);
      int port = authority.lastIndexOf(':');
      if (port >= 0 && port > authority.lastIndexOf(']')) {
        authority = authority.substring(0, port);
      }
      s = authority + (slash < 0 ? "" : s.substring(slash));
    } else {
      // scp-like syntax: [user@]host:path
      int colon = s.indexOf(':');
      int slash = s.indexOf('/');
      if (colon > 0 && (slash < 0 || colon < slash)) {
        String host = s.substring(0, colon);
        s = host.substring(host.lastIndexOf('@') + 1) + "/" + s.substring(colon + 1).replaceFirst("^/+", "");
      }
    }
    s = s.toLowerCase(Locale.ROOT).replaceFirst("/+$", "");
    if (s.endsWith(".git")) {
      s = s.substring(0, s.length() - 4).replaceFirst("/+$", "");
    }
    return s;
  }

  private Stream<Range> gitRanges(String repoUrl, CommitGraph graph) {
    return affected.stream()
        .flatMap(a -> a.ranges().stream())
        .filter(r -> r.is(Range.GIT))
        .filter(r -> sameRepository(r.repo(), repoUrl)
            || r.events().stream().anyMatch(e -> !e.isStart() && !e.value().isEmpty() && graph.has(e.value())));
  }

  private static boolean holds(Range range, String commit, CommitGraph graph) {
    boolean introduced = false;
    for (Event e : range.events()) {
      if (e.value().isEmpty()) {
        continue;
      }
      if (e.is(Event.INTRODUCED)) {
        introduced |= e.isStart() || graph.isAncestor(e.value(), commit);
      } else if (e.is(Event.FIXED) && graph.isAncestor(e.value(), commit)) {
        return false;
      } else if (e.is(Event.LAST_AFFECTED) && !e.value().equalsIgnoreCase(commit)
          && graph.isAncestor(e.value(), commit)) {
        return false;
      }
    }
    return introduced;
  }

  private static boolean holds(Range range, String version, Comparator<String> order) {
    List<Event> events = new ArrayList<>();
    for (Event e : range.events()) {
      if (!e.is(Event.LIMIT) && !e.value().isEmpty()) {
        events.add(e);
      }
    }
    sort(events, (x, y) -> {
      if (x.isStart() || y.isStart()) {
        return Boolean.compare(y.isStart(), x.isStart());
      }
      int c = order.compare(x.value(), y.value());
      // at the same version an introduced goes first, so that a fixed there ends it
      return c != 0 ? c : Boolean.compare(!x.is(Event.INTRODUCED), !y.is(Event.INTRODUCED));
    });
    boolean affected = false;
    for (Event e : events) {
      if (e.is(Event.INTRODUCED)) {
        affected |= e.isStart() || order.compare(e.value(), version) <= 0;
      } else if (e.is(Event.FIXED) && order.compare(e.value(), version) <= 0) {
        affected = false;
      } else if (e.is(Event.LAST_AFFECTED) && order.compare(e.value(), version) < 0) {
        affected = false;
      }
    }
    return affected;
  }

  /**
   * Sorts in place; when odd versions make the order inconsistent and the sort gives up, the list
   * keeps the advisory's order, which is usually sorted already.
   */
  private static <T> void sort(List<T> list, Comparator<? super T> order) {
    List<T> before = List.copyOf(list);
    try {
      list.sort(order);
    } catch (IllegalArgumentException e) {
      list.clear();
      list.addAll(before);
    }
  }

  private Stream<String> allVectors() {
    return Stream.concat(severityVectors.stream(), affected.stream().flatMap(a -> a.severityVectors().stream()));
  }

  private static Optional<Severity> highest(Stream<Optional<Severity>> ratings) {
    return ratings.flatMap(Optional::stream).max(Comparator.naturalOrder());
  }

  private static String required(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IOException("no \"" + field + "\"");
    }
    if (!v.isTextual() || v.textValue().isBlank()) {
      throw new IOException("\"" + field + "\" is not a string");
    }
    return v.textValue().trim();
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() ? v.textValue() : null;
  }

  private static List<JsonNode> list(JsonNode node, String field) throws IOException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new IOException("\"" + field + "\" is not a list");
    }
    List<JsonNode> items = new ArrayList<>();
    v.forEach(items::add);
    return items;
  }

  private static List<String> strings(JsonNode node, String field) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode item : list(node, field)) {
      if (item.isTextual() && !item.textValue().isBlank()) {
        out.add(item.textValue().trim());
      }
    }
    return out;
  }

  /** The CVSS vectors of a {@code severity} list ({@code {"type": "CVSS_V3", "score": "CVSS:3.1/…"}}). */
  private static List<String> vectors(JsonNode node) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode s : list(node, "severity")) {
      String type = text(s, "type");
      String score = text(s, "score");
      if (type != null && type.toUpperCase(Locale.ROOT).startsWith("CVSS") && score != null && !score.isBlank()) {
        out.add(score.trim());
      }
    }
    return out;
  }

  private static List<String> copy(List<String> list) {
    return list == null ? List.of() : list.stream().filter(s -> s != null).toList();
  }
}
