package io.github.moodlecbm.core.directory;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.io.AtomicFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Brings the plugins directory's listing: from a local file as it is, or downloaded from its URL
 * into the cache folder once and again when the copy is older than a day (or a refresh is asked
 * for). Offline, or when the directory cannot be reached, the cached copy serves, with its age; a
 * download replaces the copy only once it reads as a listing, so a failed download never spoils it.
 */
public final class DirectoryCache {
  static final Duration MAX_AGE = Duration.ofDays(1);

  private final String location;
  private final Path cacheDir;
  private final boolean refresh;
  private final boolean offline;
  private final BuildLog log;
  private final Clock clock;

  public DirectoryCache(String location, Path cacheDir, boolean refresh, boolean offline, BuildLog log) {
    this(location, cacheDir, refresh, offline, log, Clock.systemUTC());
  }

  DirectoryCache(String location, Path cacheDir, boolean refresh, boolean offline, BuildLog log, Clock clock) {
    this.location = location == null || location.isBlank() ? BuildSettings.DEFAULT_PLUGIN_DIRECTORY : location.trim();
    this.cacheDir = cacheDir;
    this.refresh = refresh;
    this.offline = offline;
    this.log = log;
    this.clock = clock;
  }

  public PluginDirectory load() throws CodebaseException, IOException {
    Path local = localFile();
    if (local != null) {
      if (!Files.isRegularFile(local)) {
        throw new CodebaseException(DirectoryMessages.directoryFileMissing(local));
      }
      try (InputStream in = Files.newInputStream(local)) {
        return PluginDirectory.parse(in);
      } catch (IOException e) {
        throw new CodebaseException(DirectoryMessages.directoryUnreadable(local.toString(), e.getMessage()), e);
      }
    }
    Path copy = cacheDir.resolve("plugins-directory").resolve(key(location) + ".json");
    Files.createDirectories(copy.getParent());
    try (ExclusiveLock held = ExclusiveLock.acquire(copy.resolveSibling(copy.getFileName() + ".lock"))) {
      Duration age = Files.isRegularFile(copy)
          ? Duration.between(Files.getLastModifiedTime(copy).toInstant(), Instant.now(clock))
          : null;
      if (offline) {
        if (age == null) {
          throw new CodebaseException(DirectoryMessages.directoryOffline(shown()));
        }
        log.info(DirectoryMessages.offlineCopy(age));
        return read(copy);
      }
      if (age != null && !refresh && age.compareTo(MAX_AGE) < 0) {
        return read(copy);
      }
      try {
        return download(copy);
      } catch (IOException e) {
        if (age == null) {
          throw new CodebaseException(DirectoryMessages.directoryUnreachable(shown(), Messages.redact(e.getMessage())), e);
        }
        log.warn(DirectoryMessages.usingOldCopy(shown(), Messages.redact(e.getMessage()), age));
        return read(copy);
      }
    }
  }

  /**
   * Downloads the listing into the copy: the answer is read as a listing while it is written to a
   * new file beside the copy, which replaces it only when the whole answer reads as one.
   */
  private PluginDirectory download(Path copy) throws IOException {
    long start = System.nanoTime();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofMinutes(2))
        .header("Accept", "application/json").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    PluginDirectory[] directory = new PluginDirectory[1];
    long[] bytes = new long[1];
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      AtomicFile.of(copy).write(out -> {
        Tee tee = new Tee(body, out);
        try {
          directory[0] = PluginDirectory.parse(tee);
        } catch (IOException e) {
          throw new IOException("the answer is not a plugins listing: " + e.getMessage(), e);
        }
        tee.transferTo(OutputStream.nullOutputStream());
        bytes[0] = tee.bytes;
      });
    }
    log.info(DirectoryMessages.downloaded(directory[0].size(), bytes[0], System.nanoTime() - start));
    return directory[0];
  }

  /** A stream that writes what is read from it to another, counting; closing it leaves both open. */
  private static final class Tee extends FilterInputStream {
    private final OutputStream copy;
    long bytes;

    Tee(InputStream in, OutputStream copy) {
      super(in);
      this.copy = copy;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        copy.write(b);
        bytes++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        copy.write(buffer, offset, n);
        bytes += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // skipped bytes would be missing from the copy
      return read(new byte[(int) Math.min(n, 8192)]);
    }

    @Override
    public void close() {
      // the response's stream is closed by its owner, the copy by AtomicFile
    }
  }

  private static PluginDirectory read(Path copy) throws CodebaseException, IOException {
    try (InputStream in = Files.newInputStream(copy)) {
      return PluginDirectory.parse(in);
    } catch (IOException e) {
      throw new CodebaseException(DirectoryMessages.directoryUnreadable(copy.toString(), e.getMessage()), e);
    }
  }

  /** A location without a scheme, or with {@code file:}, is a local file. */
  private Path localFile() {
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      return Path.of(URI.create(location));
    }
    if (location.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
      return null;
    }
    return Path.of(location);
  }

  private String shown() {
    return Messages.redact(location);
  }

  private static String key(String url) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      return "pluglist-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
