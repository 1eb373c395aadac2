package io.github.moodlecbm.core.process;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one way the build runs an external program (php, initdb, pg_ctl, an environment's
 * commands): with a time limit after which the program and every process it started are killed.
 * Its standard error is merged into its output, which is read line by line while it runs, handed
 * to a consumer as it comes, kept for the caller and, when asked, appended to a log file. Its
 * input is the bytes given, written by a thread of their own (a program that writes while it reads
 * never waits on us), or nothing. Secrets given to {@link #hiding} never reach the output, the log,
 * or {@link #display()}.
 *
 * <p>Reading the output to its end before waiting with a limit would wait for ever on a program
 * that hangs with its output open: here the limit is kept by the waiting thread alone, and the
 * output is read beside it.
 */
public final class Command {
  /** How long the output may stay open once the program has ended or been killed: a process it started may hold it. */
  private static final Duration DRAIN = Duration.ofSeconds(10);

  /**
   * How a run ended.
   *
   * @param exitCode the program's exit code, or -1 when it was killed
   * @param timedOut whether the limit was reached (the program and its processes were killed)
   * @param output the lines of its output (standard error merged), secrets hidden
   * @param took from start to end
   */
  public record Result(int exitCode, boolean timedOut, List<String> output, Duration took) {
    public Result {
      output = List.copyOf(output);
    }

    /** Exited with 0 within the limit. */
    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    /** The output as one text. */
    public String text() {
      return String.join("\n", output);
    }
  }

  private final List<String> argv;
  private Path workDir;
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> secrets = new ArrayList<>();
  private byte[] input;
  private Path log;
  private Consumer<String> lines;
  private Duration silence;

  public Command(List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs a program");
    }
    this.argv = List.copyOf(argv);
  }

  public static Command of(String... argv) {
    return new Command(List.of(argv));
  }

  /** The folder it runs in; by default the build's. */
  public Command in(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** A variable added to (or replacing one of) the build's environment. */
  public Command env(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public Command env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** The bytes its standard input reads; without them it reads nothing ({@code /dev/null}). */
  public Command input(byte[] bytes) {
    this.input = bytes.clone();
    return this;
  }

  /** A text replaced by {@code ****} wherever the command or its output is shown. */
  public Command hiding(String secret) {
    if (secret != null && !secret.isEmpty()) {
      secrets.add(secret);
    }
    return this;
  }

  /** The file the command line, its output and how it ended are appended to. */
  public Command logTo(Path file) {
    this.log = file;
    return this;
  }

  /** Each line of output as it comes, secrets hidden; called by the thread that reads the output. */
  public Command onLine(Consumer<String> consumer) {
    this.lines = consumer;
    return this;
  }

  /**
   * Also stops the program, as the limit does, once it has written no line for {@code silence}: a
   * program that works through many things and says each one may take long in all, but not stall
   * on one.
   */
  public Command stopWhenSilentFor(Duration silence) {
    this.silence = silence;
    return this;
  }

  public List<String> argv() {
    return argv;
  }

  /** The command as a person would type it, secrets hidden. */
  public String display() {
    return hide(String.join(" ", argv));
  }

  private String hide(String text) {
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, "****");
    }
    return out;
  }

  /**
   * Runs the command; waits at most {@code limit} (and no longer than {@link #stopWhenSilentFor}
   * after its last line), then kills it and everything it started.
   *
   * @throws IOException when the program cannot be started or the log not written
   * @throws InterruptedIOException when the calling thread is interrupted (the program and its
   *     processes are killed first; the thread stays interrupted)
   */
  public Result run(Duration limit) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    if (input == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    if (workDir != null) {
      builder.directory(workDir.toFile());
    }
    builder.environment().putAll(environment);
    Writer out = null;
    if (log != null) {
      Files.createDirectories(log.toAbsolutePath().getParent());
      out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    try (Writer logFile = out) {
      if (logFile != null) {
        logFile.write("$ " + display() + "\n");
        logFile.flush();
      }
      long start = System.nanoTime();
      Process process = builder.start();
      Output output = new Output(process, logFile);
      output.start();
      if (input != null) {
        feed(process);
      }
      boolean ended;
      try {
        ended = await(process, output, start, limit);
      } catch (InterruptedException e) {
        killTree(process);
        output.finish();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while running " + display() + ": it was stopped.");
      }
      if (!ended) {
        killTree(process);
      }
      output.finish();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      if (logFile != null) {
        synchronized (logFile) {
          logFile.write(ended ? "# exit code " + process.exitValue() + "\n" : output.stalled
              ? "# killed after " + silence.toSeconds() + " s without output\n" : "# killed after " + limit.toSeconds() + " s\n");
        }
      }
      output.rethrow();
      return new Result(ended ? process.exitValue() : -1, !ended, output.lines(), took);
    }
  }

  /** Waits for the end of the program: false when the limit, or the silence allowed, came first. */
  private boolean await(Process process, Output output, long start, Duration limit) throws InterruptedException {
    long allowed = nanos(limit);
    long quiet = silence == null ? Long.MAX_VALUE : nanos(silence);
    while (true) {
      long now = System.nanoTime();
      long left = allowed - (now - start);
      long silent = quiet - (now - output.lastLine);
      if (Math.min(left, silent) <= 0) {
        output.stalled = left > 0;
        return !process.isAlive();
      }
      if (process.waitFor(Math.min(left, silent), TimeUnit.NANOSECONDS)) {
        return true;
      }
    }
  }

  private static long nanos(Duration limit) {
    try {
      return Math.max(0, limit.toNanos());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** Writes the input from a thread of its own, so that the program's output is read meanwhile. */
  private void feed(Process process) {
    Thread writer = new Thread(() -> {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input);
      } catch (IOException e) {
        // the program ended, or closed its input, before reading it all: its exit code tells
      }
    }, "input of " + argv.get(0));
    writer.setDaemon(true);
    writer.start();
  }

  /** The thread that reads the output while the program runs. */
  private final class Output {
    private final Process process;
    private final Writer logFile;
    private final List<String> kept = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    /** Set when the caller stopped waiting: nothing more reaches the consumer or the log. */
    private volatile boolean closed;
    private volatile RuntimeException consumerFailure;
    /** When the last line came ({@link System#nanoTime()}), or the program started. */
    private volatile long lastLine = System.nanoTime();
    /** Set when the program was stopped for its silence, not for the limit. */
    private boolean stalled;

    Output(Process process, Writer logFile) {
      this.process = process;
      this.logFile = logFile;
      this.thread = new Thread(this::read, "output of " + argv.get(0));
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }


    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null && !closed; ) {
          lastLine = System.nanoTime();
          String shown = hide(line);
          kept.add(shown);
          if (logFile != null) {
            synchronized (logFile) {
              logFile.write(shown);
              logFile.write('\n');
            }
          }
          if (lines != null && consumerFailure == null) {
            try {
              lines.accept(shown);
            } catch (RuntimeException e) {
              // keep reading, or the program would block on a full pipe; the caller gets the failure
              consumerFailure = e;
            }
          }
        }
      } catch (IOException e) {
        // the process is gone, or the log was closed: its output ends here
      }
    }

    /** Waits for the end of the output, for a while: a process the program started may keep it open. */
    void finish() {
      try {
        thread.join(DRAIN.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closed = true;
    }

    void rethrow() {
      if (consumerFailure != null) {
        throw consumerFailure;
      }
    }

    List<String> lines() {
      synchronized (kept) {
        return List.copyOf(kept);
      }
    }
  }

  /**
   * Kills a process and every process it started, children first seen, all at once, then waits
   * (10 s at most) until they are gone: when a run returns, nothing it started still runs.
   */
  static void killTree(Process process) {
    List<ProcessHandle> all = new ArrayList<>();
    process.toHandle().descendants().forEach(all::add);
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      // Not our children: their end is seen by looking, not by waiting (onExit looks every 300 ms and more).
      while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < until) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
