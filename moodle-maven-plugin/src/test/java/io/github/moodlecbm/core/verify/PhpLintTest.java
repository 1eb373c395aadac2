package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code php -l} keeps its time limit per file, whatever the PHP program does. */
class PhpLintTest {
  @TempDir Path tmp;

  @Test
  void aPhpThatHangsIsReportedForThatFileWithinTheLimit() throws Exception {
    // A stand-in for php -l that reads the file, then hangs with its output open on one of them.
    Path php = tmp.resolve("bin/php");
    Files.createDirectories(php.getParent());
    Files.writeString(php, "#!/bin/sh\nif grep -q 'loops for ever'; then echo 'thinking...'; exec sleep 300; fi\n"
        + "echo 'No syntax errors detected in Standard input code'\n");
    php.toFile().setExecutable(true);
    try (GitFixture repo = GitFixture.init(tmp.resolve("codebase.git"))) {
      repo.onBranch("main").commit("code base", c -> c.file("version.php", "<?php // Moodle\n")
          .file("local/hang/version.php", "<?php\n$plugin->version = 1;\n")
          .file("local/hang/lib.php", "<?php\n// loops for ever\n"));
      Lock lock = new Lock(Lock.FORMAT, null, null, new TreeMap<>(Map.of("local_hang",
          new Lock.Plugin("file:///hang.git", new Pin.Branch("main"), "", "0".repeat(40), "local/hang", List.of()))));

      long start = System.nanoTime();
      List<Finding> findings = new PhpLint(php, Duration.ofSeconds(1)).check(repo.repository(), repo.tree(repo.head()), lock)
          .stream().sorted(Comparator.comparing(Finding::check)).toList();
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

      assertTrue(seconds < 15, "took " + seconds + " s with a limit of 1 s per file");
      assertEquals(List.of("php -l local/hang/lib.php", "php -l local/hang/version.php"), findings.stream().map(Finding::check).toList());
      assertEquals(new Finding("local_hang", "php -l local/hang/lib.php", Finding.Severity.ERROR, "local_hang: php -l did not finish"
          + " on local/hang/lib.php within 1 s: it was stopped. Check the PHP program (-Dmoodle.php), or pin another version of"
          + " local_hang."), findings.get(0));
      assertEquals(Finding.Severity.PASSED, findings.get(1).severity());
    }
  }

  @Test
  void theLimitPerFileIsAMinuteByDefault() {
    assertEquals(Duration.ofSeconds(60), PhpLint.FILE_LIMIT);
  }
}
