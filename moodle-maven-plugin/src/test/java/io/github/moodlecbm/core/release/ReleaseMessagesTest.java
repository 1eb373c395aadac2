package io.github.moodlecbm.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseMessagesTest {
  @Test
  void sentencesThatQuoteAPropertySpellItsName() {
    assertEquals("Release tag 2.3.0 already exists with another code base. Tags are immutable: raise the site's"
        + " <version> in pom.xml, or set moodle.tagFormat so that each release gets its own tag.",
        ReleaseMessages.releaseTagExists("2.3.0"));
    assertEquals("Cannot fetch from the release remote https://git.example.org/r.git: boom. The releases are kept in "
        + Path.of("releases") + "; check <releaseRemote> (moodle.releaseRemote) and your network, then run mvn deploy again.",
        ReleaseMessages.releaseRemoteFailed("fetch from", "https://git.example.org/r.git", new IOException("boom"),
            Path.of("releases")));
    assertEquals("Release stopped: this build drops mod_a, mod_b, which the previous release 1.0 has. Moodle cannot run"
        + " with a plugin that is installed in its database but missing from disk. Uninstall them from the site first"
        + " (Site administration > Plugins > Plugins overview > Uninstall), then release with"
        + " -Dmoodle.allowRemoval=mod_a,mod_b.", ReleaseMessages.removalRefused(List.of("mod_a", "mod_b"), "1.0"));
  }

  @Test
  void aRemoteThatMovedOnNeedsAPersonAndSaysWhy() {
    assertEquals("The release remote moved on: release 1.1, made elsewhere, is newer than this build in a way that needs a"
        + " decision: it has mod_a 2.0, newer than this build's 1.0. Update pom.xml (git pull the site project, or take"
        + " its pins), then run mvn deploy again.", ReleaseMessages.remoteHasNewer("1.1", "mod_a", "2.0", "1.0"));
    assertEquals("The release remote moved on: release 1.1, made elsewhere, is newer than this build in a way that needs a"
        + " decision: it has mod_a, mod_b, which this build does not. Update pom.xml (git pull the site project, or"
        + " take its pins), then run mvn deploy again.", ReleaseMessages.remoteHasMore("1.1", List.of("mod_a", "mod_b")));
  }
}
