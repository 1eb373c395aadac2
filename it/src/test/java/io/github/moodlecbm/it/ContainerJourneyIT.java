package io.github.moodlecbm.it;

import static io.github.moodlecbm.it.SiteProject.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.BaseImageTar;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ImageTar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's release becomes a container image, built without a Docker daemon on a base image made
 * here (a docker save archive holding Debian's static busybox): {@code mvn package -Dmoodle.image}
 * writes the OCI tar and, beside it, the environment's config.php to mount; a plugin update changes
 * that plugin's layer alone; the image of the same release is the same image. Where podman runs,
 * the image is loaded and its busybox prints the release's version.php from the code directory.
 */
class ContainerJourneyIT {
  @TempDir Path tmp;

  private static final Pattern BUILT = Pattern.compile("Image (\\S+) built: (sha256:[0-9a-f]{64}), (\\d+) layers");

  private static String digest(SiteProject.Run run) {
    Matcher m = BUILT.matcher(run.log());
    assertTrue(m.find(), run.log());
    return m.group(2);
  }

  @Test
  void packageMakesTheImageAPluginUpdateChangesItsLayerAloneAndItRuns() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      Path base = tmp.resolve("base.tar");
      BaseImageTar.withBusybox(base);
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"),
          "-Dmoodle.image.from=tar://" + base};
      SiteProject site = SiteProject.create(tmp.resolve("site"), "campus", "4.5",
          SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", "v19.1", null) + "\n"
              + SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null));
      Path env = site.dir.resolve("src/main/environments/container");
      Files.createDirectories(env);
      Files.writeString(env.resolve("environment.properties"), "moodle.env.dir=/var/www\nwwwroot=https://campus.example.org\n");
      Files.writeString(env.resolve("config.php.template"), "<?php\n$CFG = new stdClass();\n$CFG->wwwroot = '${wwwroot}';\n");

      SiteProject.Run first = site.build(args(common, "package", "-Dmoodle.image", "-Dmoodle.env=container"));
      String one = digest(first);
      assertTrue(first.says("3 layers (moodle "), first.log());
      Path tar = site.dir.resolve("target/moodle-image/campus.tar");
      assertTrue(first.says("Load it with docker load -i " + tar), first.log());
      Path config = site.dir.resolve("target/moodle-image/config.php");
      assertEquals("<?php\n$CFG = new stdClass();\n$CFG->wwwroot = 'https://campus.example.org';\n", Files.readString(config));
      assertTrue(first.says("Mount it read-only: -v " + config + ":/var/www/moodle/config.php:ro"), first.log());
      ImageTar image = ImageTar.read(tar);
      assertEquals(one, image.manifestDigest());
      assertFalse(image.files().keySet().stream().anyMatch(p -> p.endsWith("config.php")), "never in the image");
      String versionPhp = Files.readString(site.dir.resolve("target/moodle/version.php"));
      assertEquals(versionPhp, new String(image.files().get("var/www/moodle/version.php").content(), StandardCharsets.UTF_8));
      List<String> before = digests(image);
      String firstTag = image.labels().get("org.opencontainers.image.version");

      // block_xp moves: its layer alone changes
      Files.writeString(site.pom(), Files.readString(site.pom()).replace("<tag>v19.1</tag>", "<tag>v19.2</tag>"));
      SiteProject.Run second = site.build(args(common, "package", "-Dmoodle.image"));
      assertNotEquals(one, digest(second));
      List<String> after = digests(ImageTar.read(tar));
      List<Integer> changed = new ArrayList<>();
      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).equals(after.get(i))) {
          changed.add(i);
        }
      }
      assertEquals(List.of(2), changed, "base, moodle, block_xp, mod_attendance: block_xp's alone (layers " + before + " / "
          + after + ")");

      // the image of the first release, built again: the same image
      SiteProject.Run again = site.build(args(common, "moodle:image", "-Dmoodle.release=" + firstTag,
          "-Dmoodle.image.tar=" + tmp.resolve("again.tar")));
      assertEquals(one, digest(again));

      runWithPodman(tar, ImageTar.read(tar).labels().get("org.opencontainers.image.version"),
          Files.readString(site.dir.resolve("target/moodle/version.php")));
    }
  }

  private static List<String> digests(ImageTar image) {
    return image.layers().stream().map(ImageTar.Layer::digest).toList();
  }

  /** Loads the image into podman and has its busybox print version.php; skipped, saying why, where podman cannot run it. */
  private void runWithPodman(Path tar, String tag, String expected) throws Exception {
    Assumptions.assumeTrue(BaseImageTar.busybox().isPresent(), "no busybox binary here (Debian's busybox-static): the image"
        + " cannot be run");
    Run load = run(List.of("podman", "load", "-i", tar.toString()), null);
    Assumptions.assumeTrue(load.exit() == 0, "podman is not installed or cannot load images here: " + load.output());
    String image = "localhost/campus:" + tag;
    List<String> command = List.of("/bin/busybox", "cat", "/var/www/moodle/version.php");
    List<String> plain = new ArrayList<>(List.of("podman", "run", "--rm", image));
    plain.addAll(command);
    Run run = run(plain, null);
    if (run.exit() != 0) {
      // in a container without its own cgroups (CI runners): runc, cgroupfs and the host's limits
      Path conf = tmp.resolve("containers.conf");
      Files.writeString(conf, "[containers]\ndefault_ulimits = []\n[engine]\ncgroup_manager = \"cgroupfs\"\n");
      List<String> runc = new ArrayList<>(List.of("podman", "--runtime", "runc", "run", "--rm", image));
      runc.addAll(command);
      run = run(runc, conf);
    }
    Assumptions.assumeTrue(run.exit() == 0, "podman cannot run containers here: " + run.output());
    assertEquals(expected, run.output());
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> command, Path containersConf) throws IOException, InterruptedException {
    Path errors = Files.createTempFile("podman", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
    if (containersConf != null) {
      builder.environment().put("CONTAINERS_CONF", containersConf.toString());
    }
    Process p;
    try {
      p = builder.start();
    } catch (IOException e) {
      return new Run(-1, e.getMessage());
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      return new Run(-1, "timed out");
    }
    String said = Files.readString(errors);
    Files.delete(errors);
    // what it printed; its complaints too when it failed
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8) + (p.exitValue() == 0 ? "" : said));
  }
}
