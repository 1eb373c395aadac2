package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.BuildState;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.AssembleStage;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.config.BuildSettings;
import io.github.moodlecbm.core.config.ConfigElement;
import io.github.moodlecbm.core.config.ConfigMessages;
import io.github.moodlecbm.core.config.MoodleSpec;
import io.github.moodlecbm.core.config.PluginEntry;
import io.github.moodlecbm.core.config.PluginSpec;
import io.github.moodlecbm.core.fleet.Catalog;
import io.github.moodlecbm.core.fleet.FleetMessages;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import io.github.moodlecbm.core.config.Site;
import io.github.moodlecbm.core.config.UrlRewrites;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.overlay.OverlayFiles;
import io.github.moodlecbm.core.patch.PatchFiles;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.ResolveStage;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.resolve.UpdateReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.github.moodlecbm.core.advisory.AdvisoryMessages;
import io.github.moodlecbm.core.advisory.AdvisorySource;
import io.github.moodlecbm.core.advisory.AdvisorySources;
import io.github.moodlecbm.core.advisory.Audit;
import io.github.moodlecbm.core.advisory.AuditLog;
import io.github.moodlecbm.core.advisory.Severity;
import io.github.moodlecbm.core.report.CachedChecks;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.configuration.PlexusConfiguration;

/**
 * What every goal shares: the site's declaration, the build settings, and one place where the
 * core's exceptions become Maven's. A mistake the user can fix fails the build with its message
 * alone; anything else is an execution error.
 */
abstract class AbstractMoodleMojo extends AbstractMojo {
  /** Where the build state lives in Maven's context of the project: one object, handed from phase to phase. */
  private static final String STATE_CONTEXT_KEY = "io.github.moodlecbm.state";
  /** Set once the build said how the site takes its fleet's catalog. */
  private static final String CATALOG_SAID_KEY = "io.github.moodlecbm.catalogSaid";

  private Site site;

  /**
   * Which Moodle the site runs: exactly one of {@code <version>} ({@code 4.5}, {@code 4.5+},
   * {@code 4.5.3}), {@code <branch>}, {@code <tag>} or {@code <commit>}, and optionally {@code
   * <source>} (default {@code https://github.com/moodle/moodle.git}).
   *
   * <pre>
   * &lt;moodle&gt;
   *   &lt;version&gt;4.5&lt;/version&gt;
   * &lt;/moodle&gt;
   * </pre>
   *
   * @since 0.1.0
   */
  @Parameter private MoodleParameters moodle;

  /**
   * The site's plugins, each with {@code <component>}; optionally {@code <source>} (its git URL;
   * default: the one the Moodle plugins directory gives), at most one pin among {@code <branch>},
   * {@code <tag>}, {@code <commit>}, {@code <version>} ({@code $plugin->version}) and {@code
   * <release>} ({@code $plugin->release}) (none: the newest version that declares it runs on the
   * site's Moodle), and {@code <path>} (the folder inside the repository, for repositories that hold
   * several plugins). In a fleet, a component alone takes the catalog's source and pin.
   *
   * <pre>
   * &lt;plugins&gt;
   *   &lt;plugin&gt;
   *     &lt;component&gt;mod_attendance&lt;/component&gt;
   *     &lt;source&gt;https://github.com/danmarsden/moodle-mod_attendance.git&lt;/source&gt;
   *     &lt;branch&gt;MOODLE_405_STABLE&lt;/branch&gt;
   *   &lt;/plugin&gt;
   * &lt;/plugins&gt;
   * </pre>
   *
   * @since 0.1.0
   */
  @Parameter private List<PluginParameters> plugins;

  /**
   * A fleet's catalog, declared once in the fleet's parent pom (in {@code <pluginManagement>}, with
   * the fleet's {@code <moodle>}): {@code <plugin>} entries exactly like a site's. A site of the
   * fleet that lists a component alone in its {@code <plugins>} takes the catalog's source and
   * pin; a site may give its own pin or source, or a component the catalog lacks: both are its
   * deviations, said with every build and shown by {@code moodle:fleet}.
   *
   * <pre>
   * &lt;catalog&gt;
   *   &lt;plugin&gt;
   *     &lt;component&gt;mod_attendance&lt;/component&gt;
   *     &lt;source&gt;https://github.com/danmarsden/moodle-mod_attendance.git&lt;/source&gt;
   *     &lt;branch&gt;MOODLE_405_STABLE&lt;/branch&gt;
   *   &lt;/plugin&gt;
   * &lt;/catalog&gt;
   * </pre>
   *
   * @since 0.1.0
   */
  @Parameter private PlexusConfiguration catalog;

  /**
   * The mirror cache, shared by every site of the machine. Default: {@code
   * $XDG_CACHE_HOME/moodle-cbm}, else {@code ~/.cache/moodle-cbm}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CACHE_DIR)
  private File cacheDir;

  /**
   * Resolve floating pins (branches, {@code 4.5}, {@code 4.5+}) again and rewrite the lock file.
   * Without it, a build uses the commits of the lock file. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.UPDATE, defaultValue = "false")
  private boolean update;

  /**
   * URL rewrite rules {@code FROM=TO}, applied to every source and submodule URL, longest FROM
   * first. On the command line, separate rules with commas.
   *
   * <pre>
   * &lt;rewrites&gt;
   *   &lt;rewrite&gt;https://github.com/=https://git.example.org/github/&lt;/rewrite&gt;
   * &lt;/rewrites&gt;
   * </pre>
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.REWRITES)
  private List<String> rewrites;

  /**
   * Write the code base's files to {@code outputDirectory}. A build that only releases and
   * publishes sets it to {@code false}: everything downstream works from git objects. Default
   * {@code true}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.WORK_TREE, defaultValue = "true")
  private boolean workTree;

  /**
   * The lock file, committed with the pom. Default {@code moodle.lock} next to the pom.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.LOCK_FILE, defaultValue = "${project.basedir}/moodle.lock")
  private File lockFile;

  /**
   * Where the code base's files are written. Default {@code target/moodle}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.OUTPUT_DIRECTORY, defaultValue = "${project.build.directory}/moodle")
  private File outputDirectory;

  /**
   * The folder of the ssh keys, {@code known_hosts} and {@code config} used for ssh sources.
   * Default {@code ~/.ssh}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SSH_DIRECTORY)
  private File sshDirectory;

  /**
   * Where the Moodle plugins directory is read, for plugins given without a {@code <source>} and
   * pins by {@code <version>} or {@code <release>}: the URL of its API's {@code pluglist.php}
   * (downloaded into the cache folder, again when a day old or with {@code -Dmoodle.update}) or a
   * local copy of it. Default {@code https://download.moodle.org/api/1.3/pluglist.php}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.PLUGIN_DIRECTORY)
  private String pluginDirectory;

  /**
   * Leave out, with a warning, a patch of the site's own ({@code src/main/patches}) that the pinned
   * version already has (it applies in reverse), rather than stop the build: for the time it takes
   * to delete the patch file.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP_APPLIED_PATCHES, defaultValue = "false")
  private boolean skipAppliedPatches;

  /**
   * Where published advisories (security vulnerabilities) are read: the base URL of an OSV API,
   * whose answers are cached in the cache folder and asked again when a day old or with {@code
   * -Dmoodle.update}; a folder or zip of OSV JSON records (OSV's export of the {@code Packagist}
   * ecosystem, for a site without internet access); or {@code none}, to check nothing. Default
   * {@code https://api.osv.dev/v1}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.ADVISORIES)
  private String advisories;

  /**
   * Skip every goal of this plugin. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project.build.directory}/moodle-cbm", readonly = true)
  private File workDirectory;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  private Settings mavenSettings;

  /** Decrypts settings.xml passwords encrypted with Maven's master password. */
  @Component private SettingsDecrypter decrypter;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  /** How the site takes its fleet's catalog, once {@link #site()} has read it; null outside a fleet. */
  private Catalog.Taken taken;
  private String moodleOverride;
  /** The advisory source, once opened by {@link #advisorySource}; null before. */
  private Optional<AdvisorySource> advisorySource;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info(ConfigMessages.skipping());
      return;
    }
    if ("pom".equals(project.getPackaging()) && needsSite()) {
      // a fleet's root or its sites folder: the goal runs for each site, its modules
      getLog().info(FleetMessages.skipsPom(mojoExecution.getGoal(), project.getArtifactId()));
      return;
    }
    try {
      if (needsSite()) {
        site = site();
      }
      try (Workspace workspace = new Workspace(settings(), new MavenBuildLog(getLog()), Fleet.ledger(session))) {
        run(workspace);
      }
    } catch (CodebaseException | IOException | RuntimeException e) {
      Failures.raise(e, getLog());
    }
  }

  /** Whether the goal works on the site the pom declares (every goal but those of a whole fleet). */
  boolean needsSite() {
    return true;
  }

  /** The goal's work, in the stages of the core. */
  abstract void run(Workspace workspace) throws CodebaseException, IOException;

  /** The site as the pom declares it. */
  Site site() throws CodebaseException, IOException {
    if (site != null) {
      return site;
    }
    List<PluginEntry> entries = new ArrayList<>();
    if (plugins != null) {
      for (PluginParameters p : plugins) {
        entries.add(p.toEntry());
      }
    }
    MoodleSpec moodleSpec;
    List<PluginSpec> specs = new ArrayList<>();
    if (catalog != null) {
      Catalog.Taken taken = Fleet.catalog(catalog, project).take(entries);
      specs.addAll(taken.plugins());
      Optional<MoodleSpec> own = Fleet.ownMoodle(project);
      moodleSpec = own.isPresent() ? own.get() : moodle == null ? null : moodle.toSpec();
      String override = Fleet.moodleOverride(project);
      this.taken = taken;
      this.moodleOverride = override;
      if (project.getContextValue(CATALOG_SAID_KEY) == null) {
        project.setContextValue(CATALOG_SAID_KEY, Boolean.TRUE);
        getLog().info(FleetMessages.takes(taken, override));
      }
    } else {
      for (PluginEntry e : entries) {
        specs.add(e.toSpec());
      }
      moodleSpec = moodle == null ? null : moodle.toSpec();
    }
    if (moodleSpec == null) {
      throw new CodebaseException(ConfigMessages.noMoodleElement());
    }
    Path basedir = project.getBasedir().toPath();
    site = Site.of(moodleSpec, specs, PatchFiles.read(basedir)).withOverlay(OverlayFiles.read(basedir).orElse(null));
    return site;
  }

  /**
   * Which of the site's pins the fleet's catalog holds, by component ({@code moodle}: the fleet's
   * {@code <moodle>}); empty outside a fleet.
   */
  Map<String, Boolean> catalogPins() throws CodebaseException, IOException {
    site();
    Map<String, Boolean> pins = new LinkedHashMap<>();
    if (taken != null) {
      pins.put("moodle", moodleOverride == null && Fleet.ownMoodle(project).isEmpty());
      taken.choices().forEach(c -> pins.put(c.component(), c.pinFromCatalog()));
    }
    return pins;
  }

  /** Whether this goal runs for several sites of the site's fleet in this build: it then answers for the fleet. */
  boolean inFleetBuild() {
    return Fleet.inFleetBuild(session, project);
  }

  /** What the goals of this build of the site handed each other so far. */
  BuildState state() {
    Object state = project.getContextValue(STATE_CONTEXT_KEY);
    if (state instanceof BuildState s) {
      return s;
    }
    BuildState fresh = new BuildState();
    project.setContextValue(STATE_CONTEXT_KEY, fresh);
    return fresh;
  }

  /** The code base assembled earlier in this build, or resolved and assembled now. */
  Assembled assembled(Workspace workspace) throws CodebaseException, IOException {
    Optional<Assembled> known = state().assembled();
    if (known.isPresent()) {
      return known.get();
    }
    return assemble(workspace);
  }

  /** The site resolved and its code base assembled now, for the rest of the build. */
  Assembled assemble(Workspace workspace) throws CodebaseException, IOException {
    Assembled a = new AssembleStage(workspace).assemble(new ResolveStage(workspace).resolve(site()));
    state().assembled(a);
    return a;
  }

  File lockFile() {
    return lockFile;
  }

  /**
   * The advisory source {@code moodle.advisories} names, opened once for this goal (a local copy of
   * OSV's records is read once); empty for {@code none}.
   */
  Optional<AdvisorySource> advisorySource(Workspace workspace) throws CodebaseException {
    if (advisorySource == null) {
      BuildSettings s = workspace.settings();
      advisorySource = AdvisorySources.open(advisories, s.cacheDir(), s.update(), s.offline(), workspace.mirrors(),
          workspace.log());
    }
    return advisorySource;
  }


  /**
   * The published advisories of the code base assembled, asked once per build of it; empty when
   * {@code moodle.advisories} is {@code none}. {@code print}: says them, one warning each.
   */
  Optional<Audit.Report> audited(Workspace workspace, boolean print) throws CodebaseException, IOException {
    Optional<Audit.Report> known = state().audited();
    if (known.isPresent()) {
      return known;
    }
    Optional<AdvisorySource> source = advisorySource(workspace);
    if (source.isEmpty()) {
      workspace.log().info(AdvisoryMessages.notChecked());
      return Optional.empty();
    }
    Lock lock = assembled(workspace).lock();
    Audit.Report report = new Audit(source.get(), workspace.mirrors()).audit(lock);
    remember(report, lock);
    if (print) {
      AuditLog.printWarnings(report, workspace.log());
    }
    return Optional.of(report);
  }

  /** The audit of {@code lock} for the rest of this build, and in {@code target/} for the site report. */
  void remember(Audit.Report report, Lock lock) throws IOException {
    state().audited(report);
    CachedChecks.write(CachedChecks.auditFile(Path.of(project.getBuild().getDirectory())),
        CachedChecks.of(report, lock.tree(), java.time.Instant.now()));
  }

  /**
   * The updates of {@code report} that remove published advisories: the identifiers each removes,
   * by component; empty when advisories are not checked.
   */
  Map<String, List<String>> securityUpdates(Workspace workspace, UpdateCheck.Report report) throws CodebaseException, IOException {
    Optional<Audit.Report> audit = audited(workspace, false);
    if (audit.isEmpty()) {
      return Map.of();
    }
    AuditLog.printUnchecked(audit.get(), workspace.log());
    Map<String, org.eclipse.jgit.lib.ObjectId> moves = new LinkedHashMap<>();
    for (UpdateCheck.Row row : UpdateReport.rows(report)) {
      if (row.canMove()) {
        moves.put(row.component(), row.sameLineCommit());
      }
    }
    return new Audit(advisorySource(workspace).orElseThrow(), workspace.mirrors())
        .removedBy(audit.get(), assembled(workspace).lock(), moves);
  }

  /** The severity a {@code failOnAdvisories} parameter names; null when unset. */
  static Severity threshold(String name) throws CodebaseException {
    if (name == null || name.isBlank()) {
      return null;
    }
    return Severity.ofWord(name.trim()).orElseThrow(() -> new CodebaseException(AdvisoryMessages.unknownSeverityName(name.trim())));
  }

  /**
   * For a report: Maven gives a report the plugin's configuration from {@code <reporting>} and
   * {@code <pluginManagement>}, not from {@code <build><plugins>}, where a site sets its cache,
   * rewrites and lock file. This takes those the report's own configuration leaves unset.
   */
  void inheritBuildConfiguration() {
    Optional<ConfigElement> build = Fleet.configuration(project);
    if (build.isEmpty()) {
      return;
    }
    if (cacheDir == null) {
      build.get().childText("cacheDir").ifPresent(v -> cacheDir = project.getBasedir().toPath().resolve(v).toFile());
    }
    if (rewrites == null || rewrites.isEmpty()) {
      List<String> rules = build.get().child("rewrites").map(r -> r.children("rewrite").stream().map(ConfigElement::text)
          .filter(t -> !t.isEmpty()).toList()).orElse(List.of());
      if (!rules.isEmpty()) {
        rewrites = rules;
      }
    }
    if (lockFile.equals(new File(project.getBasedir(), "moodle.lock"))) {
      build.get().childText("lockFile").ifPresent(v -> lockFile = project.getBasedir().toPath().resolve(v).toFile());
    }
  }

  /** The build's settings, as this goal's parameters give them. */
  BuildSettings settings() throws CodebaseException {
    Path cache = cacheDir != null
        ? cacheDir.toPath()
        : MirrorCache.defaultDirectory(System.getenv(), Path.of(System.getProperty("user.home")));
    return new BuildSettings(
        lockFile.toPath(),
        cache.toAbsolutePath(),
        UrlRewrites.parse(rewrites).withUserGitConfig(),
        workDirectory.toPath(),
        outputDirectory.toPath(),
        update,
        session.isOffline(),
        workTree,
        servers(),
        sshDirectory == null ? BuildSettings.defaultSshDirectory() : sshDirectory.toPath(),
        pluginDirectory == null || pluginDirectory.isBlank() ? BuildSettings.DEFAULT_PLUGIN_DIRECTORY : pluginDirectory.trim(),
        skipAppliedPatches);
  }

  /** Every settings.xml server with a user name or password, passwords decrypted. */
  private Servers servers() throws CodebaseException {
    List<ServerCredentials> servers = new ArrayList<>();
    for (Server server : mavenSettings.getServers()) {
      if (server.getUsername() == null && server.getPassword() == null) {
        continue;
      }
      SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
      for (SettingsProblem problem : result.getProblems()) {
        if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
          throw new CodebaseException(ConfigMessages.undecryptablePassword(server.getId(), problem.getMessage()));
        }
      }
      Server decrypted = result.getServer();
      servers.add(new ServerCredentials(decrypted.getId(),
          decrypted.getUsername() == null ? "" : decrypted.getUsername(),
          decrypted.getPassword() == null ? "" : decrypted.getPassword()));
    }
    return new Servers(servers);
  }
}
