package io.github.moodlecbm.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.resolve.UpdateCheck;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** The fleet's answers: sites with the same answer together, the catalog's pin moved only when they agree. */
class FleetAnswersTest {
  private static final ObjectId SOME = ObjectId.fromString("1234567890123456789012345678901234567890");

  private static UpdateCheck.Row moodle() {
    return new UpdateCheck.Row("moodle", "4.5.2", "", null, "5.1.0", "", null, null);
  }

  private static UpdateCheck.Row xp(String locked, String to) {
    return to == null ? new UpdateCheck.Row("block_xp", locked, "", null, "v20", "", null, null)
        : new UpdateCheck.Row("block_xp", locked, "tag " + to, SOME, "v20", "", "tag", to);
  }

  private static FleetAnswers.SiteUpdates site(String name, UpdateCheck.Row xp, boolean catalog) {
    return new FleetAnswers.SiteUpdates(name, new UpdateCheck.Report(moodle(), false, List.of(xp)),
        Map.of("moodle", true, "block_xp", catalog));
  }

  @Test
  void sitesWithTheSameAnswerShareALine() {
    List<String> lines = FleetAnswers.outdated(List.of(site("law", xp("v19.1", "v19.2"), true),
        site("arts", xp("v19.2", null), false), site("science", xp("v19.1", "v19.2"), true)));
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(lines.get(1).matches("moodle\\s+law, arts, science\\s+4\\.5\\.2\\s+up to date\\s+5\\.1\\.0\\s+catalog"), lines.get(1));
    assertTrue(lines.get(2).matches("block_xp\\s+law, science\\s+v19\\.1\\s+tag v19\\.2\\s+v20\\s+catalog"), lines.get(2));
    assertTrue(lines.get(3).matches("\\s+arts\\s+v19\\.2\\s+up to date\\s+v20\\s+site's pom"), lines.get(3));
  }

  @Test
  void theCatalogsPinMovesWhenEverySiteThatTakesItOffersTheSameVersion() {
    FleetAnswers.CatalogUpdate update = FleetAnswers.catalogUpdate(List.of(site("law", xp("v19.1", "v19.2"), true),
        site("arts", xp("v19.0", "v19.3"), false), site("science", xp("v19.1", "v19.2"), true)), who -> true);
    assertEquals(List.of(new FleetAnswers.CatalogChange("block_xp", "tag", "v19.2", List.of("law", "science"))), update.changes());
    assertEquals(List.of(), update.disagreements());
  }

  @Test
  void theCatalogKeepsItsPinWhenASiteThatTakesItCannotMove() {
    FleetAnswers.CatalogUpdate update = FleetAnswers.catalogUpdate(List.of(site("law", xp("v19.1", "v19.2"), true),
        site("science", xp("v19.1", null), true)), who -> true);
    assertEquals(List.of(), update.changes());
    assertEquals(List.of("block_xp: the catalog keeps its pin, the sites that take it do not agree on a newer one (law: v19.2;"
        + " science: nothing newer that runs on its Moodle). Pin it in a site's own pom to move that site alone."),
        update.disagreements());
  }

  @Test
  void componentsTheUserDidNotNameStay() {
    assertEquals(List.of(), FleetAnswers.catalogUpdate(List.of(site("law", xp("v19.1", "v19.2"), true)),
        who -> who.equals("moodle")).changes());
  }
}
