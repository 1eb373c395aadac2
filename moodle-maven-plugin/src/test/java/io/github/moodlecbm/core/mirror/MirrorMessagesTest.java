package io.github.moodlecbm.core.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MirrorMessagesTest {
  @Test
  void sentencesThatQuoteAPropertySpellItsName() {
    assertEquals("mod_x: cannot fetch https://github.com/a/b.git (rewritten to https://git.example.org/a/b.git): boom."
        + " Check <source> in pom.xml, your network, or moodle.rewrites.", MirrorMessages.fetchFailed("mod_x",
        "https://github.com/a/b.git", "https://git.example.org/a/b.git", new IOException("boom")));
    assertEquals("The mirror cache " + Path.of("cache") + " cannot be written (read-only file system). Make it writable,"
        + " or point -Dmoodle.cacheDir (<cacheDir> in pom.xml) to a folder you can write.",
        MirrorMessages.unwritableCache(Path.of("cache"), "read-only file system"));
    assertEquals("mod_x: ssh://git@example.org/x.git accepted none of your ssh keys. Add your public key to that account"
        + " on the git host, or load the right key in ~/.ssh (see -Dmoodle.sshDirectory).",
        MirrorMessages.sshRefused("mod_x", "ssh://git@example.org/x.git"));
  }

  @Test
  void aFetchSaysWhatItTookAndHowLong() {
    assertEquals("[mod_x] cloning https://git.example.org/x.git", MirrorMessages.fetching("mod_x", true, "https://git.example.org/x.git"));
    assertEquals("[mod_x] fetched https://git.example.org/x.git in 1.5 s (12 objects, 3 KB received)",
        MirrorMessages.fetched("mod_x", false, "https://git.example.org/x.git", 1500, 12, "3 KB"));
    assertEquals("[mod_x] timeout; trying again in 2 s (1/3)", MirrorMessages.tryingAgain("mod_x", "timeout", Duration.ofSeconds(2), 1, 3));
  }
}
