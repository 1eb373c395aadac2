package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.process.Command;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.fixture.FakePhp;
import io.github.moodlecbm.fixture.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code php -l} keeps its time limit per file, whatever the PHP program does; the files are
 * compiled by a few PHP processes, never run, with php -l's own words for what does not compile.
 */
class PhpLintTest {
  @TempDir Path tmp;

  /**
   * Files that do not compile, each in its own way: errors of the parser, of the compiler, and of
   * a class linked to its parent as it is compiled (the parent PHP's own or the file's).
   */
  private static final Map<String, String> BROKEN = new LinkedHashMap<>();

  static {
    BROKEN.put("unmatched.php", "<?php\nfunction f() {\n}\n}\n");
    BROKEN.put("semicolon.php", "<?php\n$a = 1\n$b = 2;\n");
    BROKEN.put("unclosed.php", "<?php\nclass a {\n    public function f() {\n");
    BROKEN.put("parameter.php", "<?php\nfunction f($a, $a) {\n}\n");
    BROKEN.put("break.php", "<?php\nbreak;\n");
    BROKEN.put("strlen.php", "<?php\nfunction strlen($s) {\n    return 0;\n}\n");
    BROKEN.put("twice.php", "<?php\nfunction g() {}\nfunction g() {}\n");
    BROKEN.put("this.php", "<?php\n$this = 1;\n");
    BROKEN.put("namespaces.php", "<?php\nnamespace a;\nnamespace b {}\n");
    BROKEN.put("final.php", "<?php\nclass a_base {\n    final public function f() {\n    }\n}\n"
        + "class a_child extends a_base {\n    public function f() {\n    }\n}\n");
    BROKEN.put("exception.php", "<?php\nclass a_exception extends Exception {\n    public function getMessage(): string {\n"
        + "        return '';\n    }\n}\n");
    BROKEN.put("interface.php", "<?php\nclass a_countable extends Countable {\n}\n");
  }

  /** PHP that compiles, though PHP may say something of it. */
  private static final Map<String, String> ODD = Map.of(
      "deprecated.php", "<?php\nfunction f($a = 1, $b) {\n}\n",
      "shebang.php", "#!/usr/bin/env php\n<?php\ndeclare(strict_types=1);\necho 1;\n",
      "html.php", "<html><?= 1 ?></html>\n<? echo 2; ?>\n",
      "halt.php", "<?php\necho 1;\n__halt_compiler();\n}}} not PHP {{{\n",
      "subclass.php", "<?php\nclass b_base {\n}\nclass b_child extends b_base {\n}\n");

  private static Path realPhp() {
    Path php = PhpProgram.onPath(System.getenv()).orElse(null);
    assumeTrue(php != null, "no php on the PATH");
    return php;
  }

  /** Whether the PHP has OPcache, loaded or to load: where it has not, every file gets its own php -l. */
  private static boolean hasOpcache(Path php) throws Exception {
    String loaded = "echo extension_loaded('Zend OPcache') ? 'yes' : 'no';";
    return Command.of(php.toString(), "-r", loaded).run(Duration.ofSeconds(30)).text().endsWith("yes")
        || Command.of(php.toString(), "-d", "zend_extension=opcache", "-r", loaded).run(Duration.ofSeconds(30)).text()
            .endsWith("yes");
  }

  /** A stand-in for php: the real one, through a bash script that does {@code body} first. */
  private Path wrapper(String name, Path php, String body) throws Exception {
    Path script = tmp.resolve("bin/" + name);
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/bin/bash\nREAL='" + php + "'\n" + body);
    script.toFile().setExecutable(true);
    return script;
  }

  /** A code base of plugins local_NAME at local/NAME: component to its files. */
  private record Site(GitFixture repo, ObjectId tree, Lock lock) {}

  private Site site(Map<String, Map<String, String>> plugins) {
    GitFixture repo = GitFixture.init(tmp.resolve("codebase.git"));
    TreeMap<String, Lock.Plugin> locked = new TreeMap<>();
    repo.onBranch("main").commit("code base", c -> {
      c.file("version.php", "<?php // Moodle\n");
      c.file("lib/setup.php", "<?php\n}\n"); // core is never checked
      plugins.forEach((component, files) -> {
        String dir = "local/" + component.substring("local_".length());
        files.forEach((path, content) -> c.file(dir + "/" + path, content));
        locked.put(component, new Lock.Plugin("file:///" + component + ".git", new Pin.Branch("main"), "", "0".repeat(40), dir,
            List.of()));
      });
    });
    return new Site(repo, repo.tree(repo.head()), new Lock(Lock.FORMAT, null, null, locked));
  }

  /** Three plugins of {@code count} files each, the broken and odd files amid the first's and the last's. */
  private static Map<String, Map<String, String>> plugins(int count) {
    return plugins(count, true, false);
  }

  /** Three plugins of {@code count} files each, all valid but for three broken ones amid the second's, or none. */
  private static Map<String, Map<String, String>> plugins(int count, boolean few) {
    return plugins(count, false, few);
  }

  private static Map<String, Map<String, String>> plugins(int count, boolean all, boolean few) {
    Map<String, Map<String, String>> plugins = new LinkedHashMap<>();
    for (String name : List.of("local_alpha", "local_beta", "local_gamma")) {
      Map<String, String> files = new LinkedHashMap<>(FakePhp.plugin(name, count, name.hashCode()));
      if (all && !name.equals("local_beta")) {
        BROKEN.forEach((file, code) -> files.put("classes/local/" + file, code));
        ODD.forEach((file, code) -> files.put("classes/local/" + file, code));
      } else if (few && name.equals("local_beta")) {
        for (String file : List.of("unmatched.php", "parameter.php", "final.php")) {
          files.put("classes/local/" + file, BROKEN.get(file));
        }
      }
      plugins.put(name, files);
    }
    return plugins;
  }

  /** What php -l alone says of a file, as a finding gives it: its first line with "error", its input's name left out. */
  private static String phpSays(Path php, String code) throws Exception {
    Command.Result r = Command.of(php.toString(), "-l").input(code.getBytes(StandardCharsets.UTF_8)).run(Duration.ofSeconds(60));
    assertFalse(r.ok(), code + " compiles: " + r.text());
    return r.output().stream().filter(l -> l.contains("error")).findFirst().orElse(r.text().trim())
        .replace(" in Standard input code", "").trim();
  }

  private static long lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file).size() : 0;
  }

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

  @Test
  void aFewProcessesCheckHundredsOfFilesAndTellEveryErrorInPhpLsWords() throws Exception {
    Path real = realPhp();
    Path calls = tmp.resolve("calls.txt");
    Path php = wrapper("php", real, "echo \"$*\" >> '" + calls + "'\nexec \"$REAL\" \"$@\"\n");
    Site site = site(plugins(120));
    try (GitFixture repo = site.repo()) {
      List<Finding> findings = new PhpLint(php).check(repo.repository(), site.tree(), site.lock());

      assertEquals(3 * 120 + 2 * (BROKEN.size() + ODD.size()), findings.size());
      Map<String, Finding> errors = findings.stream().filter(f -> f.severity() != Finding.Severity.PASSED)
          .collect(Collectors.toMap(Finding::check, f -> f));
      List<String> expected = new ArrayList<>();
      for (String component : List.of("local_alpha", "local_gamma")) {
        String dir = "local/" + component.substring("local_".length()) + "/classes/local/";
        for (var broken : BROKEN.entrySet()) {
          expected.add("php -l " + dir + broken.getKey());
          Finding f = errors.get("php -l " + dir + broken.getKey());
          assertEquals(new Finding(component, "php -l " + dir + broken.getKey(), Finding.Severity.ERROR,
              component + ": " + dir + broken.getKey() + " is not valid PHP: " + phpSays(real, broken.getValue())
                  + ". Pin another version of " + component + "."), f);
        }
      }
      assertEquals(expected.stream().sorted().toList(), errors.keySet().stream().sorted().toList(), "every other file passed");
      if (hasOpcache(real)) {
        long started = lines(calls);
        assertTrue(started < findings.size() / 4, started + " PHP processes for " + findings.size() + " files:\n"
            + Files.readString(calls));
      }
    }
  }

  @Test
  void oneProcessAFileFindsTheSameAsTheFewInTheSameStableOrder() throws Exception {
    Path php = realPhp();
    Site site = site(plugins(10));
    try (GitFixture repo = site.repo()) {
      List<Finding> few = new PhpLint(php).check(repo.repository(), site.tree(), site.lock());
      List<Finding> again = new PhpLint(php).check(repo.repository(), site.tree(), site.lock());
      List<Finding> onePerFile = new PhpLint(php, PhpLint.FILE_LIMIT, true).check(repo.repository(), site.tree(), site.lock());

      assertEquals(onePerFile, few);
      assertEquals(few, again);
      assertEquals(2 * BROKEN.size(), few.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count());
      // The plugins' order, then git's within each: the files' paths in order.
      List<String> checks = few.stream().map(Finding::check).toList();
      assertEquals(checks.stream().sorted().toList(), checks);
      assertTrue(checks.stream().noneMatch(c -> c.contains("lib/setup.php")), "never core");
    }
  }

  @Test
  void aPluginFileIsCompiledNeverRun() throws Exception {
    Path real = realPhp();
    Path said = tmp.resolve("said.txt");
    Path ran = tmp.resolve("ran.txt");
    // A stand-in that keeps all PHP says, and gives php's exit code.
    Path php = wrapper("php", real, "\"$REAL\" \"$@\" 2>&1 | tee -a '" + said + "'\nexit ${PIPESTATUS[0]}\n");
    String run = "file_put_contents('" + ran + "', 'it ran', FILE_APPEND);\necho 'the plugin speaks', PHP_EOL;\n";
    Map<String, String> files = new LinkedHashMap<>();
    files.put("version.php", "<?php\n$plugin->version = 1;\n" + run);
    files.put("classes/task/cleanup.php", "<?php\nnamespace local_side\\task;\n" + run
        + "class cleanup {\n    public function __construct() {\n        " + run.replace("\n", "\n        ") + "}\n}\n"
        + "new cleanup();\nexit(3);\n");
    files.put("lib.php", "<?php\nfunction local_side_before_footer() {\n    " + run.replace("\n", "\n    ") + "}\n"
        + "local_side_before_footer();\n");
    Site site = site(Map.of("local_side", files));
    try (GitFixture repo = site.repo()) {
      for (boolean onePerFile : List.of(false, true)) {
        List<Finding> findings = new PhpLint(php, PhpLint.FILE_LIMIT, onePerFile).check(repo.repository(), site.tree(),
            site.lock());
        assertEquals(List.of(Finding.Severity.PASSED, Finding.Severity.PASSED, Finding.Severity.PASSED),
            findings.stream().map(Finding::severity).toList(), findings.toString());
      }
      assertFalse(Files.exists(ran), "the plugin's code ran");
      assertFalse(Files.readString(said).contains("the plugin speaks"), Files.readString(said));
      assertTrue(Files.readString(said).contains("No syntax errors detected"), "php -l was asked too");
    }
  }

  @Test
  void aCheckerThatHangsIsStoppedAndTheFilesAfterItStillChecked() throws Exception {
    Path real = realPhp();
    assumeTrue(hasOpcache(real), "without OPcache there is no checker to hang");
    // A stand-in that hands the checker its files one by one (each a line with its length, then its bytes), and stops
    // for ever before the one that says so.
    Path feed = tmp.resolve("feed.php");
    Files.writeString(feed, """
        <?php
        while (($line = fgets(STDIN)) !== false) {
            $code = stream_get_contents(STDIN, (int) $line);
            if (str_contains($code, 'hangs the checker')) {
                sleep(300);
            }
            echo $line, $code;
        }
        """);
    Path php = wrapper("php", real, """
        case "$*" in
          *compile-check.php*probe) exec "$REAL" "$@" ;;
          *compile-check.php*) "$REAL" -n '%s' | "$REAL" "$@"; exit ;;
          *) exec "$REAL" "$@" ;;
        esac
        """.formatted(feed));
    Map<String, Map<String, String>> plugins = plugins(30, false);
    plugins.get("local_beta").put("classes/local/hang.php", "<?php\n// hangs the checker\n");
    plugins.get("local_beta").put("classes/local/unmatched.php", BROKEN.get("unmatched.php"));
    plugins.get("local_beta").put("classes/local/parameter.php", BROKEN.get("parameter.php"));
    Site site = site(plugins);
    try (GitFixture repo = site.repo()) {
      long start = System.nanoTime();
      List<Finding> findings = new PhpLint(php, Duration.ofSeconds(2)).check(repo.repository(), site.tree(), site.lock());
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

      assertTrue(seconds < 30, "took " + seconds + " s with a limit of 2 s per file");
      List<Finding> expected = new PhpLint(real, Duration.ofSeconds(2)).check(repo.repository(), site.tree(),
          site.lock()).stream().map(f -> f.check().equals("php -l local/beta/classes/local/hang.php")
              ? new Finding("local_beta", f.check(), Finding.Severity.ERROR, "local_beta: php -l did not finish on"
                  + " local/beta/classes/local/hang.php within 2 s: it was stopped. Check the PHP program (-Dmoodle.php), or"
                  + " pin another version of local_beta.")
              : f).toList();
      assertEquals(expected, findings);
      assertEquals(List.of("php -l local/beta/classes/local/hang.php", "php -l local/beta/classes/local/parameter.php",
          "php -l local/beta/classes/local/unmatched.php"), findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR)
              .map(Finding::check).toList(), "the files after it are checked");
    }
  }

  @Test
  void aCheckerThatMakesWayForANewOneAfterEveryFileLeavesNoneUnchecked() throws Exception {
    Path real = realPhp();
    Path calls = tmp.resolve("calls.txt");
    // A stand-in whose OPcache is so small that the checker always finds it too full to go on.
    Path php = wrapper("php", real, """
        echo "$*" >> '%s'
        exec "$REAL" "${@/opcache.memory_consumption=256/opcache.memory_consumption=24}"
        """.formatted(calls));
    Site site = site(plugins(6, true));
    try (GitFixture repo = site.repo()) {
      List<Finding> findings = new PhpLint(php).check(repo.repository(), site.tree(), site.lock());

      assertEquals(new PhpLint(real).check(repo.repository(), site.tree(), site.lock()), findings);
      if (hasOpcache(real)) {
        List<String> asked = Files.readAllLines(calls);
        assertTrue(asked.get(0).contains("opcache.memory_consumption=256"), "the checker asks for room: " + asked.get(0));
        long passed = findings.stream().filter(f -> f.severity() == Finding.Severity.PASSED).count();
        long checkers = asked.stream().filter(a -> a.contains("compile-check.php") && !a.endsWith(" probe")).count();
        assertTrue(checkers >= passed, checkers + " checkers for " + passed + " files that pass");
      }
    }
  }

  @Test
  void withoutOpcacheEveryFileGetsItsOwnPhpL() throws Exception {
    Path real = realPhp();
    Path calls = tmp.resolve("calls.txt");
    // A stand-in whose OPcache is off on the command line, whatever it is asked.
    Path php = wrapper("php", real, """
        echo "$*" >> '%s'
        exec "$REAL" "${@/opcache.enable_cli=1/opcache.enable_cli=0}"
        """.formatted(calls));
    Site site = site(plugins(6, true));
    try (GitFixture repo = site.repo()) {
      List<Finding> findings = new PhpLint(php).check(repo.repository(), site.tree(), site.lock());

      assertEquals(new PhpLint(real).check(repo.repository(), site.tree(), site.lock()), findings);
      List<String> asked = Files.readAllLines(calls);
      assertEquals(findings.size(), asked.stream().filter(a -> a.equals("-l")).count(), String.join("\n", asked));
      assertTrue(asked.stream().allMatch(a -> a.equals("-l") || a.endsWith(" probe")), String.join("\n", asked));
    }
  }

  @Test
  void aPhpWhoseIniDoesNotLoadOpcacheIsAskedToLoadIt() throws Exception {
    Path real = realPhp();
    Path calls = tmp.resolve("calls.txt");
    // A stand-in that reads no php.ini, and so loads no OPcache unless asked on the command line.
    Path php = wrapper("php", real, "echo \"$*\" >> '" + calls + "'\nexec \"$REAL\" -n \"$@\"\n");
    Site site = site(plugins(10, false));
    try (GitFixture repo = site.repo()) {
      List<Finding> findings = new PhpLint(php).check(repo.repository(), site.tree(), site.lock());
      List<String> asked = Files.readAllLines(calls);

      assertEquals(new PhpLint(php, PhpLint.FILE_LIMIT, true).check(repo.repository(), site.tree(), site.lock()), findings);
      if (hasOpcache(real)) {
        assertTrue(asked.get(1).startsWith("-d zend_extension=opcache ") && asked.get(1).endsWith(" probe"), asked.get(1));
        // php -l alone for each locallib.php, whose class extends one of its own; without php.ini PHP may have no
        // tokenizer to tell, and then for every file with a class that extends another.
        assertTrue(asked.stream().filter(a -> a.equals("-l")).count() < findings.size() / 2, String.join("\n", asked));
      }
    }
  }

  @Test
  void theTemporaryFolderGoesAfterwardsAlsoWhenTheCallerIsInterrupted() throws Exception {
    Path real = realPhp();
    assumeTrue(hasOpcache(real), "without OPcache there is no folder");
    Path calls = tmp.resolve("calls.txt");
    Path hang = tmp.resolve("hang");
    // A stand-in whose checkers hang once the test says so.
    Path php = wrapper("php", real, """
        echo "$*" >> '%s'
        case "$*" in
          *compile-check.php*probe) ;;
          *compile-check.php*) if [ -e '%s' ]; then exec sleep 300; fi ;;
        esac
        exec "$REAL" "$@"
        """.formatted(calls, hang));
    Site site = site(plugins(5, true));
    try (GitFixture repo = site.repo()) {
      assertEquals(3, new PhpLint(php).check(repo.repository(), site.tree(), site.lock()).stream()
          .filter(f -> f.severity() == Finding.Severity.ERROR).count());
      Path folder = folder(calls);
      assertFalse(Files.exists(folder), folder + " is left");

      Files.delete(calls);
      Files.createFile(hang);
      CompletableFuture<Exception> failure = new CompletableFuture<>();
      Thread caller = new Thread(() -> {
        try {
          new PhpLint(php).check(repo.repository(), site.tree(), site.lock());
          failure.complete(null);
        } catch (Exception e) {
          failure.complete(e);
        }
      });
      caller.start();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while ((Files.exists(calls) ? Files.readString(calls) : "").lines().noneMatch(l -> l.contains("compile-check.php") && !l.endsWith(" probe"))
          && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      Thread.sleep(200);
      caller.interrupt();
      Exception e = failure.get(60, TimeUnit.SECONDS);
      assertEquals("php -l was interrupted", e == null ? "no failure" : e.getMessage());
      folder = folder(calls);
      assertFalse(Files.exists(folder), folder + " is left");
    }
  }

  /** The temporary folder of the checker a stand-in php was asked to run. */
  private static Path folder(Path calls) throws Exception {
    String script = Files.readString(calls).lines().flatMap(l -> List.of(l.split(" ")).stream())
        .filter(a -> a.endsWith("compile-check.php")).findFirst().orElseThrow();
    return Path.of(script).getParent();
  }

  @Test
  void aFileIsCheckedAsItIsNotWithTheRestOfALongerOneBeforeIt() throws Exception {
    Path php = realPhp();
    // Each checker writes file after file over the one before: what remained of a.php after b.php would end b.php's if.
    String longer = "<?php\n{ $a =1;\n}\n";
    String shorter = "<?php\nif (1) {\n";
    assertEquals("<?php\nif (1) {\n}\n", shorter + longer.substring(shorter.length()), "valid PHP");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("a.php", longer);
    files.put("b.php", shorter);
    files.put("version.php", "<?php\n$plugin->version = 1;\n");
    Site site = site(Map.of("local_slot", files));
    try (GitFixture repo = site.repo()) {
      List<Finding> findings = new PhpLint(php).check(repo.repository(), site.tree(), site.lock());

      assertEquals(new Finding("local_slot", "php -l local/slot/b.php", Finding.Severity.ERROR, "local_slot: local/slot/b.php"
          + " is not valid PHP: " + phpSays(php, shorter) + ". Pin another version of local_slot."), findings.get(1));
      assertEquals(List.of(Finding.Severity.PASSED, Finding.Severity.ERROR, Finding.Severity.PASSED),
          findings.stream().map(Finding::severity).toList());
    }
  }
}
