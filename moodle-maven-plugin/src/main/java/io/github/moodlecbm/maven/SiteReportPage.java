package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.inventory.Inventory;
import io.github.moodlecbm.core.inventory.SourceLinks;
import io.github.moodlecbm.core.report.CachedChecks;
import io.github.moodlecbm.core.report.DependencyGraph;
import io.github.moodlecbm.core.report.ReportMessages;
import io.github.moodlecbm.core.report.SiteReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import io.github.moodlecbm.core.release.Manifest;
import org.apache.maven.doxia.sink.Sink;

/**
 * The site report as Doxia writes it, in the Maven site's look: plain HTML (tables, lists, links
 * and an inline SVG), no script, so that it reads on a phone and prints. The words come from
 * {@link ReportMessages}.
 */
final class SiteReportPage {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final Sink sink;
  private final SiteReport report;
  private final String svgFile;

  SiteReportPage(Sink sink, SiteReport report, String svgFile) {
    this.sink = sink;
    this.report = report;
    this.svgFile = svgFile;
  }

  void render() {
    sink.head();
    sink.title();
    sink.text(ReportMessages.title(report.site()));
    sink.title_();
    sink.head_();
    sink.body();
    // long component names and URLs wrap rather than widen the page past a phone's screen
    sink.rawText("<style>td, th, code, h1, h2, h3 { overflow-wrap: anywhere; } svg { height: auto; }</style>");
    sink.section1();
    sink.sectionTitle1();
    sink.text(ReportMessages.title(report.site()));
    sink.sectionTitle1_();
    paragraph(ReportMessages.intro());
    overview();
    plugins();
    dependencies();
    history();
    advisories();
    updates();
    sink.section1_();
    sink.body_();
    sink.flush();
    sink.close();
  }

  private void overview() {
    Inventory inv = report.inventory();
    Inventory.Core core = inv.moodle();
    section2(ReportMessages.overview(), "overview");
    sink.table();
    sink.tableRows();
    row(ReportMessages.site(), report.site());
    sink.tableRow();
    header(ReportMessages.moodle());
    sink.tableCell();
    sink.text(ReportMessages.moodleRelease(core.release(), core.branch(), core.pin()));
    sink.lineBreak();
    source(core.source(), core.commit());
    sink.tableCell_();
    sink.tableRow_();
    Inventory.Environment env = inv.environment();
    row(ReportMessages.php(), env.php() == null ? ReportMessages.notStated() : ReportMessages.atLeast(env.php())
        + (env.phpExtensions().isEmpty() ? "" : ReportMessages.extensions(env.phpExtensions())));
    row(ReportMessages.databases(), env.databases().isEmpty() ? ReportMessages.notStated() : ReportMessages.databaseList(env.databases()));
    row(ReportMessages.pluginCount(), ReportMessages.byType(inv.plugins().size(), report.pluginsByType()));
    SiteReport.Release current = report.current();
    if (current == null) {
      row(ReportMessages.release(), ReportMessages.noRelease());
    } else {
      sink.tableRow();
      header(ReportMessages.release());
      sink.tableCell();
      sink.text(current.tag() + ", " + DATE.format(current.time()) + " ");
      sink.link("#release-" + current.tag());
      sink.text(ReportMessages.changelogLink());
      sink.link_();
      sink.tableCell_();
      sink.tableRow_();
      row(ReportMessages.verification(), ReportMessages.state(current.verification()));
      row(ReportMessages.installTest(), ReportMessages.installTestState(current.installTest()));
    }
    sink.tableRows_();
    sink.table_();
    sink.section2_();
  }

  private void plugins() {
    List<Inventory.Plugin> plugins = report.inventory().plugins();
    section2(ReportMessages.plugins(plugins.size()), "plugins");
    if (plugins.isEmpty()) {
      paragraph(ReportMessages.noPlugins());
      sink.section2_();
      return;
    }
    // A table of what a reader scans first, three columns a phone shows; each plugin's details below, two columns wide.
    sink.table();
    sink.tableRows();
    sink.tableRow();
    for (String h : ReportMessages.pluginColumns()) {
      header(h);
    }
    sink.tableRow_();
    for (Inventory.Plugin p : plugins) {
      sink.tableRow();
      sink.tableCell();
      sink.link("#" + p.component());
      sink.text(p.name() == null ? p.component() : p.name());
      sink.link_();
      if (p.name() != null) {
        sink.lineBreak();
        sink.monospaced();
        sink.text(p.component());
        sink.monospaced_();
      }
      sink.tableCell_();
      cell(ReportMessages.versionOf(p.release(), p.version()));
      cell(p.pin());
      sink.tableRow_();
    }
    sink.tableRows_();
    sink.table_();
    for (Inventory.Plugin p : plugins) {
      sink.anchor(p.component());
      sink.anchor_();
      sink.section3();
      sink.sectionTitle3();
      sink.text(p.name() == null ? p.component() : p.name() + " (" + p.component() + ")");
      sink.sectionTitle3_();
      sink.table();
      sink.tableRows();
      row(ReportMessages.type(), p.type());
      row(ReportMessages.installPath(), p.installPath());
      row(ReportMessages.version(), ReportMessages.versionOf(p.release(), p.version()));
      row(ReportMessages.maturity(), p.maturity() == null ? ReportMessages.notStated() : ReportMessages.maturity(p.maturity()));
      row(ReportMessages.pin(), p.why() == null ? p.pin() : p.pin() + " (" + p.why() + ")");
      sink.tableRow();
      header(ReportMessages.source());
      sink.tableCell();
      if (p.overlay()) {
        sink.text(ReportMessages.overlaySource());
      } else {
        source(p.source(), p.commit());
        if (!p.path().isEmpty()) {
          sink.text(" " + ReportMessages.inFolder(p.path()));
        }
      }
      sink.tableCell_();
      sink.tableRow_();
      row(ReportMessages.requires(), ReportMessages.requirement(p.requires(), p.supported(), p.incompatible()));
      row(ReportMessages.dependencies(), ReportMessages.dependencyList(p.dependencies()));
      row(ReportMessages.licence(), p.licence() == null ? ReportMessages.notStated() : p.licence());
      row(ReportMessages.localChanges(), ReportMessages.local(p.patches(), p.overlay()));
      sink.tableRows_();
      sink.table_();
      sink.section3_();
    }
    sink.section2_();
  }

  private void dependencies() {
    section2(ReportMessages.dependenciesTitle(), "dependencies");
    DependencyGraph graph = DependencyGraph.of(report.inventory());
    if (graph.isEmpty()) {
      paragraph(ReportMessages.noDependencies());
    } else {
      paragraph(ReportMessages.graphIntro(graph.edges().size()));
      sink.rawText(graph.svg(ReportMessages.dependenciesTitle()));
      sink.paragraph();
      sink.link(svgFile);
      sink.text(ReportMessages.graphAlone());
      sink.link_();
      sink.paragraph_();
    }
    sink.section2_();
  }

  private void history() {
    section2(ReportMessages.historyTitle(), "history");
    if (report.history().isEmpty()) {
      paragraph(ReportMessages.noRelease());
      sink.section2_();
      return;
    }
    sink.table();
    sink.tableRows();
    sink.tableRow();
    for (String h : ReportMessages.historyColumns()) {
      header(h);
    }
    sink.tableRow_();
    List<SiteReport.Release> releases = report.history();
    for (int i = 0; i < releases.size(); i++) {
      SiteReport.Release r = releases.get(i);
      sink.tableRow();
      sink.tableCell();
      sink.link("#release-" + r.tag());
      sink.text(r.tag());
      sink.link_();
      sink.tableCell_();
      cell(DATE.format(r.time()));
      cell(r.moodle());
      cell(r.changelog().lines().findFirst().orElse(""));
      sink.tableRow_();
    }
    sink.tableRows_();
    sink.table_();
    for (int i = 0; i < releases.size(); i++) {
      SiteReport.Release r = releases.get(i);
      sink.anchor("release-" + r.tag());
      sink.anchor_();
      sink.section3();
      sink.sectionTitle3();
      sink.text(r.tag() + ", " + DATE.format(r.time()));
      sink.sectionTitle3_();
      sink.verbatim();
      sink.text(r.changelog());
      sink.verbatim_();
      if (r.image() != null) {
        paragraph(ReportMessages.image(r.image().reference(), r.image().digest()));
      }
      if (!r.impactFromPrevious().isEmpty()) {
        SiteReport.Release previous = releases.get(i + 1);
        sink.paragraph();
        sink.text(ReportMessages.impactFrom());
        sink.link("#release-" + previous.tag());
        sink.text(previous.tag());
        sink.link_();
        sink.text(" " + ReportMessages.impactCommand(previous.tag(), r.tag()));
        sink.paragraph_();
        sink.verbatim();
        sink.text(String.join("\n", r.impactFromPrevious()));
        sink.verbatim_();
      }
      sink.section3_();
    }
    sink.section2_();
  }

  /** The advisories the current release records, and the last check's, a row each. */
  private void advisories() {
    section2(ReportMessages.advisoriesTitle(), "advisories");
    Optional<Manifest.Advisories> recorded = report.advisories();
    if (report.current() != null) {
      if (recorded.isEmpty()) {
        paragraph(ReportMessages.advisoriesNotChecked());
      } else {
        Manifest.Advisories a = recorded.get();
        paragraph(ReportMessages.advisoriesAtRelease(report.current().tag(), a.source(), a.affecting().size(), a.fixed().size()));
        if (!a.affecting().isEmpty() || !a.fixed().isEmpty()) {
          advisoryTable(() -> {
            a.affecting().forEach(x -> advisoryRow(x.component(), x.ids(), x.severity(), x.summary(), ""));
            a.fixed().forEach(x -> advisoryRow(x.component(), x.ids(), x.severity(), x.summary(), ReportMessages.fixedInRelease()));
          });
        }
      }
    }
    report.audited().ifPresent(c -> {
      paragraph(ReportMessages.auditedAt(c.when(), c.source(), c.rows().size()));
      if (!c.rows().isEmpty()) {
        advisoryTable(() -> c.rows().forEach(l -> advisoryRow(l.component(), l.ids(), l.severity(), l.summary(), l.fix())));
      }
    });
    sink.section2_();
  }

  private void advisoryTable(Runnable rows) {
    sink.table();
    sink.tableRows();
    sink.tableRow();
    for (String h : ReportMessages.advisoryColumns()) {
      header(h);
    }
    sink.tableRow_();
    rows.run();
    sink.tableRows_();
    sink.table_();
  }

  private void advisoryRow(String component, List<String> ids, String severity, String summary, String fix) {
    sink.tableRow();
    cell(component);
    cell(String.join(", ", ids));
    cell(severity == null ? "" : severity);
    cell(summary == null ? "" : summary);
    cell(fix == null ? "" : fix);
    sink.tableRow_();
  }

  private void updates() {
    section2(ReportMessages.updatesTitle(), "updates");
    Optional<CachedChecks.Outdated> outdated = report.outdated();
    if (outdated.isEmpty()) {
      paragraph(ReportMessages.noOutdated());
    } else {
      paragraph(ReportMessages.outdatedAt(outdated.get().when()));
      sink.table();
      sink.tableRows();
      sink.tableRow();
      for (String h : ReportMessages.outdatedColumns()) {
        header(h);
      }
      sink.tableRow_();
      for (CachedChecks.Outdated.Line l : outdated.get().rows()) {
        sink.tableRow();
        cell(l.component());
        cell(l.locked());
        cell(l.newestForThisMoodle().isEmpty() ? ReportMessages.upToDate() : l.newestForThisMoodle());
        cell(l.newest());
        cell(l.needs());
        sink.tableRow_();
      }
      sink.tableRows_();
      sink.table_();
    }
    Optional<CachedChecks.Upgrade> upgrade = report.upgrade();
    if (upgrade.isEmpty()) {
      paragraph(ReportMessages.noUpgradeCheck());
    } else {
      CachedChecks.Upgrade u = upgrade.get();
      paragraph(ReportMessages.upgradeAt(u.from(), u.target(), u.when()));
      sink.table();
      sink.tableRows();
      sink.tableRow();
      for (String h : ReportMessages.upgradeColumns()) {
        header(h);
      }
      sink.tableRow_();
      for (CachedChecks.Upgrade.Line l : u.rows()) {
        sink.tableRow();
        cell(l.component());
        cell(ReportMessages.verdict(l.verdict()));
        cell(l.detail());
        cell(l.targetInstallPath());
        sink.tableRow_();
      }
      sink.tableRows_();
      sink.table_();
    }
    sink.section2_();
  }

  private void source(String url, String commit) {
    if (url == null) {
      sink.text(ReportMessages.notStated());
      return;
    }
    Optional<String> page = SourceLinks.repository(url);
    String shown = SourceLinks.withoutCredentials(url);
    if (page.isPresent()) {
      sink.link(page.get());
      sink.text(shown);
      sink.link_();
    } else {
      sink.text(shown);
    }
    if (commit != null) {
      sink.text(" ");
      Optional<String> at = SourceLinks.commit(url, commit);
      String abbrev = commit.substring(0, Math.min(10, commit.length()));
      if (at.isPresent()) {
        sink.link(at.get());
        sink.monospaced();
        sink.text(abbrev);
        sink.monospaced_();
        sink.link_();
      } else {
        sink.monospaced();
        sink.text(abbrev);
        sink.monospaced_();
      }
    }
  }

  private void section2(String title, String anchor) {
    sink.anchor(anchor);
    sink.anchor_();
    sink.section2();
    sink.sectionTitle2();
    sink.text(title);
    sink.sectionTitle2_();
  }

  private void paragraph(String text) {
    sink.paragraph();
    sink.text(text);
    sink.paragraph_();
  }

  private void row(String key, String value) {
    sink.tableRow();
    header(key);
    cell(value);
    sink.tableRow_();
  }

  private void header(String text) {
    sink.tableHeaderCell();
    sink.text(text);
    sink.tableHeaderCell_();
  }

  private void cell(String text) {
    sink.tableCell();
    sink.text(text == null ? "" : text);
    sink.tableCell_();
  }
}
