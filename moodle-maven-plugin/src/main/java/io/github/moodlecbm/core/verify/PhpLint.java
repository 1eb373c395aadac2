package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.process.Command;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * 10. {@code php -l} on every PHP file of the site's plugins (never core), in parallel: a syntax
 * check only, which runs none of the plugin's code. Each file is fed to {@code php -l} on its
 * standard input straight from git, so nothing is written to disk.
 */
public final class PhpLint {
  /** How long {@code php -l} may take on one file. */
  public static final Duration FILE_LIMIT = Duration.ofSeconds(60);

  private final Path php;
  private final Duration limit;

  public PhpLint(Path php) {
    this(php, FILE_LIMIT);
  }

  /** @param limit how long {@code php -l} may take on one file before it is stopped and the file reported */
  public PhpLint(Path php, Duration limit) {
    this.php = php;
    this.limit = limit;
  }

  public List<Finding> check(Repository repo, AnyObjectId codebase, Lock lock) throws IOException {
    record Job(String component, String path, ObjectId blob) {}
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
                jobs.add(new Job(e.getKey(), dir + "/" + files.getPathString(), files.getObjectId(0)));
              }
            }
          }
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
    try {
      List<Future<Finding>> results = new ArrayList<>();
      for (Job job : jobs) {
        results.add(pool.submit(() -> {
          byte[] source;
          try (ObjectReader reader = repo.newObjectReader()) {
            source = reader.open(job.blob()).getCachedBytes();
          }
          return lint(job.component(), job.path(), source);
        }));
      }
      List<Finding> findings = new ArrayList<>();
      for (Future<Finding> f : results) {
        findings.add(f.get());
      }
      return findings;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(PhpMessages.lintInterrupted(), e);
    } catch (ExecutionException e) {
      throw new IOException(PhpMessages.lintFailed(e.getCause().getMessage()), e.getCause());
    } finally {
      pool.shutdownNow();
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
