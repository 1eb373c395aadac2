package io.github.moodlecbm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds that fetch mirrors side by side in one cache: each holds one mirror's lock and waits
 * for the other's. The kernel sees two processes waiting on each other and refuses the last wait
 * ("Resource deadlock avoided"), although the thread holding the first lock is not waiting at all.
 */
class ExclusiveLockTest {
  @TempDir Path tmp;

  @Test
  void aWaitTheKernelTakesForADeadlockBetweenProcessesStillGetsTheLock() throws Exception {
    Path a = tmp.resolve("a.lock");
    Path b = tmp.resolve("b.lock");
    Path ready = tmp.resolve("ready");
    ExclusiveLock holdingA = ExclusiveLock.acquire(a);
    Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), OtherBuild.class.getName(), a.toString(), b.toString(), ready.toString())
        .redirectErrorStream(true).start();
    try {
      for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); !Files.exists(ready) && System.nanoTime() < end; ) {
        Thread.sleep(10);
      }
      assertTrue(Files.exists(ready), "the other build holds b and waits for a");
      Thread.sleep(300); // its wait for a has begun
      CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
        try (ExclusiveLock b2 = ExclusiveLock.acquire(b)) {
          return true;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(300); // this build's wait for b has begun: each process now waits for the other
      holdingA.close();
      assertTrue(second.get(30, TimeUnit.SECONDS), "b is had once the other build is done with it");
      assertTrue(other.waitFor(30, TimeUnit.SECONDS));
      assertEquals(0, other.exitValue(), new String(other.getInputStream().readAllBytes()));
    } finally {
      other.destroyForcibly();
    }
  }

  /** The other build: holds b, then waits for a, as the kernel sees it. */
  public static final class OtherBuild {
    public static void main(String[] args) throws Exception {
      try (FileChannel b = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock heldB = b.lock()) {
        Files.writeString(Path.of(args[2]), "ready");
        try (FileChannel a = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock heldA = a.lock()) {
          Thread.sleep(200);
        }
      }
    }
  }
}
