package io.github.moodlecbm.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The web pages of a git source: the repository's and a commit's, for the hosts whose pages are known. */
class SourceLinksTest {
  private static final String SHA = "1a2b3c4d5e6f708192a3b4c5d6e7f80912a3b4c5";

  private static Optional<String> repo(String url) {
    return SourceLinks.repository(url);
  }

  private static Optional<String> commit(String url) {
    return SourceLinks.commit(url, SHA);
  }

  @Test
  void gitHubInEveryWayAGitUrlIsWritten() {
    String page = "https://github.com/danmarsden/moodle-mod_attendance";
    for (String url : new String[] {
        "https://github.com/danmarsden/moodle-mod_attendance.git",
        "https://github.com/danmarsden/moodle-mod_attendance",
        "https://github.com/danmarsden/moodle-mod_attendance/",
        "http://github.com/danmarsden/moodle-mod_attendance.git",
        "HTTPS://GitHub.com/danmarsden/moodle-mod_attendance.git",
        "git@github.com:danmarsden/moodle-mod_attendance.git",
        "git@github.com:danmarsden/moodle-mod_attendance",
        "ssh://git@github.com/danmarsden/moodle-mod_attendance.git",
        "ssh://git@github.com:22/danmarsden/moodle-mod_attendance.git",
        "git://github.com/danmarsden/moodle-mod_attendance.git"}) {
      assertEquals(Optional.of(page), repo(url), url);
      assertEquals(Optional.of(page + "/commit/" + SHA), commit(url), url);
    }
  }

  @Test
  void credentialsNeverReachALink() {
    String url = "https://ci-bot:ghp_SECRETTOKEN@github.com/acme/moodle-local_private.git";
    assertEquals(Optional.of("https://github.com/acme/moodle-local_private"), repo(url));
    assertFalse(commit(url).orElseThrow().contains("SECRET"));
    String other = "https://user:p@ss@git.example.org/team/moodle-local_x.git";
    assertEquals(Optional.of("https://git.example.org/team/moodle-local_x.git"), repo(other));
    assertEquals(Optional.of("https://gitlab.example.org/team/plugin"),
        repo("https://oauth2:glpat-SECRET@gitlab.example.org/team/plugin.git"));
  }

  @Test
  void gitLabWithNestedGroupsOnGitlabComOrAnyGitlabHost() {
    assertEquals(Optional.of("https://gitlab.com/group/sub/moodle-block_x"), repo("https://gitlab.com/group/sub/moodle-block_x.git"));
    assertEquals(Optional.of("https://gitlab.com/group/sub/moodle-block_x/-/commit/" + SHA),
        commit("git@gitlab.com:group/sub/moodle-block_x.git"));
    assertEquals(Optional.of("https://gitlab.example.org/uni/elearning/moodle/local_y/-/commit/" + SHA),
        commit("ssh://git@gitlab.example.org:2222/uni/elearning/moodle/local_y.git"));
    assertEquals(Optional.of("https://gitlab.example.org:8443/team/local_y"), repo("https://gitlab.example.org:8443/team/local_y.git"),
        "the web is on the https source's own port");
  }

  @Test
  void bitbucket() {
    assertEquals(Optional.of("https://bitbucket.org/team/moodle-local_z"), repo("git@bitbucket.org:team/moodle-local_z.git"));
    assertEquals(Optional.of("https://bitbucket.org/team/moodle-local_z/commits/" + SHA),
        commit("https://someone@bitbucket.org/team/moodle-local_z.git"));
  }

  @Test
  void anUnknownHostsHttpsUrlIsItsOwnLinkWithoutCommitPages() {
    assertEquals(Optional.of("https://git.example.org/moodle/local_w.git"), repo("https://git.example.org/moodle/local_w.git"));
    assertEquals(Optional.empty(), commit("https://git.example.org/moodle/local_w.git"));
    assertEquals(Optional.empty(), repo("git@git.example.org:moodle/local_w.git"), "ssh to an unknown host: no web page known");
    assertEquals(Optional.empty(), commit("git@git.example.org:moodle/local_w.git"));
  }

  @Test
  void localPathsAndNonsenseHaveNoLinks() {
    assertEquals(Optional.empty(), repo("/srv/git/moodle.git"));
    assertEquals(Optional.empty(), repo("file:///srv/git/moodle.git"));
    assertEquals(Optional.empty(), repo("C:\\git\\moodle"));
    assertEquals(Optional.empty(), repo(""));
    assertEquals(Optional.empty(), repo(null));
    assertEquals(Optional.empty(), SourceLinks.commit("https://github.com/o/r.git", "not-a-commit"), "only a commit id makes a link");
    assertEquals(Optional.empty(), SourceLinks.commit("https://github.com/o/r.git", null));
    // A GitHub URL that is not a repository's: its own link, as for any host.
    assertEquals(Optional.empty(), commit("https://github.com/o"));
  }

  @Test
  void anAbbreviatedCommitIdInAnyCase() {
    assertEquals(Optional.of("https://github.com/FMCorz/moodle-block_xp/commit/abcdef1"),
        SourceLinks.commit("https://github.com/FMCorz/moodle-block_xp.git", "ABCDEF1"));
  }

  @Test
  void theUrlAsShownHasNoPasswordOrToken() {
    assertEquals("https://github.com/acme/moodle-local_private.git",
        SourceLinks.withoutCredentials("https://ci-bot:ghp_SECRETTOKEN@github.com/acme/moodle-local_private.git"));
    assertEquals("https://gitlab.example.org/team/plugin.git", SourceLinks.withoutCredentials("https://glpat-SECRET@gitlab.example.org/team/plugin.git"));
    assertEquals("ssh://git@git.example.org/team/plugin.git", SourceLinks.withoutCredentials("ssh://git@git.example.org/team/plugin.git"));
    assertEquals("git@github.com:o/r.git", SourceLinks.withoutCredentials("git@github.com:o/r.git"));
    assertEquals("https://github.com/o/r.git", SourceLinks.withoutCredentials("https://github.com/o/r.git"));
  }
}
