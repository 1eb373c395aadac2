package io.github.moodlecbm.core.installtest;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One external program of the install test (php, initdb, pg_ctl), run with a time limit: on
 * timeout its whole process tree is killed. Its output goes to a log file, line by line, and is
 * kept for the report. Secrets given in {@code redact} never reach the log.
 */
final class Command {
  /** How a run ended. */
  record Result(int exitCode, boolean timedOut, List<String> output, Duration took) {
    boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    String text() {
      return String.join("\n", output);
    }
  }

  private final List<String> argv;
  private Path workDir;
  private final Map<String, String> environment = new java.util.HashMap<>();
  private final List<String> redact = new ArrayList<>();

  Command(List<String> argv) {
    this.argv = List.copyOf(argv);
  }

  Command in(Path dir) {
    this.workDir = dir;
    return this;
  }

  Command env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  Command hiding(String secret) {
    if (secret != null && !secret.isEmpty()) {
      redact.add(secret);
    }
    return this;
  }

  List<String> argv() {
    return argv;
  }

  /** The command as a person would type it, secrets hidden. */
  String display() {
    return hide(String.join(" ", argv));
  }

  private String hide(String text) {
    String out = text;
    for (String s : redact) {
      out = out.replace(s, "****");
    }
    return out;
  }

  /**
   * Runs the command; waits at most {@code limit}, then kills it and everything it started.
   *
   * @param log the file the output is appended to
   * @param lines each output line as it comes (secrets hidden), or null
   */
  Result run(Duration limit, Path log, Consumer<String> lines) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    builder.environment().putAll(environment);
    long start = System.nanoTime();
    Process process = builder.start();
    List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
    Files.createDirectories(log.getParent());
    Thread reader;
    try (Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write("$ " + display() + "\n");
      out.flush();
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            String shown = hide(line);
            output.add(shown);
            synchronized (out) {
              out.write(shown);
              out.write('\n');
            }
            if (lines != null) {
              lines.accept(shown);
            }
          }
        } catch (IOException e) {
          // the process is gone: its output ends here
        }
      }, "output of " + argv.get(0));
      reader.setDaemon(true);
      reader.start();
      boolean done;
      try {
        done = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        done = false;
      }
      if (!done) {
        killTree(process);
      }
      try {
        reader.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (out) {
        out.write(done ? "# exit code " + process.exitValue() + "\n" : "# killed after " + limit.toSeconds() + " s\n");
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new Result(done ? process.exitValue() : -1, !done, List.copyOf(output), took);
    }
  }

  /** Kills a process and every process it started, children first seen, all at once. */
  static void killTree(Process process) {
    List<ProcessHandle> all = new ArrayList<>();
    process.toHandle().descendants().forEach(all::add);
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
