package io.github.moodlecbm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.mirror.FetchLedger;
import io.github.moodlecbm.fixture.Ecosystem;
import io.github.moodlecbm.fixture.FakePlugin;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.HttpGitServer;
import io.github.moodlecbm.fixture.RecordingLog;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sites of one reactor build share a fetch ledger: a source that several sites use is fetched
 * once between them, however many sites and goals ask for it.
 */
class FleetFetchTest {
  @TempDir static Path shared;
  static Ecosystem eco;
  static HttpGitServer host;
  @TempDir Path tmp;

  private static final String REPO = "team/moodle-local_shared.git";

  @BeforeAll
  static void start() {
    eco = Ecosystem.create(shared.resolve("world"), 0);
    try (GitFixture plugin = GitFixture.init(shared.resolve("hosted/" + REPO))) {
      plugin.onBranch("main").commit("1.0", FakePlugin.files("", "local_shared", 2024100700L, "1.0", null, "2024100700"))
          .tag("v1.0").pack();
    }
    host = HttpGitServer.open(shared.resolve("hosted"));
  }

  @AfterAll
  static void stop() {
    host.close();
  }

  private int buildSites(Path root, FetchLedger first, FetchLedger second) throws Exception {
    Site site = SiteBuilds.site("4.5", PluginSpec.declare("local_shared", host.url(REPO), "main", null, null, null));
    int before = host.requests(REPO);
    RecordingLog log = new RecordingLog();
    // -Dmoodle.update: every floating pin is fetched again, by each site that has it
    for (String name : new String[] {"law", "arts"}) {
      var settings = SiteBuilds.settings(eco, root.resolve(name), tmp.resolve("cache"), true).workTree(false);
      try (Workspace workspace = new Workspace(settings, log, name.equals("law") ? first : second)) {
        SiteBuilds.assemble(workspace, site);
      }
    }
    return host.requests(REPO) - before;
  }

  @Test
  void sitesSharingALedgerFetchASourceOnce() throws Exception {
    // a mirror to update, as a warm fleet has
    buildSites(tmp.resolve("warm"), new FetchLedger(), new FetchLedger());

    int separate = buildSites(tmp.resolve("separate"), new FetchLedger(), new FetchLedger());
    FetchLedger ledger = new FetchLedger();
    int together = buildSites(tmp.resolve("together"), ledger, ledger);

    assertTrue(separate > 0, "each site alone fetches the source: " + separate + " requests");
    assertEquals(separate / 2, together, "two sites under one ledger make the requests of one");
    assertEquals(2, ledger.fetched(), "Moodle and local_shared, once each");
  }
}
