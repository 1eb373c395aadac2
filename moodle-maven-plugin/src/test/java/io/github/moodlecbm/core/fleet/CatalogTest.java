package io.github.moodlecbm.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.ConfigElement;
import io.github.moodlecbm.core.config.Pin;
import io.github.moodlecbm.core.config.PluginEntry;
import io.github.moodlecbm.core.config.PluginSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A site of a fleet takes the catalog's entries by naming them; what it gives itself is a deviation. */
class CatalogTest {
  private static final String WHERE = "/fleet/pom.xml";

  private static PluginEntry entry(String component, String source, String tag, String branch) {
    return new PluginEntry(component, source, branch, tag, null, null, null, null, null);
  }

  private static Catalog catalog() throws CodebaseException {
    return Catalog.of(List.of(
        entry("mod_attendance", "https://github.com/danmarsden/moodle-mod_attendance.git", null, "MOODLE_405_STABLE"),
        entry("block_xp", "https://github.com/FMCorz/moodle-block_xp.git", "v19.2", null)), WHERE);
  }

  @Test
  void aComponentNamedAloneTakesTheCatalogsSourceAndPin() throws Exception {
    Catalog.Taken taken = catalog().take(List.of(entry("block_xp", null, null, null)));
    PluginSpec xp = taken.plugins().get(0);
    assertEquals("https://github.com/FMCorz/moodle-block_xp.git", xp.source());
    assertEquals(new Pin.Tag("v19.2"), xp.pin());
    assertEquals(List.of(), taken.deviations());
    assertEquals(Catalog.Origin.CATALOG, taken.choices().get(0).origin());
  }

  @Test
  void aPinOfTheSitesOwnKeepsTheCatalogsSourceAndIsADeviation() throws Exception {
    Catalog.Taken taken = catalog().take(List.of(entry("block_xp", null, "v20.0", null), entry("mod_attendance", null, null, null)));
    PluginSpec xp = taken.plugins().get(0);
    assertEquals("https://github.com/FMCorz/moodle-block_xp.git", xp.source());
    assertEquals(new Pin.Tag("v20.0"), xp.pin());
    assertEquals(1, taken.deviations().size());
    Catalog.Choice d = taken.deviations().get(0);
    assertEquals(Catalog.Origin.OVERRIDE, d.origin());
    assertEquals("tag v20.0 instead of the catalog's tag v19.2", d.detail());
  }

  @Test
  void theSamePinWrittenOutIsNoDeviation() throws Exception {
    Catalog.Taken taken = catalog().take(List.of(entry("block_xp", null, "v19.2", null)));
    assertEquals(List.of(), taken.deviations());
  }

  @Test
  void aComponentTheCatalogLacksIsTheSitesOwn() throws Exception {
    Catalog.Taken taken = catalog().take(List.of(
        entry("local_mysite", "https://git.example.org/local_mysite.git", "v1.0", null),
        entry("format_tiles", null, null, null)));
    assertEquals(2, taken.deviations().size());
    assertEquals(Catalog.Origin.OWN, taken.deviations().get(0).origin());
    assertEquals("not in the catalog", taken.deviations().get(1).detail());
    // named alone and not in the catalog: the plugins directory names it, as for any site
    assertTrue(taken.plugins().get(1).sourceFromDirectory());
  }

  @Test
  void twoPinsInACatalogEntryAreRefusedNamingTheCatalog() {
    CodebaseException e = assertThrows(CodebaseException.class, () -> Catalog.of(
        List.of(entry("block_xp", "https://github.com/FMCorz/moodle-block_xp.git", "v19.2", "master")), WHERE));
    assertEquals("In the fleet's <catalog> (/fleet/pom.xml): block_xp: <branch> and <tag> are both set. Keep exactly one of"
        + " <branch>, <tag>, <commit>, <version> or <release> (or none: the newest compatible version) in pom.xml.",
        e.getMessage());
  }

  @Test
  void aComponentTwiceInTheCatalogIsRefused() {
    CodebaseException e = assertThrows(CodebaseException.class, () -> Catalog.of(
        List.of(entry("block_xp", null, "v1", null), entry("block_xp", null, "v2", null)), WHERE));
    assertEquals("block_xp is declared twice in the fleet's <catalog> (/fleet/pom.xml). Keep one <plugin> element for it.",
        e.getMessage());
  }

  @Test
  void anUnknownElementOfACatalogEntryIsNamed() {
    ConfigElement plugin = ConfigElement.parse("<plugin><component>block_xp</component><tga>v1</tga></plugin>");
    CodebaseException e = assertThrows(CodebaseException.class, () -> PluginEntry.of(plugin, "the fleet's <catalog>"));
    assertTrue(e.getMessage().startsWith("block_xp: <tga> is not an element of a <plugin> in the fleet's <catalog>."),
        e.getMessage());
  }
}
