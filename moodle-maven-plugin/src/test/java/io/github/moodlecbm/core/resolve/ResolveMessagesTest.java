package io.github.moodlecbm.core.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolveMessagesTest {
  private static final Path LOCK = Path.of("site", "moodle.lock");

  @Test
  void sentencesThatQuoteUpdateSpellTheFlagAsTheUserTypesIt() {
    assertEquals("moodle.lock has format 9, which this version of the plugin does not read. Upgrade moodle-maven-plugin"
        + " or delete the lock file and build with -Dmoodle.update.", ResolveMessages.lockFormat(LOCK, 9));
    assertEquals("mod_x: commit abc recorded in the lock file is no longer in https://git.example.org/x.git (history"
        + " rewritten?). Build with -Dmoodle.update to resolve the pin again.",
        ResolveMessages.lockedCommitGone("mod_x", "abc", "https://git.example.org/x.git"));
    assertEquals("mod_x: tag v1 of https://git.example.org/x.git now points to commit def, but the lock file recorded abc."
        + " Someone moved the tag. If that is intended, build with -Dmoodle.update to accept the new commit; otherwise"
        + " pin <commit>abc</commit>.", ResolveMessages.movedTag("mod_x", "v1", "abc", "def", "https://git.example.org/x.git"));
  }

  @Test
  void anInvalidLockNamesTheLineAndTheBadValue() {
    assertEquals("moodle.lock line 1: it has no \"moodle\" entry. Restore the file from version control, or delete it and"
        + " build again to resolve every pin afresh.", ResolveMessages.lockWithoutMoodle(LOCK));
    assertEquals("moodle.lock line 4: \"tree\" is not a tree id. Restore the file from version control, or delete it and"
        + " build again to resolve every pin afresh.", ResolveMessages.lockTreeNotAnId(LOCK, 4));
    assertEquals("moodle.lock line 7: mod_x has the install path '../x'. Restore the file from version control, or delete"
        + " it and build again to resolve every pin afresh.", ResolveMessages.lockInstallPathInvalid(LOCK, 7, "mod_x", "../x"));
    assertEquals("moodle.lock line 9: mod_x submodule lib/y has the commit 'abc', not a full commit id. Restore the file"
        + " from version control, or delete it and build again to resolve every pin afresh.",
        ResolveMessages.lockCommitNotFull(LOCK, 9, ResolveMessages.submoduleName("mod_x", "lib/y"), "abc"));
  }

  @Test
  void noCompatibleVersionNamesTheMoodleWithItsVersionAndBranch() {
    assertEquals("mod_x: no version of https://git.example.org/x.git declares that it runs on Moodle 4.5.2 (version"
        + " 2024100702, branch 405). Newest versions: main (needs 500). Pin a version with <tag> or <branch> if you"
        + " know it works, or leave the plugin out.", ResolveMessages.noCompatibleVersion("mod_x",
        "https://git.example.org/x.git", "4.5.2", "2024100702", 405, List.of("main (needs 500)")));
  }

  @Test
  void resolutionLinesNameTheComponentThePinAndTheCommit() {
    assertEquals("[moodle] 4.5 -> 4.5.2 @ 1a2b3c4d5e", ResolveMessages.coreResolved("4.5", "4.5.2", "1a2b3c4d5e"));
    assertEquals("[mod_x] branch main @ 1a2b3c4d5e", ResolveMessages.pluginResolved("mod_x", "branch main", "1a2b3c4d5e", null, 0));
    assertEquals("[mod_x] automatic @ 1a2b3c4d5e (main: requires 2024100700) with 2 submodule(s)",
        ResolveMessages.pluginResolved("mod_x", "automatic", "1a2b3c4d5e", "main: requires 2024100700", 2));
  }
}
