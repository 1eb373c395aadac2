package io.github.moodlecbm.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.inventory.Inventory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The picture of what the plugins need: one box per plugin involved, a line per need, readable for a hundred plugins. */
class DependencyGraphTest {
  private static Inventory.Plugin plugin(String component, Map<String, String> needs) {
    return new Inventory.Plugin(component, component.substring(0, component.indexOf('_')), "x/" + component, null, null, null,
        null, null, List.of(), null, new TreeMap<>(needs), null, "https://example.org/" + component + ".git", "c", "", "tag v1",
        null, List.of(), false);
  }

  private static Inventory inventory(List<Inventory.Plugin> plugins) {
    return new Inventory(new Inventory.Core("s", "c", "version 4.5", "4.5.2", "2024100702.00", "405", "", null, List.of()),
        plugins, new Inventory.Environment(null, null, null));
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
  }

  @Test
  void aLinePerNeedBluePluginsOfTheSiteGreyMoodlesOwn() throws Exception {
    DependencyGraph graph = DependencyGraph.of(inventory(List.of(
        plugin("local_board", Map.of("block_xp", "2024072100", "mod_forum", "ANY_VERSION")),
        plugin("block_xp", Map.of()),
        plugin("theme_alone", Map.of()))));
    assertEquals(List.of(new DependencyGraph.Edge("local_board", "block_xp", "2024072100"),
        new DependencyGraph.Edge("local_board", "mod_forum", "ANY_VERSION")), graph.edges());
    String svg = graph.svg("What <the> plugins need");
    Document doc = parse(svg); // well-formed XML: the title's < and > escaped
    assertEquals(2, doc.getElementsByTagName("path").getLength() - 1, "two lines besides the arrow's head");
    assertTrue(svg.contains(">local_board</text>") && svg.contains(">block_xp</text>")
        && svg.contains(">mod_forum (Moodle's own)</text>"), svg);
    assertFalse(svg.contains("theme_alone"), "a plugin that needs nothing and nothing needs is left out");
    assertTrue(svg.contains("<title>local_board needs block_xp 2024072100 or later</title>"), svg);
    assertTrue(svg.contains("stroke=\"#2a6ebb\"") && svg.contains("stroke=\"#888\""), svg);
  }

  @Test
  void noNeedNoPicture() {
    assertTrue(DependencyGraph.of(inventory(List.of(plugin("block_xp", Map.of())))).isEmpty());
  }

  @Test
  void aHundredPluginsMakeATallNarrowPictureAPhoneScrolls() throws Exception {
    List<Inventory.Plugin> plugins = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      plugins.add(plugin(String.format("local_p%03d", i), Map.of("mod_forum", "ANY_VERSION")));
    }
    String svg = DependencyGraph.of(inventory(plugins)).svg("needs");
    Document doc = parse(svg);
    String[] box = doc.getDocumentElement().getAttribute("viewBox").split(" ");
    assertEquals(900, Integer.parseInt(box[2]), "as wide as a page");
    assertTrue(Integer.parseInt(box[3]) >= 100 * 20, "a row for each plugin, none drawn over another: " + box[3]);
    assertEquals("100%", doc.getDocumentElement().getAttribute("width"), "it shrinks to a phone's width");
  }

  @Test
  void moodleBranchesAreNamedAsMoodleNamesThem() {
    assertEquals("4.5", ReportMessages.branchName("405"));
    assertEquals("5.0", ReportMessages.branchName("500"));
    assertEquals("3.9", ReportMessages.branchName("39"));
    assertEquals("3.11", ReportMessages.branchName("311"));
  }

  @Test
  void aChangelogIsTheReleaseMessageWithoutItsTrailer() {
    assertEquals("Moodle 4.5.2, 2 plugins: 1 updated\n\n~ block_xp v19.1 -> v19.2",
        SiteReport.changelog("Moodle 4.5.2, 2 plugins: 1 updated\n\n~ block_xp v19.1 -> v19.2\n\nSite: g:a:1\nLock-SHA256: x\n"));
  }
}
