package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.fixture.FakePhp;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.util.FileUtils;

/**
 * The time of {@link PhpLint#check} on generated plugin code (see {@code bench/php-lint.sh}):
 * {@code PhpLintBench [files] [plugins] [runs] [php]}, 5000 files in 12 plugins, 3 runs, the php on
 * the PATH by default. Prints each run and the median, in seconds.
 */
public final class PhpLintBench {
  private static final String[] TYPES = {"local", "mod", "blocks", "admin/tool", "report", "auth", "enrol", "filter",
      "question/type", "course/format", "theme", "availability/condition"};
  private static final String[] PREFIXES = {"local", "mod", "block", "tool", "report", "auth", "enrol", "filter", "qtype",
      "format", "theme", "availability"};

  private PhpLintBench() {}

  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int plugins = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path php = args.length > 3 ? Path.of(args[3]) : PhpProgram.onPath(System.getenv()).orElseThrow();
    Path tmp = Files.createTempDirectory("php-lint-bench");
    try (GitFixture repo = GitFixture.init(tmp.resolve("codebase.git"))) {
      TreeMap<String, Lock.Plugin> locked = new TreeMap<>();
      long bytes = 0;
      int made = 0;
      List<Map.Entry<String, String>> all = new ArrayList<>();
      for (int p = 0; p < plugins; p++) {
        String type = TYPES[p % TYPES.length];
        String name = "bench" + p;
        String component = PREFIXES[p % PREFIXES.length] + "_" + name;
        String dir = type + "/" + name;
        int count = files / plugins + (p < files % plugins ? 1 : 0);
        for (var f : FakePhp.plugin(component, count, p).entrySet()) {
          all.add(Map.entry(dir + "/" + f.getKey(), f.getValue()));
          bytes += f.getValue().length();
          made++;
        }
        locked.put(component, new Lock.Plugin("file:///" + name + ".git", new Pin.Branch("main"), "", "0".repeat(40), dir,
            List.of()));
      }
      repo.onBranch("main").commit("code base", c -> {
        c.file("version.php", "<?php // Moodle\n");
        all.forEach(f -> c.file(f.getKey(), f.getValue()));
      });
      Lock lock = new Lock(Lock.FORMAT, null, null, locked);
      ObjectId tree = repo.tree(repo.head());
      System.out.printf("%d PHP files (%d KB on average) in %d plugins, %s, %d cores%n", made, bytes / made / 1024, plugins,
          php, Runtime.getRuntime().availableProcessors());
      List<Double> times = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        long start = System.nanoTime();
        List<Finding> findings = new PhpLint(php).check(repo.repository(), tree, lock);
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = findings.stream().filter(f -> f.severity() != Finding.Severity.PASSED).count();
        if (findings.size() != made || failed != 0) {
          throw new IllegalStateException(findings.size() + " findings, " + failed + " not passed: "
              + findings.stream().filter(f -> f.severity() != Finding.Severity.PASSED).limit(3).toList());
        }
        times.add(seconds);
        System.out.printf("run %d: %.2f s%n", r + 1, seconds);
      }
      Collections.sort(times);
      System.out.printf("median of %d: %.2f s%n", runs, times.get(runs / 2));
    } finally {
      FileUtils.delete(tmp.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    }
  }
}
