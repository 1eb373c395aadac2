package io.github.moodlecbm.it;

import static io.github.moodlecbm.it.SiteProject.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.ExpectedCodebase;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Releases as an administrator lives them: {@code mvn package} records a release, {@code mvn
 * deploy} publishes it to the release remote that servers pull from, other machines continue
 * the same history, and any earlier release comes back with {@code moodle:checkout}.
 */
class ReleaseJourneyIT {
  private static final Pattern RELEASE = Pattern.compile("Release (1\\.0-\\d{8}\\.\\d{6}(?:-\\d+)?) \\(commit");

  @TempDir Path tmp;

  private static String plugins(String xpTag, boolean hvp) {
    return SiteProject.plugin("block_xp", "FMCorz/moodle-block_xp", "tag", xpTag, null) + "\n"
        + SiteProject.plugin("mod_attendance", "danmarsden/moodle-mod_attendance", "branch", "MOODLE_405_STABLE", null)
        + (hvp ? "\n" + SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null) : "");
  }

  static String released(SiteProject.Run run) {
    Matcher m = RELEASE.matcher(run.log());
    assertTrue(m.find(), run.log());
    return m.group(1);
  }

  @Test
  void packageReleasesDeployPublishesAFreshMachineContinuesAndCheckoutRestores() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0)) {
      Path remote = tmp.resolve("remote.git");
      GitFixture.init(remote).close();
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"),
          "-Dmoodle.releaseRemote=file://" + remote};
      SiteProject site = SiteProject.create(tmp.resolve("site"), "releasesite", "4.5", plugins("v19.1", false));
      Path releases = SiteProject.dataHome(site.dir).resolve("moodle-cbm/releases/org.example/releasesite.git");

      // Two packages in a row: one release.
      String first = released(site.build(args(common, "package")));
      ExpectedCodebase firstTree = ExpectedCodebase.commit(releases, tagged(releases, first));
      firstTree.assertMatches(site.dir.resolve("target/moodle"));
      SiteProject.Run again = site.build(args(common, "package"));
      assertTrue(again.says("Code base unchanged since " + first + ": no new release."), again.log());
      assertEquals(1, history(releases, "main").size());
      assertTrue(Files.readString(site.dir.resolve("target/moodle-release.json")).contains("\"tag\": \"" + first + "\""));

      // A pin moves: a second release whose changelog is exactly that change.
      Files.writeString(site.pom(), Files.readString(site.pom()).replace("<tag>v19.1</tag>", "<tag>v19.2</tag>"));
      String second = released(site.build(args(common, "package")));
      List<RevCommit> local = history(releases, "main");
      assertEquals(2, local.size());
      assertEquals("Moodle 4.5.2 (Build: 20241007), 2 plugins: 1 updated\n\n~ block_xp v19.1 -> v19.2\n\n",
          local.get(0).getFullMessage().substring(0, local.get(0).getFullMessage().indexOf("\nSite: ") + 1));
      assertTrue(local.get(0).getFullMessage().endsWith("\nSite: org.example:releasesite:1.0-SNAPSHOT\nLock-SHA256: "
          + sha256(site.lock()) + "\nVerification: passed\n"), local.get(0).getFullMessage());

      // install: the manifest, and with -Dmoodle.attachZip the code base as a zip, in the Maven repository.
      site.build(args(common, "install", "-Dmoodle.attachZip"));
      Path installed = Path.of(System.getProperty("it.localRepository"), "org/example/releasesite/1.0-SNAPSHOT");
      assertTrue(Files.readString(installed.resolve("releasesite-1.0-SNAPSHOT.json")).contains("\"tag\": \"" + second + "\""));
      try (var zip = new java.util.zip.ZipFile(installed.resolve("releasesite-1.0-SNAPSHOT.zip").toFile())) {
        assertTrue(zip.getEntry("blocks/xp/version.php") != null && zip.getEntry("config.php") == null);
      }

      // deploy publishes branch and tags; without <distributionManagement> Maven's deploy is skipped.
      SiteProject.Run deploy = site.build(args(common, "deploy"));
      assertTrue(deploy.says("Published " + first + ", " + second + " to file://" + remote + " (branch main)."), deploy.log());
      assertTrue(deploy.says("No <distributionManagement> in pom.xml"), deploy.log());
      assertEquals(local.get(0).getId(), tagged(remote, second));
      Path clone = gitClone(remote, second, tmp.resolve("clone"));
      ExpectedCodebase.commit(releases, tagged(releases, second)).assertMatches(withoutGitDir(clone));
      assertFalse(Files.exists(clone.resolve("config.php")));
      for (Map.Entry<String, Map.Entry<FileMode, ObjectId>> f : files(remote, second).entrySet()) {
        assertNotEquals(FileMode.GITLINK, f.getValue().getKey(), f.getKey());
        assertFalse(f.getKey().contains(".git/") || f.getKey().endsWith("/.gitmodules"), f.getKey());
      }

      // A fresh machine: no release repository, no target/; a new pin continues the remote's history.
      FileUtils.delete(releases.toFile(), FileUtils.RECURSIVE);
      FileUtils.delete(site.dir.resolve("target").toFile(), FileUtils.RECURSIVE);
      Files.writeString(site.pom(), Files.readString(site.pom()).replace("          </plugins>",
          SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null) + "\n          </plugins>"));
      SiteProject.Run fresh = site.build(args(common, "deploy"));
      String third = released(fresh);
      assertTrue(fresh.says("+ mod_hvp 1.27"), fresh.log());
      List<RevCommit> published = history(remote, "main");
      assertEquals(3, published.size());
      assertEquals(tagged(remote, third), published.get(0).getId());
      assertEquals(tagged(remote, second), published.get(0).getParent(0).getId());

      // History, diff, and the first release back, byte for byte.
      SiteProject.Run list = site.build(args(common, "moodle:history"));
      assertTrue(list.says(third) && list.says(second) && list.says(first) && list.says("3 releases on branch main"), list.log());
      SiteProject.Run diff = site.build(args(common, "moodle:diff", "-Dmoodle.from=" + first));
      assertTrue(diff.says("~ block_xp v19.1 -> v19.2   [version 2024072100 -> 2024111800: its database upgrade runs]"), diff.log());
      assertTrue(diff.says("      ") && diff.says("+ mod_hvp 1.27"), diff.log());
      Path restored = tmp.resolve("restored");
      site.build(args(common, "moodle:checkout", "-Dmoodle.release=" + first, "-Dmoodle.checkoutDir=" + restored));
      firstTree.assertMatches(restored);
    }
  }

  @Test
  void twoSitesPublishToOneRemoteAndARemoteThatFailsWaitsForTheNextDeploy() throws Exception {
    try (Ecosystem eco = Ecosystem.create(tmp.resolve("world"), 0);
        HttpGitServer host = HttpGitServer.start(tmp.resolve("host"), "deployer", "s3cret-pass")) {
      Path remote = tmp.resolve("remote.git");
      String[] common = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"),
          "-Dmoodle.releaseRemote=file://" + remote};
      SiteProject a = SiteProject.create(tmp.resolve("a"), "shared", "4.5", plugins("v19.1", false));
      SiteProject b = SiteProject.create(tmp.resolve("b"), "shared", "4.5", plugins("v19.1", false));

      // The remote does not exist yet: package is done, deploy says why, and works once it exists.
      SiteProject.Run made = a.build(args(common, "package"));
      String first = released(made);
      assertTrue(made.says("Cannot fetch from the release remote file://" + remote), made.log());
      SiteProject.Run failed = a.mvn(args(common, "deploy"));
      assertNotEquals(0, failed.exitCode());
      assertTrue(failed.says("on project shared: Cannot fetch from the release remote file://" + remote + ": not found."
          + " The releases are kept in "), failed.log());
      assertFalse(failed.says("at io.github.moodlecbm"), "no stack trace of ours:\n" + failed.log());
      GitFixture.init(remote).close();
      assertTrue(a.build(args(common, "deploy")).says("Published " + first), "the next deploy publishes");

      // Refused credentials: named by server, the password never shown.
      SiteProject c = SiteProject.create(tmp.resolve("c"), "other", "4.5", plugins("v19.1", false))
          .withServers("<server><id>releases</id><username>deployer</username><password>wrong-pass</password></server>");
      GitFixture.init(tmp.resolve("host/site-releases.git")).close();
      String[] viaHttp = {"-Dmoodle.rewrites=" + eco.rewrite(), "-Dmoodle.cacheDir=" + tmp.resolve("cache"),
          "-Dmoodle.releaseRemote=" + host.url("site-releases.git"), "-Dmoodle.releaseServerId=releases"};
      c.build(args(viaHttp, "package"));
      SiteProject.Run refused = c.mvn(args(viaHttp, "deploy"));
      assertNotEquals(0, refused.exitCode());
      assertTrue(refused.says("release remote: " + host.url("site-releases.git") + " refused the credentials of server"
          + " 'releases' from settings.xml."), refused.log());
      assertFalse(refused.says("wrong-pass"), refused.log());

      // b, a CI runner at a later commit of the site project (mod_hvp added, block_xp moved), releases
      // on the published release; a publishes mod_hvp first; b's publication then goes on top of a's.
      Files.writeString(b.pom(), Files.readString(b.pom()).replace("<tag>v19.1</tag>", "<tag>v19.2</tag>")
          .replace("          </plugins>", SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null) + "\n          </plugins>"));
      String fromB = released(b.build(args(common, "package")));
      Files.writeString(a.pom(), Files.readString(a.pom()).replace("          </plugins>",
          SiteProject.plugin("mod_hvp", "h5p/moodle-mod_hvp", "tag", "1.27", null) + "\n          </plugins>"));
      String fromA = released(a.build(args(common, "deploy")));
      SiteProject.Run late = b.build(args(common, "moodle:deploy"));
      assertTrue(late.says("made again on top of " + fromA), late.log());
      List<RevCommit> published = history(remote, "main");
      assertEquals(3, published.size(), "one line: first, a's, b's");
      assertEquals(tagged(remote, first), published.get(2).getId());
      assertEquals(tagged(remote, fromA), published.get(1).getId());
      assertEquals(published.get(1).getId(), published.get(0).getParent(0).getId());
      String bTag = fromB.equals(fromA) ? fromB + "-2" : fromB;
      assertEquals(published.get(0).getId(), tagged(remote, bTag));
      assertTrue(late.says("Published " + bTag), late.log());
      // Against a's release, b's changelog is b's own change only.
      assertEquals("~ block_xp v19.1 -> v19.2", published.get(0).getFullMessage().split("\n\n")[1].trim());
    }
  }


  /** The commits of a branch, newest first. */
  private static List<RevCommit> history(Path gitDir, String branch) throws Exception {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(repo.resolve(Constants.R_HEADS + branch)));
      List<RevCommit> result = new ArrayList<>();
      walk.forEach(result::add);
      for (int i = 0; i + 1 < result.size(); i++) {
        assertEquals(1, result.get(i).getParentCount(), "a linear history");
      }
      return result;
    }
  }

  static ObjectId tagged(Path gitDir, String tag) throws Exception {
    try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build()) {
      ObjectId id = repo.resolve(Constants.R_TAGS + tag + "^{commit}");
      assertTrue(id != null, "tag " + tag + " in " + gitDir);
      return id;
    }
  }

  private static Map<String, Map.Entry<FileMode, ObjectId>> files(Path gitDir, String tag) throws Exception {
    try (GitFixture repo = GitFixture.open(gitDir)) {
      return repo.files(tagged(gitDir, tag));
    }
  }

  /** {@code git clone --branch <tag>}, with git when it is installed, else with JGit. */
  private static Path gitClone(Path remote, String tag, Path into) throws Exception {
    if (Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, "git")))) {
      Process git = new ProcessBuilder("git", "clone", "-q", "--branch", tag, "file://" + remote, into.toString())
          .redirectErrorStream(true).start();
      String out = new String(git.getInputStream().readAllBytes());
      assertTrue(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0, out);
    } else {
      Git.cloneRepository().setURI("file://" + remote).setBranch(Constants.R_TAGS + tag).setDirectory(into.toFile()).call().close();
    }
    return into;
  }

  /** A clone's files without its own .git folder, in another folder. */
  private static Path withoutGitDir(Path clone) throws Exception {
    FileUtils.delete(clone.resolve(".git").toFile(), FileUtils.RECURSIVE);
    return clone;
  }

  private static String sha256(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
