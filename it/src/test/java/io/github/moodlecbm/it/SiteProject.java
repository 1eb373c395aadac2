package io.github.moodlecbm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationOutputHandler;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;

/**
 * A site project driven by real {@code mvn} runs, as an administrator would run them, against the
 * repository of plugins that the invoker plugin installed for the integration tests.
 */
final class SiteProject {
  /** What one mvn run printed and how it ended; {@code lines} as they arrived. */
  record Run(int exitCode, String log, List<Line> lines) {
    boolean says(String text) {
      return log.contains(text);
    }
  }

  /** One line of a build's output and when the test read it ({@link System#nanoTime()}). */
  record Line(long nanos, String text) {}

  static final String VERSION = System.getProperty("it.projectVersion", "0.1.0-SNAPSHOT");

  final Path dir;
  private final File mavenHome;
  private final java.util.Map<String, String> environment = new java.util.HashMap<>();
  private Consumer<String> onEachLine = line -> {};

  SiteProject(Path dir, File mavenHome) {
    this.dir = dir;
    this.mavenHome = mavenHome;
  }

  private String servers = "";

  /** settings.xml {@code <server>} elements for every later mvn run of this site. */
  SiteProject withServers(String serversXml) {
    servers = serversXml;
    return this;
  }

  /** The login to a git host for every later mvn run: a settings.xml server named after its host and port. */
  SiteProject withLogin(io.github.moodlecbm.fixture.HttpGitServer host, String user, String password) {
    return withServers("<server><id>" + host.hostAndPort() + "</id><username>" + user + "</username><password>" + password
        + "</password></server>");
  }

  /** An environment variable for every later mvn run of this site. */
  SiteProject withEnvironment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Called with each line of every later mvn run of this site, as the line arrives. */
  SiteProject onEachLine(Consumer<String> listener) {
    onEachLine = listener;
    return this;
  }

  static File defaultMavenHome() {
    return new File(System.getProperty("maven.home"));
  }

  /** Generates a site with the archetype, in batch mode, as the README says. */
  static SiteProject generate(Path parent, String artifactId, String moodleVersion) throws Exception {
    return archetype(defaultMavenHome(), parent, "moodle-site-archetype", artifactId, java.util.Map.of(), "", line -> {},
        "-DmoodleVersion=" + moodleVersion);
  }

  /** Runs an archetype of this project in {@code parent}, in batch mode; the project it makes. */
  private static SiteProject archetype(File mavenHome, Path parent, String archetype, String artifactId,
      java.util.Map<String, String> environment, String servers, Consumer<String> onEachLine, String... more) throws Exception {
    Files.createDirectories(parent);
    List<String> args = new ArrayList<>(List.of(
        "org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate",
        "-DarchetypeGroupId=io.github.moodlecbm",
        "-DarchetypeArtifactId=" + archetype,
        "-DarchetypeVersion=" + VERSION,
        "-DgroupId=org.example",
        "-DartifactId=" + artifactId,
        "-Dversion=1.0-SNAPSHOT"));
    args.addAll(Arrays.asList(more));
    Run run = mvn(mavenHome, parent, args, environment, servers, onEachLine);
    assertEquals(0, run.exitCode(), run.log());
    return new SiteProject(parent.resolve(artifactId), mavenHome);
  }

  /** Writes a site pom by hand (no archetype), in the shape the archetype gives. */
  static SiteProject create(Path dir, String artifactId, String moodleVersion, String pluginsXml) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
        + "  <modelVersion>4.0.0</modelVersion>\n"
        + "  <groupId>org.example</groupId>\n  <artifactId>" + artifactId + "</artifactId>\n"
        + "  <version>1.0-SNAPSHOT</version>\n  <packaging>moodle-codebase</packaging>\n"
        + "  <build>\n    <plugins>\n      <plugin>\n"
        + "        <groupId>io.github.moodlecbm</groupId>\n        <artifactId>moodle-maven-plugin</artifactId>\n"
        + "        <version>" + VERSION + "</version>\n        <extensions>true</extensions>\n"
        + "        <configuration>\n          <moodle><version>" + moodleVersion + "</version></moodle>\n"
        + "          <plugins>\n" + pluginsXml + "\n          </plugins>\n"
        + "        </configuration>\n      </plugin>\n    </plugins>\n  </build>\n</project>\n");
    return new SiteProject(dir, defaultMavenHome());
  }

  SiteProject withMaven(File home) {
    return new SiteProject(dir, home);
  }

  Run mvn(String... args) throws Exception {
    return mvn(mavenHome, dir, Arrays.asList(args), environment, servers, onEachLine);
  }

  /** Runs mvn and expects it to succeed. */
  Run build(String... args) throws Exception {
    Run run = mvn(args);
    assertEquals(0, run.exitCode(), () -> "mvn " + String.join(" ", args) + " failed:\n" + run.log());
    return run;
  }

  Path pom() {
    return dir.resolve("pom.xml");
  }

  String lock() throws IOException {
    return Files.readString(dir.resolve("moodle.lock"));
  }

  /** Replaces the commented examples of the generated pom with real plugin declarations. */
  void declarePlugins(String pluginsXml) throws IOException {
    String pom = Files.readString(pom());
    int start = pom.indexOf("<plugins>", pom.indexOf("<configuration>"));
    int end = pom.indexOf("</plugins>", start);
    Files.writeString(pom(), pom.substring(0, start) + "<plugins>\n" + pluginsXml + "\n          " + pom.substring(end));
  }

  /** A command line: the goals and options given, then those every build of a journey shares. */
  static String[] args(String[] common, String... more) {
    String[] all = new String[more.length + common.length];
    System.arraycopy(more, 0, all, 0, more.length);
    System.arraycopy(common, 0, all, more.length, common.length);
    return all;
  }

  static String plugin(String component, String repo, String pinKind, String pin, String path) {
    return "            <plugin>\n"
        + "              <component>" + component + "</component>\n"
        + "              <source>https://github.com/" + repo + ".git</source>\n"
        + "              <" + pinKind + ">" + pin + "</" + pinKind + ">\n"
        + (path == null ? "" : "              <path>" + path + "</path>\n")
        + "            </plugin>";
  }

  /**
   * Starts mvn as a plain process whose output is read line by line, for a test that kills it
   * half-way; stderr goes to stdout.
   */
  Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(new File(mavenHome, "bin/mvn").getPath(), "-B", "-ntp",
        "-s", settings(servers).toString(), "-Dmaven.repo.local=" + System.getProperty("it.localRepository")));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("XDG_DATA_HOME", dataHome(dir).toString());
    builder.environment().putAll(environment);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder.start();
  }

  /** Runs mvn in a folder with Maven's own options (such as --encrypt-password) as goals. */
  static Run mvnIn(Path dir, String... args) throws Exception {
    return mvn(defaultMavenHome(), dir, Arrays.asList(args), java.util.Map.of(), "", line -> {});
  }

  private static Run mvn(File mavenHome, Path dir, List<String> args, java.util.Map<String, String> environment,
      String servers, Consumer<String> onEachLine) throws MavenInvocationException, IOException {
    InvocationRequest request = new DefaultInvocationRequest();
    request.setBaseDirectory(dir.toFile());
    request.setBatchMode(true);
    request.addShellEnvironment("XDG_DATA_HOME", dataHome(dir).toString());
    environment.forEach(request::addShellEnvironment);
    List<String> goals = new ArrayList<>();
    Properties properties = new Properties();
    for (String a : args) {
      if (a.startsWith("-D")) {
        int eq = a.indexOf('=');
        properties.setProperty(a.substring(2, eq < 0 ? a.length() : eq), eq < 0 ? "true" : a.substring(eq + 1));
      } else {
        goals.add(a);
      }
    }
    request.setGoals(goals);
    request.setProperties(properties);
    request.setUserSettingsFile(settings(servers).toFile());
    request.setLocalRepositoryDirectory(new File(System.getProperty("it.localRepository")));
    request.setJavaHome(new File(System.getProperty("java.home")));
    request.setShowErrors(false);
    request.setShowVersion(true);
    // Never the project's own wrapper: the test says which Maven runs.
    request.setMavenHome(mavenHome);
    request.setMavenExecutable(new File(mavenHome, "bin/mvn"));
    request.setNoTransferProgress(true);
    // stdout and stderr arrive on two threads
    List<Line> lines = Collections.synchronizedList(new ArrayList<>());
    InvocationOutputHandler handler = line -> {
      lines.add(new Line(System.nanoTime(), line));
      onEachLine.accept(line);
    };
    request.setOutputHandler(handler);
    request.setErrorHandler(handler);
    DefaultInvoker invoker = new DefaultInvoker();
    invoker.setMavenHome(mavenHome);
    InvocationResult result = invoker.execute(request);
    List<Line> all;
    synchronized (lines) {
      all = List.copyOf(lines);
    }
    StringBuilder log = new StringBuilder();
    all.forEach(l -> log.append(l.text()).append('\n'));
    return new Run(result.getExitCode(), log.toString(), all);
  }

  /**
   * Where a site's default release repository goes: beside the site, never in the user's own data
   * (a test may set XDG_DATA_HOME itself).
   */
  static Path dataHome(Path siteDir) {
    return siteDir.toAbsolutePath().resolveSibling(siteDir.getFileName() + ".data");
  }

  /** Settings that take Maven's own plugins from the user's local repository first, with servers. */
  private static synchronized Path settings(String servers) throws IOException {
    Path file = Path.of(System.getProperty("it.localRepository"))
        .resolveSibling("it-settings-" + Integer.toHexString(servers.hashCode()) + ".xml");
    if (!Files.exists(file)) {
      String url = Path.of(System.getProperty("it.userLocalRepository")).toUri().toString();
      Files.writeString(file, "<settings><servers>" + servers + "</servers><profiles><profile><id>it-repo</id>"
          + "<activation><activeByDefault>true</activeByDefault></activation>"
          // builds under test never reach OSV's API: a journey that checks advisories names its own source
          + "<properties><moodle.advisories>none</moodle.advisories></properties>"
          + "<repositories><repository><id>local.central</id><url>" + url + "</url></repository></repositories>"
          + "<pluginRepositories><pluginRepository><id>local.central</id><url>" + url + "</url></pluginRepository></pluginRepositories>"
          + "</profile></profiles></settings>\n");
    }
    return file;
  }

  /** Starts a fleet with the fleet archetype, in batch mode, as the fleet's README says. */
  static SiteProject generateFleet(Path parent, String artifactId, String moodleVersion) throws Exception {
    return archetype(defaultMavenHome(), parent, "moodle-fleet-archetype", artifactId, java.util.Map.of(), "", line -> {},
        "-DmoodleVersion=" + moodleVersion);
  }

  /**
   * Adds a site to this fleet as the fleet's README says: the site archetype, in fleet mode, run in
   * the fleet's sites folder. The site is {@code sites/<name>}.
   */
  SiteProject addSite(String name) throws Exception {
    return archetype(mavenHome, dir.resolve("sites"), "moodle-site-archetype", name, environment, servers, onEachLine,
        "-Dfleet=true");
  }

  /** Replaces the commented examples of a generated fleet's catalog with real entries. */
  void declareCatalog(String pluginsXml) throws IOException {
    String pom = Files.readString(pom());
    int start = pom.indexOf("<catalog>");
    int end = pom.indexOf("</catalog>", start);
    Files.writeString(pom(), pom.substring(0, start) + "<catalog>\n" + pluginsXml + "\n            " + pom.substring(end));
  }
}
