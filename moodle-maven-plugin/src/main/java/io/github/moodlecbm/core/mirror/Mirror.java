package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.SourceUrls;
import io.github.moodlecbm.core.mirror.FetchLedger.Line;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FileUtils;

/**
 * A bare mirror of one source repository in the shared cache: branches and tags only, never the
 * hundreds of {@code refs/pull/*} that GitHub adds.
 */
public final class Mirror implements AutoCloseable {
  private static final RefSpec HEADS = new RefSpec("+refs/heads/*:refs/heads/*");
  private static final RefSpec TAGS = new RefSpec("+refs/tags/*:refs/tags/*");

  private final String url;
  private final String fetchUrl;
  private final Path directory;
  private final Path lockFile;
  private final BuildLog log;
  private final Retry retry;
  private Repository repository;
  private final FetchLedger ledger;
  /** Refs read by prefix since the mirror was opened or fetched: a build asks for each several times. */
  private final Map<String, SortedMap<String, ObjectId>> refsRead = new HashMap<>();
  /** Commits parsed from the mirror: a commit never changes, and resolution asks for each more than once. */
  private final Map<ObjectId, RevCommit> commitsRead = new HashMap<>();

  private final String serverId;
  private final GitAccess access;

  Mirror(String url, String fetchUrl, Path directory, Path lockFile, GitAccess access, String serverId, Retry retry,
      FetchLedger ledger, BuildLog log) {
    this.ledger = ledger;
    this.access = access;
    this.retry = retry;
    this.serverId = serverId;
    this.url = url;
    this.fetchUrl = fetchUrl;
    this.directory = directory;
    this.lockFile = lockFile;
    this.log = log;
  }

  /** The source URL as the site declares it, without credentials. */
  public String url() {
    return SourceUrls.redact(url);
  }

  public Path directory() {
    return directory;
  }

  /**
   * A cheap fingerprint of the mirror's tags: the times and sizes of the files a fetch rewrites
   * when a tag is added or moved. Equal fingerprints: no fetch changed the tags in between.
   */
  public String tagsFingerprint() throws IOException {
    StringBuilder out = new StringBuilder(directory.toString());
    for (Path p : List.of(directory.resolve("packed-refs"), directory.resolve("refs/tags"), directory)) {
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        var attrs = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
        out.append(' ').append(attrs.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)).append('/').append(attrs.size());
      } else {
        out.append(" -");
      }
    }
    return out.toString();
  }

  /**
   * A cheap fingerprint of the mirror's object store: the identity of its objects folder and the
   * time of its packs folder, which a new clone, a repack or a garbage collection changes. Equal
   * fingerprints: every object the mirror held then, it holds now.
   */
  public String objectsFingerprint() throws IOException {
    var objects = Files.readAttributes(directory.resolve("objects"), java.nio.file.attribute.BasicFileAttributes.class);
    Path pack = directory.resolve("objects/pack");
    String packs = Files.isDirectory(pack)
        ? String.valueOf(Files.getLastModifiedTime(pack).to(java.util.concurrent.TimeUnit.NANOSECONDS)) : "-";
    return objects.fileKey() + " " + packs;
  }

  public boolean exists() {
    return Files.isDirectory(directory.resolve("objects"));
  }

  public boolean fetchedThisBuild() {
    Line line = ledger.line(directory);
    synchronized (line) {
      return line.fetched();
    }
  }

  /** The mirror's repository; the mirror must exist. */
  public synchronized Repository repository() throws IOException {
    if (repository == null) {
      repository = new FileRepositoryBuilder().setGitDir(directory.toFile()).setMustExist(true).build();
    }
    return repository;
  }

  /**
   * Brings the mirror up to date with its source, creating it on first use. A mirror is fetched at
   * most once per build (per reactor build when the sites share a {@link FetchLedger}); a fetch
   * that failed is said again to whoever asks next. A new mirror is fetched into a temporary
   * directory and moved into place only when complete, so an interrupted first fetch leaves no
   * mirror behind.
   */
  public void fetch(String who) throws CodebaseException, IOException {
    Line line = ledger.line(directory);
    synchronized (line) {
      try {
        if (line.fetched()) {
          return;
        }
        if (line.failure() instanceof CodebaseException c) {
          throw c;
        } else if (line.failure() instanceof IOException e) {
          throw e;
        }
        try {
          fetchOnce(who);
        } catch (CodebaseException | IOException e) {
          line.failed(e);
          throw e;
        }
        line.fetched(true);
      } finally {
        // fetched now, or by another site of the reactor since this one read its refs
        forgetRefs();
      }
    }
  }

  /** Threads that fetch mirrors side by side: few, as git hosts limit a client's connections. */
  private static final int FETCH_THREADS = 4;

  /**
   * Fetches these mirrors (each with the component it is fetched for), up to {@value #FETCH_THREADS}
   * at a time. A failure is kept by its mirror: its next {@link #fetch} reports it, without trying again.
   */
  public static void fetchAll(Map<Mirror, String> due) {
    if (due.size() < 2) {
      return;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(FETCH_THREADS, due.size()), task -> {
      Thread t = new Thread(task, "moodle-fetch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> fetches = new ArrayList<>();
      due.forEach((mirror, who) -> fetches.add(pool.submit(() -> {
        try {
          mirror.fetch(who);
        } catch (CodebaseException | IOException e) {
          // kept by the mirror for resolution to report in its turn
        }
      })));
      for (Future<?> f : fetches) {
        f.get();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      } else if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdown();
    }
  }

  private void fetchOnce(String who) throws CodebaseException, IOException {
    Path cache = directory.getParent();
    try {
      Files.createDirectories(cache);
      try (ExclusiveLock lock = ExclusiveLock.acquire(lockFile)) {
        removeAbandonedStaging();
        long start = System.nanoTime();
        long before = packBytes(directory);
        boolean cloning = !exists();
        log.info(MirrorMessages.fetching(who, cloning, url()));
        if (cloning) {
          Path staging = Files.createTempDirectory(cache, directory.getFileName() + STAGING);
          try {
            try (Repository fresh =
                new FileRepositoryBuilder().setGitDir(staging.toFile()).setBare().build()) {
              fresh.create(true);
              fetchInto(fresh, who);
            }
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
          } finally {
            FileUtils.delete(staging.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
          }
        } else {
          fetchInto(repository(), who);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        log.info(MirrorMessages.fetched(who, cloning, url(), millis, objectsReceived, size(packBytes(directory) - before)));
      }
    } catch (java.nio.file.FileSystemException e) {
      if (e.getFile() != null && Path.of(e.getFile()).startsWith(cache)) {
        throw new CodebaseException(MirrorMessages.unwritableCache(cache, e.getReason()), e);
      }
      throw e;
    }
  }

  private static final String STAGING = ".tmp-";

  /** A first fetch killed half-way leaves its staging folder; holding the lock, nobody else uses it. */
  private void removeAbandonedStaging() throws IOException {
    String prefix = directory.getFileName() + STAGING;
    try (Stream<Path> siblings = Files.list(directory.getParent())) {
      for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        log.debug("removing the abandoned " + p);
        FileUtils.delete(p.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
      }
    }
  }

  private static long packBytes(Path gitDir) throws IOException {
    Path packs = gitDir.resolve("objects/pack");
    if (!Files.isDirectory(packs)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(packs)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static String size(long bytes) {
    if (bytes < 1024 * 1024) {
      return Math.max(0, bytes / 1024) + " KiB";
    }
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  private int objectsReceived;

  private void fetchInto(Repository repo, String who) throws CodebaseException, IOException {
    withoutAutoGc(repo);
    ThrottledProgressMonitor progress = new ThrottledProgressMonitor(who, log);
    Optional<ServerCredentials> credentials = access.credentials(who, serverId, fetchUrl);
    TransportTrace trace = new TransportTrace();
    try {
      retry.run(who, trace, () -> access.configure(Git.wrap(repo)
            .fetch()
            .setRemote(fetchUrl)
            .setRefSpecs(HEADS, TAGS)
            .setTagOpt(TagOpt.NO_TAGS)
            .setRemoveDeletedRefs(true)
            .setProgressMonitor(progress), credentials, trace)
          .call());
      objectsReceived = progress.objectsReceived();
    } catch (GitAPIException | RuntimeException e) {
      // JGit reports some transport problems (an unknown protocol, a bad URI) unchecked.
      TransportFailure failure = trace.classify(e);
      throw GitAccess.accessProblem(who, url(), fetchUrl, credentials, failure, e)
          .orElseGet(() -> failure.exception(MirrorMessages.fetchFailed(who, url(), fetchUrl, e), e));
    }
  }

  /**
   * JGit runs an automatic gc in the background after a fetch; on a mirror that other builds read
   * at the same time, or on a new mirror about to be moved into place, that is unsafe. Mirrors are
   * only ever packed under their lock.
   */
  private static void withoutAutoGc(Repository repo) throws IOException {
    StoredConfig config = repo.getConfig();
    if (config.getInt(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTO, -1) != 0) {
      // Without autoDetach=false JGit still takes the gc log lock in a background thread.
      config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
      config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
      config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
      config.save();
    }
  }

  /** The commit with this full id, if the mirror has it. */
  public Optional<RevCommit> commit(ObjectId id) throws IOException {
    if (!exists()) {
      return Optional.empty();
    }
    synchronized (commitsRead) {
      RevCommit known = commitsRead.get(id);
      if (known != null) {
        return Optional.of(known);
      }
    }
    try (RevWalk walk = new RevWalk(repository())) {
      RevCommit commit = walk.parseCommit(id);
      synchronized (commitsRead) {
        commitsRead.put(commit.copy(), commit);
      }
      return Optional.of(commit);
    } catch (MissingObjectException e) {
      return Optional.empty();
    } catch (org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
      return Optional.empty();
    }
  }

  public SortedMap<String, ObjectId> branches() throws IOException {
    return refs(Constants.R_HEADS);
  }

  /** Tags with the commit each points to (annotated tags peeled). */
  public SortedMap<String, ObjectId> tags() throws IOException {
    return refs(Constants.R_TAGS);
  }

  private SortedMap<String, ObjectId> refs(String prefix) throws IOException {
    if (!exists()) {
      return new TreeMap<>();
    }
    synchronized (refsRead) {
      SortedMap<String, ObjectId> known = refsRead.get(prefix);
      if (known == null) {
        known = Collections.unmodifiableSortedMap(readRefs(prefix));
        refsRead.put(prefix, known);
      }
      return new TreeMap<>(known);
    }
  }

  private void forgetRefs() {
    synchronized (refsRead) {
      refsRead.clear();
    }
  }

  private SortedMap<String, ObjectId> readRefs(String prefix) throws IOException {
    SortedMap<String, ObjectId> result = new TreeMap<>();
    Repository repo = repository();
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
      Ref peeled = ref.isPeeled() ? ref : repo.getRefDatabase().peel(ref);
      ObjectId id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
      result.put(ref.getName().substring(prefix.length()), id);
    }
    return result;
  }

  @Override
  public synchronized void close() {
    forgetRefs();
    if (repository != null) {
      repository.close();
      repository = null;
    }
  }
}
