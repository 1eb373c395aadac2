package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.process.Command;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.util.FileUtils;

/**
 * A PostgreSQL cluster of the install test's own: made by {@code initdb} in a temporary folder,
 * started by {@code pg_ctl} on a Unix socket only (no TCP port), with durability switched off,
 * stopped and deleted at the end. PostgreSQL refuses to run as root: run as root, the cluster
 * runs as the user {@code nobody} (through {@code runuser}).
 */
final class TemporaryCluster extends Database {
  static final String ROLE = "moodle";
  static final int PORT = 5432;

  static final String PREFIX = "moodle-cbm-pg-";

  private final Path bin;
  private final Path root;
  private final boolean asNobody;
  private boolean started;

  private TemporaryCluster(Path php, Path logs, Path bin, Path root, boolean asNobody) {
    super(php, logs);
    this.bin = bin;
    this.root = root;
    this.asNobody = asNobody;
  }

  /** The folder of {@code initdb} and {@code pg_ctl}: on the PATH, else Debian's newest. */
  static Optional<Path> binaries(Map<String, String> env) {
    for (String dir : env.getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb")) && Files.isExecutable(Path.of(dir, "pg_ctl"))) {
        return Optional.of(Path.of(dir));
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return Optional.empty();
    }
    List<Path> versions = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(debian)) {
      children.forEach(v -> {
        if (Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl"))) {
          versions.add(v.resolve("bin"));
        }
      });
    } catch (IOException e) {
      return Optional.empty();
    }
    return versions.stream().max(Comparator.comparing(p -> version(p.getParent().getFileName().toString())));
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name.replaceAll("\\D.*", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Makes and starts a cluster; a failure removes what was made and says how to go on. */
  static TemporaryCluster start(Path php, Path logs, Path bin, Duration limit) throws CodebaseException, IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
      throw new CodebaseException(InstallTestMessages.rootWithoutRunuser());
    }
    sweep();
    // Under /tmp: the socket's path must be short, and the user nobody must reach the folder.
    Path folder = Files.createTempDirectory(PREFIX);
    Owner.mark(folder);
    TemporaryCluster cluster = new TemporaryCluster(php, logs, bin, folder, root);
    try {
      if (root) {
        UserPrincipal nobody = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(folder, nobody);
      }
      cluster.run(limit, "initdb", bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(), "-U", ROLE,
          "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
      cluster.run(limit, "pg_ctl start", bin.resolve("pg_ctl").toString(), "-D", folder.resolve("data").toString(),
          "-l", folder.resolve("server.log").toString(), "-w", "-t", Long.toString(limit.toSeconds()), "-o",
          "-k " + folder + " -c listen_addresses= -p " + PORT + " -F -c full_page_writes=off -c synchronous_commit=off",
          "start");
      cluster.started = true;
      return cluster;
    } catch (CodebaseException | IOException | RuntimeException e) {
      cluster.stop();
      throw e;
    }
  }

  private void run(Duration limit, String what, String... argv) throws CodebaseException, IOException {
    List<String> command = new ArrayList<>();
    if (asNobody) {
      command.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    command.addAll(List.of(argv));
    Command.Result r = new Command(command).in(root).logTo(logs.resolve("postgresql.log")).run(limit);
    if (!r.ok()) {
      String serverLog = Files.isReadable(root.resolve("server.log")) ? Files.readString(root.resolve("server.log")).strip() : "";
      String output = (r.text().strip() + (serverLog.isEmpty() ? "" : "\n" + serverLog)).strip();
      throw new CodebaseException(InstallTestMessages.clusterFailed(what, r.timedOut(), output));
    }
  }

  @Override
  Connection server() {
    return new Connection(null, PORT, root.toString(), null, ROLE, "");
  }

  @Override
  String describe() {
    return InstallTestMessages.ownCluster(root);
  }

  @Override
  String advice() {
    return InstallTestMessages.ownClusterAdvice(logs.resolve("postgresql.log"));
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      stop();
    }
  }

  private void stop() throws IOException {
    try {
      if (started) {
        started = false;
        try {
          run(Duration.ofMinutes(1), "pg_ctl stop", bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(),
              "-m", "immediate", "-w", "stop");
        } catch (CodebaseException e) {
          // the folder goes below in any case; the server's processes with it
        }
      }
    } finally {
      killLeftOver();
      FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
    }
  }

  /**
   * Removes the clusters of builds that were killed (their JVM is gone): their server is killed
   * and their folder deleted, so that a build killed with SIGKILL leaves nothing for long.
   */
  static void sweep() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> clusters = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path folder : clusters) {
        if (!Owner.abandoned(folder)) {
          continue; // a live build's, or being made right now
        }
        killLeftOver(folder);
        FileUtils.delete(folder.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
      }
    } catch (IOException e) {
      // nothing to sweep
    }
  }

  /** A server that did not stop is killed, with its children: nothing of the cluster outlives the goal. */
  private void killLeftOver() {
    killLeftOver(root);
  }

  private static void killLeftOver(Path root) {
    Path pidFile = root.resolve("data/postmaster.pid");
    try {
      if (Files.isReadable(pidFile)) {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle.of(pid).ifPresent(p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        });
      }
    } catch (IOException | RuntimeException e) {
      // no pid to read: no server was left
    }
  }
}
