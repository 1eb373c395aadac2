package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.config.SourceUrls;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.config.UrlRewrites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The directory of bare mirrors shared by every site on the machine, one mirror per normalised
 * source URL (after rewrites, since that is what the mirror holds).
 */
public final class MirrorCache implements AutoCloseable {
  private final Path directory;
  private final UrlRewrites rewrites;
  private final BuildLog log;
  private final Map<String, Mirror> open = new LinkedHashMap<>();

  private final GitAccess access;

  private final Retry retry;

  private final FetchLedger ledger;

  public MirrorCache(Path directory, UrlRewrites rewrites, Servers servers, Path sshDirectory, BuildLog log) {
    this(directory, rewrites, servers, sshDirectory, new FetchLedger(), log);
  }

  /** A cache whose mirrors are fetched at most once under {@code ledger}, which other caches of the build may share. */
  public MirrorCache(Path directory, UrlRewrites rewrites, Servers servers, Path sshDirectory, FetchLedger ledger,
      BuildLog log) {
    this(directory, rewrites, servers, sshDirectory, Retry.standard(log), ledger, log);
  }

  /** A cache whose fetches try again after the pauses of {@code retry}. */
  MirrorCache(Path directory, UrlRewrites rewrites, Servers servers, Path sshDirectory, Retry retry, BuildLog log) {
    this(directory, rewrites, servers, sshDirectory, retry, new FetchLedger(), log);
  }

  private MirrorCache(Path directory, UrlRewrites rewrites, Servers servers, Path sshDirectory, Retry retry,
      FetchLedger ledger, BuildLog log) {
    this.ledger = ledger;
    this.directory = directory;
    this.rewrites = rewrites;
    this.access = new GitAccess(servers, sshDirectory);
    this.retry = retry;
    this.log = log;
  }

  /**
   * The default cache, shared by every site of this user: {@code $XDG_CACHE_HOME/moodle-cbm}, else
   * {@code ~/.cache/moodle-cbm}.
   */
  public static Path defaultDirectory(Map<String, String> env, Path userHome) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache");
    return base.resolve("moodle-cbm");
  }

  /** Credentials and ssh for other remotes of the build, such as the release remote. */
  public GitAccess access() {
    return access;
  }

  public Path directory() {
    return directory;
  }

  /** The mirror of a source URL as the site declares it; it may not exist yet. */
  public Mirror mirror(String url) {
    return mirror(url, null);
  }

  /**
   * The mirror of a source URL, fetched with the credentials of {@code serverId} (null: the
   * server named after the URL's host, if any).
   */
  public synchronized Mirror mirror(String url, String serverId) {
    String fetchUrl = rewrites.apply(url);
    String key = key(fetchUrl);
    return open.computeIfAbsent(
        key,
        k ->
            new Mirror(
                url,
                fetchUrl,
                directory.resolve(k + ".git"),
                directory.resolve(k + ".lock"),
                access,
                serverId,
                retry,
                ledger,
                log));
  }

  /**
   * The mirror of a source, fetched now (offline: as it is, which must exist), for a goal that
   * looks at what is upstream.
   */
  public Mirror fetched(String who, String url, boolean offline) throws io.github.moodlecbm.core.CodebaseException, java.io.IOException {
    Mirror mirror = mirror(url);
    if (!offline) {
      mirror.fetch(who);
    } else if (!mirror.exists()) {
      throw new io.github.moodlecbm.core.CodebaseException(MirrorMessages.offlineNoMirror(who, mirror.url()));
    }
    return mirror;
  }

  /** A readable, collision-free directory name: host and path, then a digest of the URL. */
  static String key(String url) {
    String normal = SourceUrls.normalise(url);
    String readable = normal.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "").replaceAll("[^A-Za-z0-9._-]+", "_");
    readable = readable.replaceAll("^[._]+", "");
    if (readable.length() > 80) {
      readable = readable.substring(readable.length() - 80);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
      return readable + "-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    open.values().forEach(Mirror::close);
    open.clear();
    access.close();
  }
}
