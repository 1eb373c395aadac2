package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.process.Command;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.util.FileUtils;

/**
 * Installs the assembled code base with Moodle's own installer on a throwaway PostgreSQL
 * database, as Moodle documents it ({@code admin/cli/install.php --skip-database}, then {@code
 * install_database.php}), then checks that {@code upgrade.php} has nothing left to do and that
 * Moodle's plugin manager sees every plugin installed, up to date, present on disk and with its
 * dependencies met. With an earlier release, that release is installed first and the new code
 * base then upgrades it, as production will. The code base is written into a scratch folder
 * (the installer writes config.php), never into {@code target/moodle}; the scratch folder, the
 * dataroot and the database are removed in every case, the logs kept.
 */
public final class InstallTest {
  /** Options of one run. */
  public record Options(Path php, Duration stepLimit, String memoryLimit, Server server) {}

  /** An existing server, or null for a temporary cluster of the test's own. */
  public record Server(String host, int port, String user, String password, String serverId) {}

  /** One step, as the report gives it. */
  public record Step(String name, Duration took, String failure, Path log) {
    public boolean passed() {
      return failure == null;
    }
  }

  /** What the test found. {@code failure}: the message for the user, or null when it passed. */
  public record Outcome(List<Step> steps, String failure, Path logs) {
    public boolean passed() {
      return failure == null;
    }
  }

  /** The code base to install: its tree and where its objects are read. */
  public record Codebase(String label, AnyObjectId tree, ObjectSource objects) {}

  static final String ADMIN_PASSWORD = "Install-test-1!";
  static final String CHECK_SCRIPT = "moodle-cbm-plugins.php";
  static final String SCRATCH = "install-test-";

  private final Path work;
  private final Path logs;
  private final BuildLog log;
  private final Map<String, String> environment;

  /**
   * @param work where the scratch folder is made (removed at the end)
   * @param logs where the logs and the JUnit report go (kept)
   */
  public InstallTest(Path work, Path logs, BuildLog log, Map<String, String> environment) {
    this.work = work;
    this.logs = logs;
    this.log = log;
    this.environment = environment;
  }

  /**
   * Installs {@code target} (after {@code from}, when given, which it then upgrades) and checks
   * it. Never throws for what the installer does: its failures are in the outcome.
   */
  public Outcome run(Lock lock, Codebase target, Codebase from, Lock fromLock, Options options)
      throws CodebaseException, IOException {
    FileUtils.delete(logs.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    Files.createDirectories(logs);
    List<Step> steps = new ArrayList<>();
    String failure = null;
    Database db = database(options);
    Path scratch = null;
    try {
      sweep();
      scratch = Files.createTempDirectory(Files.createDirectories(work), SCRATCH);
      Owner.mark(scratch);
      Path code = scratch.resolve("code");
      Path data = Files.createDirectories(scratch.resolve("moodledata"));
      Database.Connection c = db.create("moodle_cbm_test_" + Long.toHexString(System.nanoTime()));
      Run run = new Run(code, data, c, options, steps);
      Codebase first = from != null ? from : target;
      Lock firstLock = from != null ? fromLock : lock;
      write(first, code, scratch);
      failure = run.install(firstLock, first.label());
      if (failure == null && from != null) {
        write(target, code, scratch);
        failure = run.step("upgrade from " + from.label(), lock, cli(lock, code, "upgrade.php"), List.of("--non-interactive"),
            null);
      }
      if (failure == null) {
        failure = run.checks(lock);
      }
    } finally {
      try {
        db.close();
      } catch (IOException e) {
        log.warn(e.getMessage());
      }
      if (scratch != null) {
        FileUtils.delete(scratch.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
      }
    }
    Outcome outcome = new Outcome(steps, failure, logs);
    JUnitReport.write(logs.resolve("TEST-moodle-install-test.xml"), outcome);
    return outcome;
  }

  /** Removes the scratch folders of install tests whose build was killed (their JVM is gone). */
  private void sweep() throws IOException {
    if (!Files.isDirectory(work)) {
      return;
    }
    try (java.nio.file.DirectoryStream<Path> folders = Files.newDirectoryStream(work, SCRATCH + "*")) {
      for (Path folder : folders) {
        if (!Owner.abandoned(folder)) {
          continue;
        }
        FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
        log.info(InstallTestMessages.removedAbandoned(folder));
      }
    }
  }

  private Database database(Options options) throws CodebaseException, IOException {
    if (options.server() != null) {
      Server s = options.server();
      return new ExistingServer(options.php(), logs, s.host(), s.port(), s.user(), s.password(), s.serverId());
    }
    Path bin = TemporaryCluster.binaries(environment)
        .orElseThrow(() -> new CodebaseException(InstallTestMessages.needsPostgresql()));
    log.info(InstallTestMessages.startingCluster(bin));
    return TemporaryCluster.start(options.php(), logs, bin, options.stepLimit());
  }

  private static void write(Codebase codebase, Path code, Path scratch) throws IOException {
    new WorkTreeWriter(codebase.objects()).keeping(Set.of("config.php", CHECK_SCRIPT))
        .write(codebase.tree(), code, scratch.resolve("code.index"));
  }

  private static Path codeRoot(Lock lock, Path code) {
    String root = lock.moodle().codeRoot();
    return root == null || root.isEmpty() ? code : code.resolve(root);
  }

  private static Path cli(Lock lock, Path code, String script) {
    return codeRoot(lock, code).resolve("admin/cli").resolve(script);
  }

  /** The steps of one install, sharing the code folder, the dataroot and the database. */
  private final class Run {
    final Path code;
    final Path data;
    final Database.Connection db;
    final Options options;
    final List<Step> steps;

    Run(Path code, Path data, Database.Connection db, Options options, List<Step> steps) {
      this.code = code;
      this.data = data;
      this.db = db;
      this.options = options;
      this.steps = steps;
    }

    String install(Lock lock, String label) throws IOException {
      List<String> args = new ArrayList<>(List.of("--non-interactive", "--agree-license", "--skip-database", "--lang=en",
          "--wwwroot=http://localhost/moodle-cbm-install-test", "--dataroot=" + data, "--dbtype=pgsql",
          "--dbhost=" + (db.socket() != null ? "localhost" : db.host()), "--dbname=" + db.name(), "--dbuser=" + db.user(),
          "--dbpass=" + (db.password() == null ? "" : db.password()), "--dbport=" + db.port(), "--prefix=mdl_",
          "--fullname=Install test", "--shortname=installtest", "--adminuser=admin", "--adminpass=" + ADMIN_PASSWORD,
          "--adminemail=admin@example.invalid"));
      if (db.socket() != null) {
        args.add("--dbsocket=" + db.socket());
      }
      String failure = step("install.php (" + label + ")", lock, cli(lock, code, "install.php"), args, null);
      if (failure != null) {
        return failure;
      }
      Path config = code.resolve("config.php");
      if (!Files.isRegularFile(config)) {
        return record("config.php", Duration.ZERO, InstallTestMessages.noConfigPhp(config), null);
      }
      offline(config);
      return step("install_database.php (" + label + ")", lock, cli(lock, code, "install_database.php"), List.of(
          "--agree-license", "--lang=en", "--fullname=Install test", "--shortname=installtest", "--adminuser=admin",
          "--adminpass=" + ADMIN_PASSWORD, "--adminemail=admin@example.invalid"), null);
    }

    /** Settings that make a build host without mail or internet behave. */
    private void offline(Path config) throws IOException {
      String php = Files.readString(config, StandardCharsets.UTF_8);
      String settings = "$CFG->noemailever = true;\n$CFG->curlsecurityblockedhosts = '';\n";
      int require = php.indexOf("require_once(");
      php = require < 0 ? php + "\n" + settings : php.substring(0, require) + settings + "\n" + php.substring(require);
      Files.writeString(config, php, StandardCharsets.UTF_8);
    }

    String checks(Lock lock) throws IOException {
      String failure = step("upgrade.php has nothing to do", lock, cli(lock, code, "upgrade.php"), List.of("--non-interactive"),
          output -> output.stream().anyMatch(l -> l.contains("No upgrade needed")) ? null
              : InstallTestMessages.upgradeHadWork(last(output)));
      if (failure != null) {
        return failure;
      }
      Files.writeString(code.resolve(CHECK_SCRIPT), PluginCheck.SCRIPT, StandardCharsets.UTF_8);
      return step("plugins installed and up to date", lock, code.resolve(CHECK_SCRIPT), List.of(),
          output -> PluginCheck.problems(output, lock));
    }

    /**
     * Runs one PHP script of the code base; a failure names the plugin at fault when the output
     * points into one. {@code check}: what the output must show, beyond a zero exit code.
     */
    String step(String name, Lock lock, Path script, List<String> args, java.util.function.Function<List<String>, String> check)
        throws IOException {
      List<String> argv = new ArrayList<>(List.of(options.php().toString(), "-d", "max_input_vars=5000", "-d",
          "memory_limit=" + options.memoryLimit(), "-d", "display_errors=stderr", "-d", "log_errors=0", script.toString()));
      argv.addAll(args);
      Path logFile = logs.resolve(fileName(name) + ".log");
      log.info(InstallTestMessages.step(name));
      Command.Result r = new Command(argv).in(script.getParent()).hiding(db.password()).hiding(ADMIN_PASSWORD).logTo(logFile)
          .run(options.stepLimit());
      String failure = null;
      Blame blame = new Blame(code.toString(), lock.moodle().codeRoot(), lock.plugins());
      // Paths in the scratch folder are said relative to it.
      String folder = code + "/";
      Optional<Blame.Culprit> culprit = blame.find(r.output())
          .map(c -> new Blame.Culprit(c.component(), c.file(), c.line().replace(folder, "")));
      if (r.timedOut()) {
        failure = InstallTestMessages.stepTimedOut(name, options.stepLimit(), culprit, last(r.output()).replace(folder, ""));
      } else if (r.exitCode() != 0) {
        failure = culprit.map(c -> InstallTestMessages.stepFailedIn(name, c))
            .orElse(InstallTestMessages.stepFailed(name, r.exitCode(), last(r.output()).replace(folder, "")));
      } else if (check != null) {
        failure = check.apply(r.output());
      }
      return record(name, r.took(), failure == null ? null : InstallTestMessages.withLog(failure, logFile), logFile);
    }

    private String record(String name, Duration took, String failure, Path logFile) {
      steps.add(new Step(name, took, failure, logFile));
      return failure;
    }
  }

  private static String fileName(String step) {
    return step.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-+$", "");
  }

  /** The last meaningful lines of an output, for a message. */
  static String last(List<String> output) {
    List<String> lines = output.stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? "(no output)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }
}
