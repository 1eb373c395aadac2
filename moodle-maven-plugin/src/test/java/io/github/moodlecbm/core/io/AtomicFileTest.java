package io.github.moodlecbm.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path tmp;

  @Test
  void twoWritersAtOnceNeverTearTheFileAReaderSees() throws Exception {
    Path file = tmp.resolve("moodle.lock");
    String a = "a".repeat(200_000);
    String b = "b".repeat(300_000);
    AtomicFile.write(file, a);
    AtomicBoolean stop = new AtomicBoolean();
    Set<String> seen = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (String text : List.of(a, b)) {
      threads.add(new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < 60; i++) {
            AtomicFile.write(file, text);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    Thread reader = new Thread(() -> {
      try {
        start.await();
        while (!stop.get()) {
          String now = Files.readString(file, StandardCharsets.UTF_8);
          seen.add(now.equals(a) ? "a" : now.equals(b) ? "b" : "torn (" + now.length() + " characters)");
        }
      } catch (Throwable e) {
        failures.add(e);
      }
    });
    threads.forEach(Thread::start);
    reader.start();
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    stop.set(true);
    reader.join();
    assertEquals(List.of(), failures);
    assertTrue(Set.of("a", "b").containsAll(seen), "only whole files were read: " + seen);
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(file), left.toList(), "no temporary file is left");
    }
  }

  @Test
  void aFileKeepsItsPermissionsWhenReplacedAndGetsThoseAskedFor() throws Exception {
    Path pom = tmp.resolve("pom.xml");
    Files.writeString(pom, "<project/>");
    Files.setPosixFilePermissions(pom, PosixFilePermissions.fromString("rw-rw-r--"));
    AtomicFile.write(pom, "<project></project>");
    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pom)));

    Path config = tmp.resolve("config.php");
    AtomicFile.of(config).permissions("rw-r-----").write("<?php".getBytes(StandardCharsets.UTF_8));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    assertEquals("<?php", Files.readString(config));
  }

  @Test
  void aWriteThatFailsLeavesTheTargetAsItWas() throws Exception {
    Path file = tmp.resolve("verification.json");
    AtomicFile.write(file, "before");
    IOException e = assertThrows(IOException.class, () -> AtomicFile.of(file).write(out -> {
      out.write("half".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("before", Files.readString(file));
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(1, left.count(), "the temporary file is removed");
    }
  }

  @Test
  void anUnchangedFileIsNotWrittenAgain() throws Exception {
    Path file = tmp.resolve("stamp");
    assertTrue(AtomicFile.writeIfChanged(file, "one"));
    Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(0));
    assertFalse(AtomicFile.writeIfChanged(file, "one"));
    assertEquals(0, Files.getLastModifiedTime(file).toMillis());
    assertTrue(AtomicFile.writeIfChanged(file, "two"));
    assertEquals("two", Files.readString(file));
  }
}
