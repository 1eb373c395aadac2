package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code <php>}: a version, or a PHP program asked its version. */
class PhpProgramTest {
  @TempDir Path tmp;

  @Test
  void aVersionOrAProgram() throws Exception {
    assertTrue(PhpProgram.isVersion("8.3") && PhpProgram.isVersion("8.3.12") && PhpProgram.isVersion("8"));
    assertFalse(PhpProgram.isVersion("php8.3") || PhpProgram.isVersion("/usr/bin/php") || PhpProgram.isVersion("8.x"));

    Path fake = tmp.resolve("php8.9");
    Files.writeString(fake, "#!/bin/sh\necho 8.9.1-1+deb12u1\n");
    fake.toFile().setExecutable(true);
    Map<String, String> env = Map.of("PATH", tmp + ":/nowhere");
    assertEquals(fake, PhpProgram.find("php8.9", env).orElseThrow());
    assertEquals(fake, PhpProgram.find(fake.toString(), Map.of()).orElseThrow());
    assertTrue(PhpProgram.find("php7.0", env).isEmpty());
    assertTrue(PhpProgram.find(tmp.toString(), env).isEmpty(), "a folder is no program");
    assertEquals("8.9.1", PhpProgram.version(fake));

    Path notPhp = tmp.resolve("notphp");
    Files.writeString(notPhp, "#!/bin/sh\necho hello\n");
    notPhp.toFile().setExecutable(true);
    CodebaseException e = assertThrows(CodebaseException.class, () -> PhpProgram.version(notPhp));
    assertTrue(e.getMessage().startsWith(notPhp + " does not answer as PHP does"), e.getMessage());
  }

  private Path fakePhp(String name, String version) throws Exception {
    Path fake = tmp.resolve(name);
    Files.createDirectories(fake.getParent());
    Files.writeString(fake, "#!/bin/sh\necho " + version + "\n");
    fake.toFile().setExecutable(true);
    return fake;
  }

  @Test
  void aPhpThatDoesNotAnswerIsStoppedAfterTheLimit() throws Exception {
    Path hangs = tmp.resolve("php-hangs");
    Files.writeString(hangs, "#!/bin/sh\necho 8.3.\nexec sleep 300\n");
    hangs.toFile().setExecutable(true);
    long start = System.nanoTime();
    CodebaseException e = assertThrows(CodebaseException.class, () -> PhpProgram.version(hangs, Duration.ofSeconds(1)));
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    assertEquals(hangs + " does not answer as PHP does (php -r 'echo PHP_VERSION;' gave no answer in 1 s and was stopped)."
        + " Name a PHP program, or a version such as 8.3, in <php>.", e.getMessage());
    assertEquals(Duration.ofSeconds(30), PhpProgram.VERSION_LIMIT);
  }

  @Test
  void theSettingGivenAsAVersion() throws Exception {
    Path onPath = fakePhp("bin/php", "8.2.7");
    Map<String, String> env = Map.of("PATH", onPath.getParent().toString());
    PhpProgram.Setting s = PhpProgram.Setting.of(" 8.3 ", env);
    assertTrue(s.given());
    assertEquals(Optional.of("8.3"), s.declaredVersion());
    assertEquals(Optional.empty(), s.program());
    assertEquals(Optional.of("8.3"), s.version());
    assertEquals(Optional.empty(), s.describe());
    assertEquals(onPath, s.lintProgram());
    assertEquals(onPath, s.installTestProgram());
    assertEquals(Optional.of("The install test runs " + onPath + " (PHP 8.2.7), not PHP 8.3 of <php>: name the servers' PHP"
        + " program in <php> to test with it."), s.installTestWarning());
    assertEquals(Optional.empty(), PhpProgram.Setting.of("8.2", env).installTestWarning(), "8.2.7 is a PHP 8.2");
    assertEquals(Optional.empty(), PhpProgram.Setting.of("8.2.7", env).installTestWarning());
    assertTrue(PhpProgram.Setting.of("8", env).installTestWarning().isEmpty());
    assertTrue(PhpProgram.Setting.of("8.20", env).installTestWarning().isPresent(), "8.2.7 is no PHP 8.20");
  }

  @Test
  void theSettingGivenAsAPathOrAName() throws Exception {
    Path onPath = fakePhp("bin/php", "8.2.7");
    Path servers = fakePhp("opt/php8.3", "8.3.12-1+deb12u1");
    Map<String, String> env = Map.of("PATH", onPath.getParent() + ":" + servers.getParent());
    for (String value : List.of(servers.toString(), "php8.3")) {
      PhpProgram.Setting s = PhpProgram.Setting.of(value, env);
      assertEquals(Optional.empty(), s.declaredVersion());
      assertEquals(Optional.of(servers), s.program());
      assertEquals(Optional.of("8.3.12"), s.version());
      assertEquals(Optional.of("PHP of the servers: " + servers + " (PHP 8.3.12)"), s.describe());
      assertEquals(servers, s.lintProgram(), "php -l runs the servers' PHP, not the PATH's");
      assertEquals(servers, s.installTestProgram());
      assertEquals(Optional.empty(), s.installTestWarning());
    }
  }

  @Test
  void theSettingNotGiven() throws Exception {
    Path onPath = fakePhp("bin/php", "8.2.7");
    for (String value : java.util.Arrays.asList(null, "", "  ")) {
      PhpProgram.Setting s = PhpProgram.Setting.of(value, Map.of("PATH", onPath.getParent().toString()));
      assertFalse(s.given());
      assertEquals(Optional.empty(), s.version());
      assertEquals(Optional.empty(), s.program());
      assertEquals(Optional.empty(), s.describe());
      assertEquals(onPath, s.lintProgram());
      assertEquals(onPath, s.installTestProgram());
      assertEquals(Optional.empty(), s.installTestWarning());
    }
  }

  @Test
  void aMissingProgramIsRefusedInEachGoalsOwnWords() throws Exception {
    Map<String, String> noPhp = Map.of("PATH", tmp.toString());
    PhpProgram.Setting missing = PhpProgram.Setting.of("php7.0", noPhp);
    String verify = "<php>php7.0</php> is neither a PHP version such as 8.3 nor a PHP program (a path, or a name on the PATH"
        + " such as php8.3). Fix <php> in pom.xml (or -Dmoodle.php).";
    assertEquals(verify, assertThrows(CodebaseException.class, missing::version).getMessage());
    assertEquals(verify, assertThrows(CodebaseException.class, missing::program).getMessage());
    assertEquals(verify, assertThrows(CodebaseException.class, missing::lintProgram).getMessage());
    assertEquals("<php>php7.0</php> names no PHP program (a path, or a name on the PATH such as php8.3). Fix <php> in pom.xml"
        + " (or -Dmoodle.php).", assertThrows(CodebaseException.class, missing::installTestProgram).getMessage());
    assertEquals("<php>/usr/bin/php-none</php> names no PHP program (a path, or a name on the PATH such as php8.3). Fix <php>"
        + " in pom.xml (or -Dmoodle.php).", assertThrows(CodebaseException.class,
            () -> PhpProgram.Setting.of("/usr/bin/php-none", noPhp).installTestProgram()).getMessage());

    PhpProgram.Setting none = PhpProgram.Setting.of(null, noPhp);
    assertEquals("-Dmoodle.phpLint is set but there is no php on the PATH. Install the PHP command line (Debian: apt-get install"
        + " php-cli), name one in <php>, or drop -Dmoodle.phpLint.", assertThrows(CodebaseException.class, none::lintProgram).getMessage());
    String installTest = "The install test runs Moodle's installer with PHP, and there is no php on the PATH. Install the PHP"
        + " command line with PostgreSQL support (Debian: apt-get install php-cli php-pgsql), or name it in <php>"
        + " (-Dmoodle.php=/usr/bin/php8.3).";
    assertEquals(installTest, assertThrows(CodebaseException.class, none::installTestProgram).getMessage());
    assertEquals(installTest, assertThrows(CodebaseException.class, () -> PhpProgram.Setting.of("8.3", noPhp).installTestWarning())
        .getMessage());
    assertEquals(Optional.of("8.3"), PhpProgram.Setting.of("8.3", noPhp).version(), "a version needs no program");

    Path notPhp = fakePhp("bin/notphp", "hello");
    CodebaseException e = assertThrows(CodebaseException.class, () -> PhpProgram.Setting.of(notPhp.toString(), noPhp).version());
    assertTrue(e.getMessage().startsWith(notPhp + " does not answer as PHP does"), e.getMessage());
  }

  @Test
  void theRealPhpSaysItsVersion() throws Exception {
    Path php = PhpProgram.onPath(System.getenv()).orElse(null);
    Assumptions.assumeTrue(php != null, "SKIPPED: no php on the PATH");
    assertTrue(PhpProgram.version(php).matches("\\d+\\.\\d+\\.\\d+"));
  }
}
