package io.github.moodlecbm.core;

import static io.github.moodlecbm.core.SiteBuilds.plugin;
import static io.github.moodlecbm.core.SiteBuilds.site;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.image.ImageBuild;
import io.github.moodlecbm.core.image.ImageStage;
import io.github.moodlecbm.core.image.ImageTarget;
import io.github.moodlecbm.core.release.ReleaseRepository;
import io.github.moodlecbm.core.release.ReleaseTarget;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.release.Releaser;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.fixture.BaseImageTar;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ImageTar;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release as a container image, built with Jib on a base made here (a docker save archive with
 * a busybox), written as an OCI tar and read back: every file of the release in its component's
 * layer with its bytes and mode, no config.php, the labels; the same digest from another build; a
 * plugin update changes its layer alone.
 */
class SiteImageTest {
  @TempDir static Path world;
  @TempDir Path tmp;
  static Ecosystem eco;

  @BeforeAll
  static void createEcosystem() {
    eco = Ecosystem.create(world, 0);
  }

  @AfterAll
  static void close() {
    eco.close();
  }

  private final RecordingLog log = new RecordingLog();
  private Instant clock = Instant.parse("2026-12-01T10:00:00Z");

  private ReleaseTarget target() {
    return new ReleaseTarget(tmp.resolve("releases.git"), null, null, "main");
  }

  private static Site site(String xpTag) throws Exception {
    return SiteBuilds.site("4.5.2",
        plugin("block_xp", "FMCorz/moodle-block_xp", "tag", xpTag),
        plugin("mod_customcert", "mdjnelson/moodle-mod_customcert", "branch", "MOODLE_405_STABLE"),
        plugin("customcertelement_coursefield", "someone/moodle-customcertelement_coursefield", "tag", "1.2.0"));
  }

  private Released release(Site site, VerificationState verification) throws Exception {
    clock = clock.plusSeconds(60);
    return SiteBuilds.release(site, SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false).workTree(false),
        log, target(), new Releaser.Request("org.example", "campus", "1.0.0-SNAPSHOT", "@{version}", "main", Set.of(), clock, clock),
        verification);
  }

  private ImageBuild.Built image(String tag, String where, boolean allowUnverified) throws Exception {
    Path base = tmp.resolve("base.tar");
    if (!base.toFile().exists()) {
      BaseImageTar.withBusybox(base);
    }
    try (Workspace workspace = new Workspace(SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false), log);
        ReleaseRepository releases = ReleaseRepository.open(target().repository())) {
      Path out = tmp.resolve(where);
      return new ImageStage(workspace).image(releases, new ImageStage.Options("org.example:campus", tag, "main",
          "tar://" + base, "/var/www/moodle", new ImageTarget.Tar(out.resolve("image.tar"), "campus"), allowUnverified,
          out.resolve("files"), out.resolve("files.index"), out.resolve("layers")));
    }
  }

  /** Each file of a release's tree with its mode, by path. */
  private Map<String, FileMode> treeFiles(String tag) throws Exception {
    Map<String, FileMode> files = new LinkedHashMap<>();
    try (ReleaseRepository releases = ReleaseRepository.open(target().repository());
        ObjectReader reader = releases.repository().newObjectReader();
        TreeWalk walk = new TreeWalk(reader)) {
      RevCommit commit = releases.tagged(tag).orElseThrow();
      walk.addTree(commit.getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        files.put(walk.getPathString(), walk.getFileMode(0));
      }
    }
    return files;
  }

  private byte[] blob(String tag, String path) throws Exception {
    try (ReleaseRepository releases = ReleaseRepository.open(target().repository());
        ObjectReader reader = releases.repository().newObjectReader()) {
      RevCommit commit = releases.tagged(tag).orElseThrow();
      try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
        return reader.open(walk.getObjectId(0)).getBytes();
      }
    }
  }

  @Test
  void everyFileOfTheReleaseIsInItsComponentsLayerWithItsBytesAndMode() throws Exception {
    Released first = release(site("v19.1"), VerificationState.PASSED);
    ImageBuild.Built built = image(first.tag(), "one", false);
    ImageTar tar = ImageTar.read(tmp.resolve("one/image.tar"));
    assertEquals(built.digest(), tar.manifestDigest());

    List<ImageTar.Layer> layers = tar.layers();
    // the base's layer, Moodle, then each plugin by component
    assertEquals(1 + 4, layers.size(), layers.toString());
    List<String> order = List.of("moodle", "block_xp", "customcertelement_coursefield", "mod_customcert");
    assertEquals(order, new ArrayList<>(built.layers().keySet()));
    Map<String, FileMode> files = treeFiles(first.tag());
    int seen = 0;
    for (Map.Entry<String, FileMode> f : files.entrySet()) {
      String path = f.getKey();
      String layer = path.startsWith("mod/customcert/element/coursefield/") ? "customcertelement_coursefield"
          : path.startsWith("mod/customcert/") ? "mod_customcert" : path.startsWith("blocks/xp/") ? "block_xp" : "moodle";
      ImageTar.Entry e = layers.get(1 + order.indexOf(layer)).entries().get("var/www/moodle/" + path);
      assertNotNull(e, path + " in layer " + layer);
      assertArrayEquals(blob(first.tag(), path), e.content(), path);
      assertEquals(f.getValue() == FileMode.EXECUTABLE_FILE ? 0755 : 0644, e.mode(), path);
      assertEquals(0, e.uid(), path);
      assertEquals(0, e.gid(), path);
      seen++;
    }
    assertTrue(seen > 40, "the release's files: " + seen);
    assertTrue(files.containsKey("admin/cli/install.php") && files.get("admin/cli/install.php") == FileMode.EXECUTABLE_FILE);
    int imageFiles = 0;
    for (int i = 1; i < layers.size(); i++) {
      imageFiles += (int) layers.get(i).entries().values().stream().filter(e -> !e.directory()).count();
    }
    assertEquals(files.size(), imageFiles, "nothing else in the application layers");
    assertFalse(tar.files().keySet().stream().anyMatch(p -> p.endsWith("/config.php")), "no config.php, ever");
    assertTrue(tar.files().containsKey("bin/busybox"), "the base's layer");

    Map<String, String> labels = tar.labels();
    assertEquals(first.tag(), labels.get(ImageBuild.VERSION));
    assertEquals(first.manifest().lockSha256(), labels.get(ImageBuild.REVISION));
    assertEquals("org.example:campus", labels.get(ImageBuild.SOURCE));
    assertEquals("/var/www/moodle", tar.workingDir().orElseThrow());
    assertEquals("/var/www/moodle", tar.env().get("MOODLE_DOCROOT"));
    assertEquals(List.of(first.tag(), "latest"), built.tags());

    try (ReleaseRepository releases = ReleaseRepository.open(target().repository())) {
      assertEquals(built.digest(), ImageStage.recorded(releases, releases.tagged(first.tag()).orElseThrow()).orElseThrow().digest(),
          "the digest kept with the release");
    }
    // the site report shows it with the release
    try (Workspace workspace = new Workspace(SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false), log)) {
      io.github.moodlecbm.core.report.SiteReport report = io.github.moodlecbm.core.report.SiteReport.of("org.example:campus", null,
          target().repository(), "main", workspace.mirrors(), tmp.resolve("project/target"));
      assertEquals(built.digest(), report.current().image().digest());
      assertEquals(built.reference(), report.current().image().reference());
    }
  }

  @Test
  void theSameReleaseGivesTheSameDigestAndAPluginUpdateChangesItsLayerAlone() throws Exception {
    Released first = release(site("v19.1"), VerificationState.PASSED);
    ImageBuild.Built one = image(first.tag(), "one", false);
    ImageBuild.Built again = image(first.tag(), "again", false);
    assertEquals(one.digest(), again.digest(), "another folder, another layer cache: the same image");

    Released second = release(site("v19.2"), VerificationState.PASSED);
    ImageBuild.Built moved = image(second.tag(), "moved", false);
    assertNotEquals(one.digest(), moved.digest());
    List<ImageTar.Layer> before = ImageTar.read(tmp.resolve("one/image.tar")).layers();
    List<ImageTar.Layer> after = ImageTar.read(tmp.resolve("moved/image.tar")).layers();
    assertEquals(before.size(), after.size());
    List<String> changed = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of("base"));
    names.addAll(moved.layers().keySet());
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).digest().equals(after.get(i).digest())) {
        changed.add(names.get(i));
      }
    }
    assertEquals(List.of("block_xp"), changed, "only the plugin that moved");
  }

  @Test
  void aConfigPhpInTheCodeBaseIsRefused() throws Exception {
    Released first = release(site("v19.1"), VerificationState.PASSED);
    List<io.github.moodlecbm.core.image.ImageLayers.Layer> layers = List.of(new io.github.moodlecbm.core.image.ImageLayers.Layer(
        "overlay", List.of(new io.github.moodlecbm.core.image.ImageLayers.File("config.php", false, false))));
    ImageBuild.Request request = new ImageBuild.Request("org.example:campus", first.tag(), first.manifest(), layers, tmp, null,
        "/var/www/moodle", new ImageTarget.Tar(tmp.resolve("x.tar"), "campus"), false, true, false, tmp,
        io.github.moodlecbm.core.config.Servers.none());
    CodebaseException e = assertThrows(CodebaseException.class, () -> ImageBuild.check(request));
    assertTrue(e.getMessage().startsWith("Release " + first.tag() + " has a config.php in its code base (config.php, from"
        + " overlay): an image never carries one"), e.getMessage());
  }

  @Test
  void aBaseImageThatCannotBeHadSaysHowToGiveOne() throws Exception {
    Released first = release(site("v19.1"), VerificationState.PASSED);
    try (Workspace workspace = new Workspace(SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false)
            .offline(true), log);
        ReleaseRepository releases = ReleaseRepository.open(target().repository())) {
      for (String from : List.of("tar://" + tmp.resolve("missing.tar"), "registry.example.invalid/php/moodle:8.3")) {
        CodebaseException e = assertThrows(CodebaseException.class, () -> new ImageStage(workspace).image(releases,
            new ImageStage.Options("org.example:campus", first.tag(), "main", from, "/var/www/moodle",
                new ImageTarget.Tar(tmp.resolve("out/image.tar"), "campus"), false, tmp.resolve("out/files"),
                tmp.resolve("out/files.index"), tmp.resolve("out/layers"))));
        assertTrue(e.getMessage().contains("-Dmoodle.image.from=tar:///path/base.tar"), e.getMessage());
        assertTrue(e.getMessage().contains("docker save"), e.getMessage());
      }
    }
  }

  @Test
  void aRegistryThatRefusesThePushIsNamedWithTheServerIdNeverThePassword() throws Exception {
    Released first = release(site("v19.1"), VerificationState.PASSED);
    Path base = tmp.resolve("base.tar");
    BaseImageTar.withBusybox(base);
    // a registry that lets nobody in: HTTPS with a certificate of its own (allowed as insecure), 401 to every request
    Path keystore = tmp.resolve("registry.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
        "-alias", "registry", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1", "-validity", "2",
        "-ext", "SAN=ip:127.0.0.1", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
        "-keypass", "changeit").redirectErrorStream(true).start();
    assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(keystore)) {
      ks.load(in, "changeit".toCharArray());
    }
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    com.sun.net.httpserver.HttpsServer registry = com.sun.net.httpserver.HttpsServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    registry.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
    List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    registry.createContext("/", exchange -> {
      asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
          + (exchange.getRequestHeaders().containsKey("Authorization") ? " (with credentials)" : ""));
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"registry\"");
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    registry.start();
    String host = "127.0.0.1:" + registry.getAddress().getPort();
    try (Workspace workspace = new Workspace(SiteBuilds.settings(eco, tmp.resolve("project"), tmp.resolve("cache"), false)
            .withServers(new io.github.moodlecbm.core.config.Servers(List.of(
                new io.github.moodlecbm.core.config.ServerCredentials("127.0.0.1:" + registry.getAddress().getPort(), "ci",
                    "s3cret-Pa55")))), log);
        ReleaseRepository releases = ReleaseRepository.open(target().repository())) {
      CodebaseException e = assertThrows(CodebaseException.class, () -> new ImageStage(workspace).image(releases,
          new ImageStage.Options("org.example:campus", first.tag(), "main", "tar://" + base, "/var/www/moodle",
              new ImageTarget.Registry(host + "/moodle/campus", null), false, tmp.resolve("out/files"),
              tmp.resolve("out/files.index"), tmp.resolve("out/layers"), true)));
      assertTrue(e.getMessage().startsWith("The registry " + host + " refused to let this build push " + host + "/moodle/campus"),
          e.getMessage());
      assertTrue(e.getMessage().contains("<id>" + host + "</id>"), e.getMessage());
      assertFalse(e.getMessage().contains("s3cret"), "no password, ever");
      assertTrue(asked.stream().anyMatch(a -> a.endsWith("(with credentials)")), "the settings.xml server's credentials were"
          + " tried: " + asked);
    } finally {
      registry.stop(0);
    }
  }

  @Test
  void anUnverifiedReleaseIsRefusedUnlessAllowed() throws Exception {
    Released skipped = release(site("v19.1"), VerificationState.SKIPPED);
    CodebaseException e = assertThrows(CodebaseException.class, () -> image(skipped.tag(), "refused", false));
    assertTrue(e.getMessage().startsWith("Release " + skipped.tag() + " was made without verification (-Dmoodle.verify.skip)"),
        e.getMessage());
    assertFalse(tmp.resolve("refused/files").toFile().exists(), "refused before anything is written");
    assertNotNull(image(skipped.tag(), "allowed", true).digest());
  }
}
