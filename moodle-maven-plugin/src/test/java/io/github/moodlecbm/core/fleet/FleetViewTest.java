package io.github.moodlecbm.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.resolve.Lock;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Who runs what: a row per component, Moodle first, deviations and older versions marked. */
class FleetViewTest {
  private static final String XP = "https://github.com/FMCorz/moodle-block_xp.git";

  /** Versions as a fake mirror would give them: the release is the commit's name, the version its number. */
  private static final LockedVersion.Source VERSIONS = new LockedVersion.Source() {
    @Override
    public LockedVersion moodle(Lock.Moodle m) {
      return new LockedVersion(m.release(), new BigDecimal(m.commit().substring(0, 10)));
    }

    @Override
    public LockedVersion plugin(Lock.Plugin p) {
      return new LockedVersion("v" + p.commit().charAt(0), new BigDecimal(p.commit().substring(0, 10)));
    }
  };

  private static Lock lock(String moodleCommit, String xpCommit) {
    TreeMap<String, Lock.Plugin> plugins = new TreeMap<>();
    if (xpCommit != null) {
      plugins.put("block_xp", new Lock.Plugin(XP, new Pin.Tag("v" + xpCommit.charAt(0)), "", xpCommit, "blocks/xp", List.of()));
    }
    return new Lock(Lock.FORMAT, "t", new Lock.Moodle("m", new Pin.Tag("x"), moodleCommit, "4.5." + moodleCommit.charAt(9), ""),
        plugins);
  }

  private static String commit(String tenDigits) {
    return tenDigits + "0".repeat(30);
  }

  @Test
  void aRowPerComponentMoodleFirstWithDeviationsAndOlderVersionsMarked() {
    Catalog.Choice own = new Catalog.Choice("block_xp", Catalog.Origin.OVERRIDE, "tag v2 instead of the catalog's tag v1", false);
    FleetView view = FleetView.of(List.of(
        new FleetView.Site("law", lock(commit("2024100702"), commit("1024111800")), Map.of(), null),
        new FleetView.Site("arts", lock(commit("2024100702"), commit("2024111900")), Map.of("block_xp", own), null),
        new FleetView.Site("science", lock(commit("2024100701"), null), Map.of(), "tag v4.5.1 instead of the fleet's version 4.5"),
        new FleetView.Site("music", null, Map.of(), null)), VERSIONS);

    assertEquals(List.of("moodle", "block_xp"), view.components());
    assertEquals(List.of("music"), view.unbuilt());
    List<String> lines = view.lines();
    assertTrue(lines.get(0).matches("component\\s+law\\s+arts\\s+science\\s+music"), lines.get(0));
    assertTrue(lines.get(1).matches("moodle\\s+4\\.5\\.2 \\(2024100702\\)\\s+4\\.5\\.2 \\(2024100702\\)"
        + "\\s+4\\.5\\.1 \\(2024100701\\) \\* \\^\\s+-"), lines.get(1));
    assertTrue(lines.get(2).matches("block_xp\\s+v1 \\(1024111800\\) \\^\\s+v2 \\(2024111900\\) \\*\\s+-\\s+-"), lines.get(2));
    // columns line up: each site's column starts where its name does
    assertEquals(lines.get(0).indexOf("arts"), lines.get(2).indexOf("v2 ("));
    assertEquals(List.of("arts: block_xp: tag v2 instead of the catalog's tag v1",
        "science: moodle: tag v4.5.1 instead of the fleet's version 4.5"), view.deviations());
    String md = view.markdown("campus");
    assertTrue(md.contains("| block_xp | v1 (1024111800) ^ | v2 (2024111900) \\* | - | - |"), md);
    assertTrue(md.contains("Not built yet (no moodle.lock): music."), md);
    assertTrue(view.json().contains("\"newerElsewhere\": true"), view.json());
  }
}
