package io.github.moodlecbm.core.release;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.VerificationState;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The changelog of a release, in Moodle's terms, from two manifests. */
class ChangelogTest {
  private static final String A = "1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b";
  private static final String B = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e";

  private static Manifest manifest(String release, String coreVersion, Map<String, String[]> plugins) {
    TreeMap<String, Lock.Plugin> locked = new TreeMap<>();
    TreeMap<String, Manifest.Version> versions = new TreeMap<>();
    plugins.forEach((c, v) -> {
      locked.put(c, new Lock.Plugin("https://example.org/" + c + ".git", Pin.parse(v[0]), "", v[1], c.replace('_', '/'), List.of()));
      versions.put(c, new Manifest.Version(v[2], null));
    });
    Lock lock = new Lock(Lock.FORMAT, null, new Lock.Moodle("https://github.com/moodle/moodle.git", Pin.parse("version 4.5"), A, release, ""), locked);
    return new Manifest(Manifest.FORMAT, "org.example:site:1.0", null, null, VerificationState.PASSED, null, "abc",
        new Manifest.Core(release, coreVersion, "405"), versions, lock);
  }

  @Test
  void eachChangeIsOneLineMoodleFirst() {
    Manifest before = manifest("4.5.6 (Build: 20250811)", "2024100706.00", Map.of(
        "block_xp", new String[] {"tag v19.1", A, "2024072100"},
        "filter_oldthing", new String[] {"tag 1.0", A, "2020010100"},
        "mod_same", new String[] {"branch main", A, "2024010100"}));
    Manifest after = manifest("4.5.7 (Build: 20251013)", "2024100707.00", Map.of(
        "block_xp", new String[] {"tag v19.2", B, "2024111800"},
        "mod_attendance", new String[] {"branch MOODLE_405_STABLE", B, "2024100701"},
        "mod_same", new String[] {"branch main", A, "2024010100"}));
    Changelog log = new Changelog(before, after);
    assertEquals(List.of(
        "Moodle 4.5.6 (Build: 20250811) -> 4.5.7 (Build: 20251013)",
        "~ block_xp v19.1 -> v19.2",
        "- filter_oldthing",
        "+ mod_attendance 2024100701 (MOODLE_405_STABLE @ 9f8e7d6)"), log.lines());
    assertEquals("Moodle 4.5.7 (Build: 20251013), 3 plugins: Moodle updated, 1 added, 1 updated, 1 removed", log.subject());
    assertEquals(List.of("filter_oldthing"), log.removed());
    assertEquals(List.of(), log.downgrades());
    assertEquals(List.of(new Changelog.Downgrade("moodle", "4.5.7 (Build: 20251013)", "4.5.6 (Build: 20250811)"),
        new Changelog.Downgrade("block_xp", "2024111800", "2024072100")), new Changelog(after, before).downgrades());
  }

  @Test
  void aBranchThatMovedShowsBothCommits() {
    Manifest before = manifest("4.5.7+ (Build: 20251017)", "2024100707.01", Map.of(
        "mod_attendance", new String[] {"branch MOODLE_405_STABLE", A, "2024100701"}));
    Manifest after = manifest("4.5.7+ (Build: 20251017)", "2024100707.01", Map.of(
        "mod_attendance", new String[] {"branch MOODLE_405_STABLE", B, "2024100702"}));
    assertEquals(List.of("~ mod_attendance 2024100701 (MOODLE_405_STABLE @ 1a2b3c4) -> 2024100702 (MOODLE_405_STABLE @ 9f8e7d6)"),
        new Changelog(before, after).lines());
  }

  private static Manifest patched(Map<String, List<Lock.Patch>> patches) {
    Manifest m = manifest("4.5.7 (Build: 20251013)", "2024100707.00", Map.of(
        "block_xp", new String[] {"tag v19.2", B, "2024111800"},
        "mod_same", new String[] {"branch main", A, "2024010100"}));
    TreeMap<String, Lock.Plugin> plugins = new TreeMap<>();
    m.lock().plugins().forEach((c, p) -> plugins.put(c, new Lock.Plugin(p.source(), p.pin(), p.path(), p.commit(), p.why(),
        p.installPath(), p.submodules(), patches.getOrDefault(c, List.of()), null)));
    Lock.Moodle core = m.lock().moodle();
    Lock lock = new Lock(Lock.FORMAT, null, new Lock.Moodle(core.source(), core.pin(), core.commit(), core.release(), core.codeRoot(),
        patches.getOrDefault("moodle", List.of()), null), plugins);
    return new Manifest(m.format(), m.site(), null, null, m.verification(), null, m.lockSha256(), m.moodle(), m.plugins(), lock);
  }

  private static Lock.Patch patch(String component, String name, String sha) {
    return new Lock.Patch("src/main/patches/" + component + "/" + name, sha.repeat(64));
  }

  @Test
  void patchesAddedChangedAndRemovedAreListedByComponent() {
    Manifest before = patched(Map.of(
        "moodle", List.of(patch("moodle", "0001-mdl-80000.patch", "a")),
        "block_xp", List.of(patch("block_xp", "0001-fix-leaderboard.patch", "b"), patch("block_xp", "0002-old.patch", "c"))));
    Manifest after = patched(Map.of(
        "block_xp", List.of(patch("block_xp", "0001-fix-leaderboard.patch", "d"), patch("block_xp", "0003-new.patch", "e")),
        "mod_same", List.of(patch("mod_same", "0001-x.patch", "f"))));
    Changelog log = new Changelog(before, after);
    assertEquals(List.of(
        "* moodle: -0001-mdl-80000.patch",
        "* block_xp: ~0001-fix-leaderboard.patch, +0003-new.patch, -0002-old.patch",
        "* mod_same: +0001-x.patch"), log.lines());
    assertEquals("Moodle 4.5.7 (Build: 20251013), 2 plugins: patches of 3 components changed", log.subject());
    assertEquals(List.of("Moodle 4.5.7 (Build: 20251013)", "+ block_xp v19.2", "+ mod_same 2024010100 (main @ 1a2b3c4)",
        "* block_xp: +0001-fix-leaderboard.patch, +0003-new.patch", "* mod_same: +0001-x.patch"),
        new Changelog(null, after).lines());
  }

  private static Manifest withOverlay(Lock.Overlay overlay) {
    Manifest m = manifest("4.5.7 (Build: 20251013)", "2024100707.00", Map.of("block_xp", new String[] {"tag v19.2", B, "2024111800"}));
    Lock lock = new Lock(Lock.FORMAT, null, m.lock().moodle(), m.lock().plugins(), overlay);
    return new Manifest(m.format(), m.site(), null, null, m.verification(), null, m.lockSha256(), m.moodle(), m.plugins(), lock);
  }

  @Test
  void theOverlaysFilesAndItsPluginsOfTheSitesOwnAreInTheChangelogAndARemovedOneMustBeUninstalled() {
    Manifest none = withOverlay(null);
    Manifest one = withOverlay(new Lock.Overlay(A, 3, new TreeMap<>(Map.of("local_mysite", "local/mysite"))));
    Manifest other = withOverlay(new Lock.Overlay(B, 2, new TreeMap<>(Map.of("local_theirs", "local/theirs"))));
    assertEquals(List.of("+ local_mysite (overlay)", "* overlay: +3 files"), new Changelog(none, one).lines());
    assertEquals("Moodle 4.5.7 (Build: 20251013), 1 plugin: 1 added, overlay changed", new Changelog(none, one).subject());
    Changelog swap = new Changelog(one, other);
    assertEquals(List.of("+ local_theirs (overlay)", "- local_mysite (overlay)", "* overlay: ~2 files"), swap.lines());
    assertEquals(List.of("local_mysite"), swap.removed());
    assertEquals(List.of("- local_mysite (overlay)", "* overlay: -3 files"), new Changelog(one, none).lines());
  }
}
