package io.github.moodlecbm.maven;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.AssembleStage;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.ResolveStage;
import io.github.moodlecbm.core.resolve.UpdateCheck;
import io.github.moodlecbm.core.resolve.Updates;
import io.github.moodlecbm.core.config.PomEditor;
import io.github.moodlecbm.core.config.PomFile;
import io.github.moodlecbm.core.fleet.FleetAnswers;
import io.github.moodlecbm.core.fleet.FleetMessages;
import java.io.IOException;
import io.github.moodlecbm.core.advisory.AdvisoryMessages;
import java.util.Map;
import org.apache.maven.project.MavenProject;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Takes the updates {@code moodle:outdated} lists: Moodle's {@code 4.5} (newest point release)
 * and {@code 4.5+}, plugin branches and automatic pins move to their newest commit that runs on
 * the site's Moodle, by rewriting the lock; exact pins (a plugin's {@code <tag>}, Moodle's
 * {@code <version>4.5.2</version>}) move to the newer compatible release in pom.xml, every other
 * byte of it unchanged. Then {@code mvn package} builds, verifies and releases them.
 *
 * @since 0.1.0
 */
@Mojo(name = "update", threadSafe = true)
public final class UpdateMojo extends AbstractMoodleMojo {
  /**
   * The components to update, comma-separated, {@code *} matching any text: {@code
   * mod_*,block_xp}; {@code moodle} is Moodle itself. Default: all.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INCLUDES)
  private String includes;

  /**
   * Take only the updates that remove a published advisory affecting the code base (see {@code
   * moodle:audit}): for Moodle, the point release of the site's branch, never a new major; for a
   * plugin, the newer version on its pin's line that no longer has it. With {@code
   * moodle.includes}, among those it names. Default {@code false}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.SECURITY_ONLY, defaultValue = "false")
  private boolean securityOnly;

  @Override
  void run(Workspace workspace) throws CodebaseException, IOException {
    Optional<Lock> before = workspace.lockFile().read();
    Predicate<String> named = Updates.matcher(includes);
    UpdateCheck.Report report = new UpdateCheck(workspace.mirrors(), workspace.settings().offline())
        .check(site(), assembled(workspace).lock());
    Predicate<String> which = named;
    if (securityOnly) {
      Map<String, List<String>> security = securityUpdates(workspace, report);
      security.forEach((component, ids) -> workspace.log().info(AdvisoryMessages.securityUpdate(component, ids)));
      which = named.and(security::containsKey);
      if (security.keySet().stream().noneMatch(named)) {
        workspace.log().info(AdvisoryMessages.noSecurityUpdate());
        return;
      }
    }
    // The pins the fleet's catalog holds move in the catalog, for every site that takes them, never here.
    Map<String, Boolean> catalogPins = catalogPins();
    Predicate<String> taken = which;
    Predicate<String> own = who -> taken.test(who) && !catalogPins.getOrDefault(who, false);
    List<String> repinned = Updates.repin(report, own, project.getFile().toPath());
    Assembled after = new AssembleStage(workspace).assemble(new ResolveStage(workspace).update(site(), which));
    state().assembled(after);
    Updates.report(before, after.lock(), repinned, includes, workspace.lockFile().path(), workspace.log());
    if (catalogPins.isEmpty()) {
      return;
    }
    FleetAnswers.SiteUpdates mine = new FleetAnswers.SiteUpdates(project.getArtifactId(), report, catalogPins);
    Optional<List<FleetAnswers.SiteUpdates>> fleet =
        inFleetBuild() ? Fleet.deposit(session, project, "update", mine) : Optional.empty();
    if (fleet.isEmpty()) {
      if (!inFleetBuild()) {
        FleetAnswers.catalogUpdate(List.of(mine), which).changes()
            .forEach(c -> workspace.log().warn(FleetMessages.catalogPinNotMoved(c.component(), c.value())));
      }
      return;
    }
    FleetAnswers.CatalogUpdate update = FleetAnswers.catalogUpdate(fleet.get(), which);
    MavenProject owner = Fleet.catalogOwner(project).orElseThrow();
    PomFile.of(owner.getFile().toPath()).edit(text -> {
      String edited = text;
      for (FleetAnswers.CatalogChange c : update.changes()) {
        edited = c.component().equals("moodle") ? PomEditor.setMoodleVersion(edited, c.value())
            : PomEditor.setCatalogElement(edited, c.component(), c.element(), c.value());
      }
      return edited;
    });
    for (FleetAnswers.CatalogChange c : update.changes()) {
      workspace.log().info(FleetMessages.catalogMoved(c.component(), c.element(), c.value(), c.sites(), owner.getFile().getPath()));
    }
    update.disagreements().forEach(workspace.log()::warn);
    if (update.changes().isEmpty() && update.disagreements().isEmpty()) {
      workspace.log().info(FleetMessages.catalogUnchanged());
    }
  }
}
