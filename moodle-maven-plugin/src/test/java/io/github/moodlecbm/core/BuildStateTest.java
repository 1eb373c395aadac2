package io.github.moodlecbm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.core.verify.Verified;
import java.util.List;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** What the goals of one build hand each other: each stage's result for the same code base, never another's. */
class BuildStateTest {
  private static Assembled codebase(String tree) throws Exception {
    Site site = Site.of(MoodleSpec.declare("4.5", null, null, null, null), List.of());
    Lock lock = new Lock(Lock.FORMAT, tree, new Lock.Moodle(MoodleSpec.DEFAULT_SOURCE, Pin.parse("version 4.5"), "1".repeat(40),
        "4.5.2", ""), new TreeMap<>());
    return new Assembled(site, lock, ObjectId.fromString(tree));
  }

  @Test
  void aNewCodeBaseForgetsTheVerificationAndTheReleaseOfTheOneBefore() throws Exception {
    BuildState state = new BuildState();
    Assembled first = codebase("a".repeat(40));
    state.assembled(first);
    state.verified(Verified.skipped(first));
    state.released(new Released("1.0", ObjectId.fromString("c".repeat(40)), first.tree(), true, null, null));

    state.assembled(first);
    assertTrue(state.verified().isPresent(), "the same code base keeps its verification");
    Assembled second = codebase("b".repeat(40));
    state.assembled(second);
    assertEquals(java.util.Optional.empty(), state.verified());
    assertEquals(java.util.Optional.empty(), state.released());
  }

  @Test
  void aVerificationOrAReleaseOfAnotherCodeBaseIsRefused() throws Exception {
    BuildState state = new BuildState();
    Assembled first = codebase("a".repeat(40));
    Assembled second = codebase("b".repeat(40));
    assertThrows(IllegalStateException.class, () -> state.verified(Verified.skipped(first)), "nothing assembled yet");
    state.assembled(second);
    assertThrows(IllegalStateException.class, () -> state.verified(Verified.skipped(first)));
    assertThrows(IllegalStateException.class,
        () -> state.released(new Released("1.0", ObjectId.fromString("c".repeat(40)), second.tree(), true, null, null)),
        "nothing verified yet");
    state.verified(Verified.skipped(second));
    assertEquals(VerificationState.SKIPPED, state.verified().orElseThrow().state());
    assertThrows(IllegalStateException.class,
        () -> state.released(new Released("1.0", ObjectId.fromString("c".repeat(40)), first.tree(), true, null, null)));
  }
}
