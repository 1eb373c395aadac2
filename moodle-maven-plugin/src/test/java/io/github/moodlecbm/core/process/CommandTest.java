package io.github.moodlecbm.core.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one process runner: its time limit, its output as it comes, its input, its secrets. */
class CommandTest {
  @TempDir Path tmp;

  private static long seconds(long nanosSince) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanosSince);
  }

  @Test
  void theLimitKillsTheProcessAndEveryProcessItStarted() throws Exception {
    List<ProcessHandle> started = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    // The shell says its own pid; both sleeps are its children, found from it while it runs.
    Command.Result r = Command.of("/bin/sh", "-c", "echo $$; sleep 300 & sleep 300")
        .onLine(line -> {
          if (!started.isEmpty()) {
            return; // the shell may say "Killed" of its sleep at the end
          }
          ProcessHandle shell = ProcessHandle.of(Long.parseLong(line.trim())).orElseThrow();
          long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
          while (shell.descendants().count() < 2 && System.nanoTime() < until) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          started.add(shell);
          shell.descendants().forEach(started::add);
        })
        .run(Duration.ofSeconds(2));
    assertTrue(r.timedOut());
    assertEquals(-1, r.exitCode());
    assertFalse(r.ok());
    assertTrue(seconds(start) < 10, "returned " + seconds(start) + " s after a limit of 2 s");
    assertTrue(r.took().compareTo(Duration.ofSeconds(2)) >= 0, r.took().toString());
    assertEquals(3, started.size(), "the shell and its two sleeps: " + started);
    for (ProcessHandle p : started) {
      assertFalse(p.isAlive(), p.pid() + " is still alive when the run returns");
    }
  }

  @Test
  void theOutputIsReadWhileTheProcessRuns() throws Exception {
    Path go = tmp.resolve("go");
    CountDownLatch first = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Command.Result> run = CompletableFuture.supplyAsync(() -> {
      try {
        // Prints a line, then waits for a file the test creates only once it has seen that line.
        return Command.of("/bin/sh", "-c", "echo first; while [ ! -e " + go + " ]; do sleep 0.05; done; echo second")
            .onLine(line -> {
              seen.add(line);
              first.countDown();
            })
            .run(Duration.ofSeconds(60));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(first.await(30, TimeUnit.SECONDS), "the first line came while the process ran");
    assertFalse(run.isDone(), "the process waits for the file");
    assertEquals(List.of("first"), seen);
    Files.createFile(go);
    Command.Result r = run.get(60, TimeUnit.SECONDS);
    assertTrue(r.ok(), r.toString());
    assertEquals(List.of("first", "second"), r.output());
    assertEquals(List.of("first", "second"), seen);
  }

  @Test
  void aProgramThatKeepsItsOutputOpenAndNeverEndsIsStoppedByTheLimit() throws Exception {
    long start = System.nanoTime();
    // exec: the program itself holds its output open, prints nothing more and never exits.
    Command.Result r = Command.of("/bin/sh", "-c", "echo started; exec sleep 300").run(Duration.ofSeconds(1));
    assertTrue(r.timedOut());
    assertEquals(List.of("started"), r.output());
    assertTrue(seconds(start) < 8, "returned " + seconds(start) + " s after a limit of 1 s");
  }

  @Test
  void aProgramThatKeepsTalkingRunsPastItsSilenceAllowed() throws Exception {
    // Ten lines, one every 0.2 s: 2 s in all, never 1 s without a line.
    Command.Result r = Command.of("/bin/sh", "-c", "for i in 1 2 3 4 5 6 7 8 9 10; do echo $i; sleep 0.2; done")
        .stopWhenSilentFor(Duration.ofSeconds(1)).run(Duration.ofSeconds(60));
    assertTrue(r.ok(), r.toString());
    assertEquals(10, r.output().size());
  }

  @Test
  void aProgramSilentForTooLongIsStoppedWithEveryProcessItStarted() throws Exception {
    Path log = tmp.resolve("silent.log");
    List<ProcessHandle> started = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    Command.Result r = Command.of("/bin/sh", "-c", "echo $$; echo working; sleep 300 & sleep 300")
        .stopWhenSilentFor(Duration.ofSeconds(1))
        .logTo(log)
        .onLine(line -> {
          if (started.isEmpty()) {
            started.add(ProcessHandle.of(Long.parseLong(line.trim())).orElseThrow());
          }
        })
        .run(Duration.ofHours(1));
    assertTrue(r.timedOut());
    assertEquals(-1, r.exitCode());
    assertEquals("working", r.output().get(1));
    assertTrue(seconds(start) < 10, "returned " + seconds(start) + " s after 1 s of silence");
    assertFalse(started.get(0).isAlive());
    assertTrue(Files.readString(log).endsWith("# killed after 1 s without output\n"), Files.readString(log));
  }

  @Test
  void standardErrorIsMergedAndTheExitCodeKept() throws Exception {
    Command.Result r = Command.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3").in(tmp).run(Duration.ofSeconds(30));
    assertEquals(3, r.exitCode());
    assertFalse(r.timedOut() || r.ok());
    assertEquals(List.of("out", "err"), r.output());
    assertEquals("out\nerr", r.text());
  }

  @Test
  void theInputReachesTheProgramAndWritingWhileReadingDoesNotDeadlock() throws Exception {
    Command.Result small = Command.of("/bin/sh", "-c", "read a; read b; echo \"$b $a\"").input("one\ntwo\n".getBytes(StandardCharsets.UTF_8))
        .run(Duration.ofSeconds(30));
    assertEquals(List.of("two one"), small.output());

    // 2 MB through cat: it writes while it reads, far beyond any pipe's buffer in either direction.
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String line = "line " + i + " of the input, echoed back";
      text.append(line).append('\n');
      expected.add(line);
    }
    long start = System.nanoTime();
    Command.Result big = Command.of("cat").input(text.toString().getBytes(StandardCharsets.UTF_8)).run(Duration.ofSeconds(60));
    assertTrue(big.ok(), "cat ended by itself: " + big.timedOut() + " after " + seconds(start) + " s");
    assertEquals(expected, big.output());
    assertTrue(seconds(start) < 30);

    Command.Result none = Command.of("cat").run(Duration.ofSeconds(30));
    assertTrue(none.ok() && none.output().isEmpty(), "without input the program reads nothing and ends");
  }

  @Test
  void secretsAreHiddenInTheOutputTheConsumerAndTheLog() throws Exception {
    Path log = tmp.resolve("logs/run.log");
    List<String> seen = new CopyOnWriteArrayList<>();
    Command command = Command.of("/bin/sh", "-c", "echo \"connecting as builder:$SECRET@db\"; echo pa55word-twice pa55word", "pa55word")
        .env("SECRET", "pa55word").hiding("pa55word").hiding("").hiding(null).logTo(log).onLine(seen::add);
    Command.Result r = command.run(Duration.ofSeconds(30));
    assertTrue(r.ok());
    assertEquals(List.of("connecting as builder:****@db", "****-twice ****"), r.output());
    assertEquals(r.output(), seen);
    String logged = Files.readString(log);
    assertFalse(logged.contains("pa55word"), logged);
    assertTrue(logged.startsWith("$ /bin/sh -c echo \"connecting as builder:$SECRET@db\"; echo ****-twice **** ****\n"), logged);
    assertTrue(logged.endsWith("connecting as builder:****@db\n****-twice ****\n# exit code 0\n"), logged);
    assertFalse(command.display().contains("pa55word"));

    Command.of("/bin/sh", "-c", "exec sleep 300").logTo(log).run(Duration.ofMillis(300));
    assertTrue(Files.readString(log).endsWith("$ /bin/sh -c exec sleep 300\n# killed after 0 s\n"), Files.readString(log));
  }

  @Test
  void aConsumerThatFailsNeitherBlocksTheProgramNorIsForgotten() {
    // 100000 lines fill any pipe: were the output no longer read, the program would wait for ever.
    long start = System.nanoTime();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Command.of("/bin/sh", "-c",
        "i=0; while [ $i -lt 100000 ]; do echo \"line $i of a long output\"; i=$((i+1)); done")
        .onLine(line -> {
          throw new IllegalStateException("refused " + line);
        }).run(Duration.ofSeconds(60)));
    assertEquals("refused line 0 of a long output", e.getMessage());
    assertTrue(seconds(start) < 50, "the program ran to its end");
  }

  @Test
  void anInterruptedCallerStopsTheProgram() throws Exception {
    List<ProcessHandle> shell = new CopyOnWriteArrayList<>();
    CountDownLatch running = new CountDownLatch(1);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        Command.of("/bin/sh", "-c", "echo $$; exec sleep 300").onLine(line -> {
          shell.add(ProcessHandle.of(Long.parseLong(line.trim())).orElseThrow());
          running.countDown();
        }).run(Duration.ofSeconds(300));
        failure.complete(null);
      } catch (Exception e) {
        failure.complete(e);
      }
    });
    caller.start();
    assertTrue(running.await(30, TimeUnit.SECONDS));
    caller.interrupt();
    Throwable e = failure.get(30, TimeUnit.SECONDS);
    assertTrue(e instanceof InterruptedIOException, String.valueOf(e));
    assertFalse(shell.get(0).isAlive());
  }

  @Test
  void aProgramThatCannotStartIsAnIoError() {
    assertThrows(java.io.IOException.class, () -> Command.of(tmp.resolve("no-such-program").toString()).run(Duration.ofSeconds(5)));
  }
}
