package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.process.Command;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;

/**
 * 10. {@code php -l} on every PHP file of the site's plugins (never core): a syntax and compile
 * check only, which runs none of the plugin's code. The findings come in the order of the files:
 * the plugins', then each plugin's files as git orders them.
 *
 * <p>A PHP start costs about a tenth of a second where PHP loads the servers' extensions, far more
 * than compiling a file, so the files are not given one {@code php -l} each, but compiled by a few
 * long-lived PHP processes, one per core (two at least): each runs the checker script
 * {@code compile-check.php}, which compiles every file of its input into OPcache
 * ({@code opcache_compile_file}, which never runs the file) and says which one it is on. The files
 * reach it on its standard input, straight from git; it writes each over the one before in a file
 * of its own in a temporary folder (deleted afterwards), as OPcache compiles files only. PHP
 * keeps its own settings (php.ini: {@code short_open_tag} changes what compiles), apart from
 * OPcache's and those that would run code or hide the folder.
 *
 * <p>A file the checker does not pass is given to {@code php -l} alone, on its standard input
 * from git as it always was, so that every error is told in php -l's own words; so is a file with
 * a class that php -l may link to its parent as it compiles (PHP's early binding: a class that
 * extends one of the same file, or PHP's own), whose errors of inheritance OPcache may leave to
 * the running code. A checker that ends on a file (a fatal error of the compiler may end PHP) is
 * started again on the files after it, that file going to {@code php -l}; a checker that says
 * nothing for the limit is killed with its processes, and the file it was on reported as not
 * finished. Where OPcache cannot be used (a PHP without it, or not answering as the checker does),
 * every file gets its own {@code php -l}, in parallel: the same findings, slower.
 */
public final class PhpLint {
  /** How long {@code php -l} may take on one file. */
  public static final Duration FILE_LIMIT = Duration.ofSeconds(60);

  /** The most files a checker is given at once: the pieces the work is shared in, a few for each thread. */
  static final int PIECE = 1000;

  /** The most bytes of code a checker is given at once (and more only for a single file). */
  static final int BYTES = 32 << 20;

  private static final String CHECKER = "compile-check.php";

  /** PHP's settings for the checker: what only OPcache needs, and nothing that changes what compiles. */
  private static final List<String> SETTINGS = List.of(
      "opcache.enable=1", "opcache.enable_cli=1",
      // A file written a moment ago is cached all the same (by default not for 2 s, and compiled outside the cache).
      "opcache.file_update_protection=0",
      // The compiled code stays in this process's memory, never in a folder the servers' PHP might share.
      "opcache.file_cache=", "opcache.file_cache_only=0",
      // Room for a piece of files; the checker makes way for a new process before the cache is full.
      "opcache.memory_consumption=256", "opcache.interned_strings_buffer=16", "opcache.max_accelerated_files=20000",
      "opcache.max_file_size=0", "opcache.blacklist_filename=", "opcache.restrict_api=", "opcache.preload=",
      // php -l neither optimises nor compiles to machine code: neither changes what compiles, both take time.
      "opcache.optimization_level=0", "opcache.jit_buffer_size=0", "opcache.protect_memory=0",
      // Nothing runs before or after the checker, which reads its temporary folder wherever that is.
      "auto_prepend_file=", "auto_append_file=", "open_basedir=");

  /** How far a checker got on a file: started, passed, or left to php -l alone. */
  private static final int STARTED = 1;
  private static final int OK = 2;
  private static final int ALONE = 3;

  private final Path php;
  private final Duration limit;
  private final boolean onePerFile;

  public PhpLint(Path php) {
    this(php, FILE_LIMIT);
  }

  /** @param limit how long {@code php -l} may take on one file before it is stopped and the file reported */
  public PhpLint(Path php, Duration limit) {
    this(php, limit, false);
  }

  /** @param onePerFile one {@code php -l} per file, as where OPcache cannot be used */
  PhpLint(Path php, Duration limit, boolean onePerFile) {
    this.php = php;
    this.limit = limit;
    this.onePerFile = onePerFile;
  }

  /** A file to check: its place among the findings, its component, its path in the code base. */
  private record Job(int index, String component, String path, ObjectId blob) {
    String check() {
      return "php -l " + path;
    }
  }

  /** The checker's command line, the tag its lines start with, the folder of its slot files. */
  private record Checker(List<String> argv, String tag, Path dir, AtomicInteger slots) {
    /** The command line of a new checker, with a file of its own to write the code to compile. */
    List<String> command() {
      List<String> command = new ArrayList<>(argv);
      command.add(dir.resolve("slot-" + slots.incrementAndGet() + ".php").toString());
      return command;
    }
  }

  public List<Finding> check(Repository repo, AnyObjectId codebase, Lock lock) throws IOException {
    List<Job> jobs = files(repo, codebase, lock);
    if (jobs.isEmpty()) {
      return List.of();
    }
    int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    Path dir = null;
    try {
      Finding[] findings = new Finding[jobs.size()];
      Checker checker = null;
      if (!onePerFile) {
        dir = Files.createTempDirectory("moodle-php-lint");
        checker = checker(dir);
      }
      List<Job> alone = new ArrayList<>();
      List<Future<Finding>> results = new ArrayList<>();
      if (checker == null) {
        for (Job job : jobs) {
          alone.add(job);
          results.add(lint(pool, repo, job));
        }
      } else {
        // A piece's files for php -l alone are queued once it is done: a thread with no piece left takes them.
        for (Future<List<Job>> piece : compile(pool, workers, repo, jobs, checker, findings)) {
          for (Job job : piece.get()) {
            alone.add(job);
            results.add(lint(pool, repo, job));
          }
        }
      }
      for (int i = 0; i < alone.size(); i++) {
        findings[alone.get(i).index()] = results.get(i).get();
      }
      return List.of(findings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(PhpMessages.lintInterrupted(), e);
    } catch (ExecutionException e) {
      throw new IOException(PhpMessages.lintFailed(e.getCause().getMessage()), e.getCause());
    } finally {
      pool.shutdownNow();
      if (dir != null) {
        delete(pool, dir);
      }
    }
  }

  private static List<Job> files(Repository repo, AnyObjectId codebase, Lock lock) throws IOException {
    List<Job> jobs = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      for (Map.Entry<String, Lock.Plugin> e : lock.plugins().entrySet()) {
        String dir = e.getValue().installPath();
        try (TreeWalk walk = TreeWalk.forPath(reader, dir, codebase)) {
          if (walk == null) {
            continue;
          }
          try (TreeWalk files = new TreeWalk(reader)) {
            files.addTree(walk.getObjectId(0));
            files.setRecursive(true);
            while (files.next()) {
              if (files.getPathString().endsWith(".php") && files.getFileMode(0) != FileMode.SYMLINK) {
                jobs.add(new Job(jobs.size(), e.getKey(), dir + "/" + files.getPathString(), files.getObjectId(0)));
              }
            }
          }
        }
      }
    }
    return jobs;
  }

  /**
   * The checker, when this PHP has OPcache (loaded by its php.ini, or else as {@code
   * zend_extension=opcache}) and answers as the checker does; else null.
   */
  private Checker checker(Path dir) throws IOException {
    Path script = dir.resolve(CHECKER);
    try (InputStream in = PhpLint.class.getResourceAsStream(CHECKER)) {
      Files.copy(in, script);
    }
    String tag = "moodle-cbm-lint-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<String> argv = new ArrayList<>(List.of(php.toString()));
    for (String setting : SETTINGS) {
      argv.add("-d");
      argv.add(setting);
    }
    argv.add(script.toString());
    argv.add(tag);
    String state = probe(argv, tag);
    if (state.equals("missing")) {
      // Asked for only where it is not loaded: loading it twice makes PHP say so on every start.
      argv.addAll(1, List.of("-d", "zend_extension=opcache"));
      state = probe(argv, tag);
    }
    return state.equals("ready") ? new Checker(List.copyOf(argv), tag, dir, new AtomicInteger()) : null;
  }

  private String probe(List<String> argv, String tag) throws IOException {
    List<String> probe = new ArrayList<>(argv);
    probe.add("probe");
    return new Command(probe).run(limit).output().stream().filter(l -> l.startsWith(tag + " "))
        .map(l -> l.substring(tag.length() + 1)).findFirst().orElse("");
  }

  /**
   * Checks the files with checkers, in pieces shared by {@code workers} threads; each piece gives the
   * files it leaves to {@code php -l} alone, in their order.
   */
  private List<Future<List<Job>>> compile(ExecutorService pool, int workers, Repository repo, List<Job> jobs,
      Checker checker, Finding[] findings) {
    int pieces = Math.max(workers, ceilDiv(jobs.size(), PIECE));
    pieces = ceilDiv(pieces, workers) * workers;
    int size = ceilDiv(jobs.size(), pieces);
    List<Future<List<Job>>> parts = new ArrayList<>();
    for (int from = 0; from < jobs.size(); from += size) {
      List<Job> piece = jobs.subList(from, Math.min(jobs.size(), from + size));
      parts.add(pool.submit(() -> compile(repo, piece, checker, findings)));
    }
    return parts;
  }

  /** {@code php -l} on one file, in the pool. */
  private Future<Finding> lint(ExecutorService pool, Repository repo, Job job) {
    return pool.submit(() -> {
      byte[] source;
      try (ObjectReader reader = repo.newObjectReader()) {
        source = reader.open(job.blob()).getCachedBytes();
      }
      return lint(job.component(), job.path(), source);
    });
  }

  private List<Job> compile(Repository repo, List<Job> piece, Checker checker, Finding[] findings) throws IOException {
    List<Job> alone = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      for (List<Job> rest = piece; !rest.isEmpty(); ) {
        rest = compile(reader, rest, checker, findings, alone);
      }
    }
    return alone;
  }

  /**
   * Runs one checker on the first of {@code files} (as many as {@link #BYTES} allows); records what
   * it found, adds to {@code alone} the files it did not pass; returns the files it left, for the
   * next checker.
   */
  private List<Job> compile(ObjectReader reader, List<Job> files, Checker checker, Finding[] findings, List<Job> alone)
      throws IOException {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    int sent = 0;
    for (; sent < files.size() && (sent == 0 || input.size() < BYTES); sent++) {
      byte[] code = reader.open(files.get(sent).blob()).getCachedBytes();
      input.write((code.length + "\n").getBytes(StandardCharsets.US_ASCII));
      input.write(code);
    }
    List<Job> given = files.subList(0, sent);
    Pattern said = Pattern.compile(Pattern.quote(checker.tag()) + " (start|ok|fail|alone) (\\d+)");
    AtomicIntegerArray state = new AtomicIntegerArray(given.size());
    Command.Result r = new Command(checker.command())
        .input(input.toByteArray())
        .onLine(line -> {
          Matcher m = said.matcher(line);
          if (m.matches() && Integer.parseInt(m.group(2)) < given.size()) {
            state.set(Integer.parseInt(m.group(2)), switch (m.group(1)) {
              case "start" -> STARTED;
              case "ok" -> OK;
              default -> ALONE;
            });
          }
        })
        .stopWhenSilentFor(limit)
        .run(times(limit, given.size() + 1L));
    int next = 0;
    for (; next < given.size() && state.get(next) > STARTED; next++) {
      Job job = given.get(next);
      if (state.get(next) == OK) {
        findings[job.index()] = Finding.passed(job.component(), job.check());
      } else {
        alone.add(job);
      }
    }
    if (next == given.size()) {
      return files.subList(next, files.size());
    }
    Job stuck = given.get(next);
    if (r.timedOut()) {
      findings[stuck.index()] = Finding.error(stuck.component(), stuck.check(),
          PhpMessages.lintDidNotFinish(stuck.component(), stuck.path(), limit));
      return files.subList(next + 1, files.size());
    }
    if (state.get(next) == STARTED) {
      // It ended on this file: php -l tells why.
      alone.add(stuck);
      return files.subList(next + 1, files.size());
    }
    if (next == 0) {
      // It ended before any file: this PHP cannot run it; php -l checks them one by one.
      alone.addAll(files);
      return List.of();
    }
    return files.subList(next, files.size());
  }

  private static Duration times(Duration limit, long count) {
    try {
      return limit.multipliedBy(count);
    } catch (ArithmeticException e) {
      return ChronoUnit.FOREVER.getDuration();
    }
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /**
   * Deletes the temporary folder once the threads that write there have stopped (they stop their
   * PHP processes first), also when the caller was interrupted.
   */
  private static void delete(ExecutorService pool, Path dir) {
    boolean interrupted = Thread.interrupted();
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
    } catch (IOException e) {
      // A file left in the temporary folder is no reason to fail the verification.
    }
  }

  private Finding lint(String component, String path, byte[] source) throws IOException {
    Command.Result r = Command.of(php.toString(), "-l").input(source).run(limit);
    if (r.timedOut()) {
      return Finding.error(component, "php -l " + path, PhpMessages.lintDidNotFinish(component, path, limit));
    }
    if (r.exitCode() == 0) {
      return Finding.passed(component, "php -l " + path);
    }
    String out = r.text().trim();
    String reason = out.lines().filter(l -> l.contains("error")).findFirst().orElse(out)
        .replace(" in Standard input code", "").replace(" in - ", " ").trim();
    return Finding.error(component, "php -l " + path, PhpMessages.notValidPhp(component, path, reason));
  }
}
