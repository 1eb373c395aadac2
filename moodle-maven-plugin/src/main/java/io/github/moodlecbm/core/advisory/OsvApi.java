package io.github.moodlecbm.core.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.io.AtomicFile;
import io.github.moodlecbm.core.release.Manifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OSV's API ({@code POST /v1/querybatch}, {@code GET /v1/vulns/<id>}) behind a cache in the mirror
 * cache folder, like the plugins directory's: a query is asked again when its answer is a day old
 * (or a refresh is asked for), an advisory's record is downloaded again only when the batch says it
 * was modified. Offline, or when the API cannot be reached or answers something that is not OSV
 * JSON, the cached answers serve with their age; a query never answered has none. Every answer is
 * checked before it is written, and written whole, so that a failed request never spoils the cache.
 */
public final class OsvApi implements AdvisorySource {
  /** OSV's public API. */
  public static final String DEFAULT = "https://api.osv.dev/v1";
  static final Duration MAX_AGE = Duration.ofDays(1);
  /** How long an API that could not be reached is not asked again (unless a refresh is asked for). */
  static final Duration RETRY_AFTER = Duration.ofHours(1);
  /** OSV takes at most 1000 queries in one batch. */
  private static final int BATCH = 1000;
  private static final int MAX_PAGES = 50;

  private final String base;
  private final Path folder;
  private final boolean refresh;
  private final boolean offline;
  private final BuildLog log;
  private final Clock clock;
  private HttpClient client;

  public OsvApi(String base, Path cacheDir, boolean refresh, boolean offline, BuildLog log) {
    this(base, cacheDir, refresh, offline, log, Clock.systemUTC());
  }

  OsvApi(String base, Path cacheDir, boolean refresh, boolean offline, BuildLog log, Clock clock) {
    this.base = base.replaceAll("/+$", "");
    this.folder = cacheDir.resolve("advisories").resolve(key(this.base));
    this.refresh = refresh;
    this.offline = offline;
    this.log = log;
    this.clock = clock;
  }

  @Override
  public String describe() {
    return Messages.redact(base);
  }

  /** A query's cached answer: the advisories' ids and modification times, and when it was asked. */
  private record Cached(Map<String, String> modified, Instant asked) {}

  @Override
  public Map<Query, Answer> ask(List<Query> queries) {
    Map<Query, Answer> answers = new LinkedHashMap<>();
    try {
      Files.createDirectories(folder);
      try (ExclusiveLock held = ExclusiveLock.acquire(folder.resolve("cache.lock"))) {
        Map<Query, Cached> cached = new LinkedHashMap<>();
        List<Query> due = new ArrayList<>();
        for (Query q : queries) {
          Cached c = readCached(q);
          if (c != null) {
            cached.put(q, c);
          }
          if (c == null || refresh || age(c).compareTo(MAX_AGE) >= 0) {
            due.add(q);
          }
        }
        String failure = null;
        Path unreachable = folder.resolve("unreachable.txt");
        if (!due.isEmpty() && offline) {
          failure = AdvisoryMessages.offline();
        } else if (!due.isEmpty() && !refresh && recentFailure(unreachable) != null) {
          // behind a firewall that drops the packets, every build would wait for the time-out: an hour's rest
          failure = recentFailure(unreachable);
        } else if (!due.isEmpty()) {
          try {
            long start = System.nanoTime();
            Map<Query, Map<String, String>> fresh = batch(due);
            int downloaded = downloadRecords(fresh.values());
            for (Map.Entry<Query, Map<String, String>> e : fresh.entrySet()) {
              writeCached(e.getKey(), e.getValue());
              cached.put(e.getKey(), new Cached(e.getValue(), null));
            }
            log.info(AdvisoryMessages.asked(describe(), due.size(), downloaded, System.nanoTime() - start));
            Files.deleteIfExists(unreachable);
          } catch (IOException e) {
            failure = Messages.redact(e.getMessage());
            AtomicFile.write(unreachable, failure);
          }
        }
        Duration oldest = null;
        for (Query q : queries) {
          Cached c = cached.get(q);
          if (c == null) {
            answers.put(q, Answer.unanswered(failure == null ? AdvisoryMessages.neverAnswered(describe())
                : AdvisoryMessages.unreachable(describe(), failure)));
            continue;
          }
          Duration age = c.asked() == null ? null : age(c);
          if (age != null && failure != null && due.contains(q) && (oldest == null || age.compareTo(oldest) > 0)) {
            oldest = age;
          }
          answers.put(q, records(c, age));
        }
        if (oldest != null) {
          log.warn(offline ? AdvisoryMessages.offlineCopy(describe(), oldest)
              : AdvisoryMessages.usingOldCopy(describe(), failure, oldest));
        }
      }
    } catch (IOException e) {
      String why = AdvisoryMessages.cacheUnusable(folder, Messages.redact(e.getMessage()));
      for (Query q : queries) {
        answers.putIfAbsent(q, Answer.unanswered(why));
      }
    }
    return answers;
  }

  /** Why the API could not be reached, when that was less than {@link #RETRY_AFTER} ago; else null. */
  private String recentFailure(Path marker) {
    try {
      if (Files.isRegularFile(marker)
          && Duration.between(Files.getLastModifiedTime(marker).toInstant(), Instant.now(clock)).compareTo(RETRY_AFTER) < 0) {
        return AdvisoryMessages.notAskedAgain(Files.readString(marker, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException e) {
      // asked again
    }
    return null;
  }

  private Duration age(Cached c) {
    return c.asked() == null ? Duration.ZERO : Duration.between(c.asked(), Instant.now(clock));
  }

  /** The cached advisories of an answer; one whose record is missing makes the answer a problem. */
  private Answer records(Cached c, Duration age) {
    List<OsvRecord> records = new ArrayList<>();
    for (String id : c.modified().keySet()) {
      try {
        records.add(readRecord(id));
      } catch (IOException e) {
        return Answer.unanswered(AdvisoryMessages.recordMissing(id, describe()));
      }
    }
    return Answer.of(records, age);
  }

  /** Asks the batch endpoint, page after page; the ids and modification times of each query's advisories. */
  private Map<Query, Map<String, String>> batch(List<Query> due) throws IOException {
    Map<Query, Map<String, String>> result = new LinkedHashMap<>();
    for (int from = 0; from < due.size(); from += BATCH) {
      List<Query> chunk = due.subList(from, Math.min(due.size(), from + BATCH));
      Map<Query, String> pages = new LinkedHashMap<>();
      chunk.forEach(q -> pages.put(q, null));
      for (int page = 0; !pages.isEmpty(); page++) {
        if (page == MAX_PAGES) {
          throw new IOException(AdvisoryMessages.tooManyPages(MAX_PAGES));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode items = body.putArray("queries");
        List<Query> asked = new ArrayList<>(pages.keySet());
        for (Query q : asked) {
          ObjectNode item = q.body();
          if (pages.get(q) != null) {
            item.put("page_token", pages.get(q));
          }
          items.add(item);
        }
        JsonNode answer = post("/querybatch", Json.render(body));
        JsonNode results = answer.get("results");
        if (!answer.isObject() || results == null || !results.isArray() || results.size() != asked.size()) {
          throw new IOException(AdvisoryMessages.notOsvJson(base + "/querybatch",
              "\"results\" should be a list of " + asked.size()));
        }
        pages.clear();
        for (int i = 0; i < asked.size(); i++) {
          JsonNode r = results.get(i);
          Map<String, String> ids = result.computeIfAbsent(asked.get(i), q -> new LinkedHashMap<>());
          JsonNode vulns = r.get("vulns");
          if (!r.isObject() || vulns != null && !vulns.isArray()) {
            throw new IOException(AdvisoryMessages.notOsvJson(base + "/querybatch", "result " + i + " is not a list of advisories"));
          }
          if (vulns != null) {
            for (JsonNode v : vulns) {
              JsonNode id = v.get("id");
              if (id == null || !id.isTextual() || !safeId(id.asText())) {
                throw new IOException(AdvisoryMessages.notOsvJson(base + "/querybatch", "an advisory without a valid \"id\""));
              }
              ids.put(id.asText(), v.path("modified").asText(""));
            }
          }
          JsonNode token = r.get("next_page_token");
          if (token != null && token.isTextual() && !token.asText().isEmpty()) {
            pages.put(asked.get(i), token.asText());
          }
        }
      }
    }
    return result;
  }

  /** Downloads the records the cache lacks or has in an older version; how many. */
  private int downloadRecords(java.util.Collection<Map<String, String>> answers) throws IOException {
    Set<String> seen = new LinkedHashSet<>();
    int downloaded = 0;
    for (Map<String, String> ids : answers) {
      for (Map.Entry<String, String> e : ids.entrySet()) {
        if (!seen.add(e.getKey())) {
          continue;
        }
        Path file = recordFile(e.getKey());
        if (Files.isRegularFile(file) && !refresh) {
          try {
            OsvRecord known = readRecord(e.getKey());
            if (e.getValue().isEmpty() || e.getValue().equals(known.modified())) {
              continue;
            }
          } catch (IOException unreadable) {
            // downloaded again below
          }
        }
        byte[] body = get("/vulns/" + e.getKey());
        try {
          OsvRecord record = OsvRecord.parse(new ByteArrayInputStream(body));
          if (!record.id().equals(e.getKey())) {
            throw new IOException("its id is " + record.id());
          }
        } catch (IOException bad) {
          throw new IOException(AdvisoryMessages.notOsvJson(base + "/vulns/" + e.getKey(), bad.getMessage()), bad);
        }
        Files.createDirectories(file.getParent());
        AtomicFile.of(file).write(out -> out.write(body));
        downloaded++;
      }
    }
    return downloaded;
  }

  private Cached readCached(Query q) {
    Path file = queryFile(q);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode node = Json.MAPPER.readTree(file.toFile());
      Map<String, String> ids = new LinkedHashMap<>();
      for (JsonNode v : node.path("vulns")) {
        ids.put(v.path("id").asText(), v.path("modified").asText(""));
      }
      return new Cached(ids, Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      return null;
    }
  }

  private void writeCached(Query q, Map<String, String> ids) throws IOException {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set("query", q.body());
    ArrayNode vulns = node.putArray("vulns");
    ids.forEach((id, modified) -> vulns.addObject().put("id", id).put("modified", modified));
    Path file = queryFile(q);
    Files.createDirectories(file.getParent());
    AtomicFile.of(file).write(out -> out.write(Json.render(node).getBytes(StandardCharsets.UTF_8)));
  }

  private Path queryFile(Query q) {
    return folder.resolve("queries").resolve(q.key() + ".json");
  }

  private Path recordFile(String id) {
    return folder.resolve("vulns").resolve(id + ".json");
  }

  /** An id that is safe as a file name and in a URL: OSV's are letters, digits, dashes, dots and colons. */
  private static boolean safeId(String id) {
    return id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  }

  private JsonNode post(String path, String json) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    byte[] body = send(request);
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new IOException(AdvisoryMessages.notOsvJson(base + path, Messages.rootMessage(e)), e);
    }
  }

  private byte[] get(String path) throws IOException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1))
        .header("Accept", "application/json").GET().build());
  }

  private byte[] send(HttpRequest request) throws IOException {
    if (client == null) {
      client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL).build();
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    } catch (IOException e) {
      throw new IOException(Messages.describe(e), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from " + request.uri().getPath());
    }
    return response.body();
  }

  /** The cache folder's name for an API: its host, then the start of its URL's digest. */
  private static String key(String url) {
    String host;
    try {
      host = URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e);
    }
    return (host == null ? "osv" : host.replaceAll("[^A-Za-z0-9.-]", "_")) + "-" + Manifest.sha256(url).substring(0, 12);
  }

  /** A cached record of the advisory {@code id}. */
  private OsvRecord readRecord(String id) throws IOException {
    try (java.io.InputStream in = Files.newInputStream(recordFile(id))) {
      return OsvRecord.parse(in);
    }
  }
}
