package io.github.moodlecbm.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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

  @Test
  void theRealPhpSaysItsVersion() throws Exception {
    Path php = PhpProgram.onPath(System.getenv()).orElse(null);
    Assumptions.assumeTrue(php != null, "SKIPPED: no php on the PATH");
    assertTrue(PhpProgram.version(php).matches("\\d+\\.\\d+\\.\\d+"));
  }
}
