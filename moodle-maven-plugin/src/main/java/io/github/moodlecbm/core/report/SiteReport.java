package io.github.moodlecbm.core.report;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.inventory.Inventory;
import io.github.moodlecbm.core.mirror.MirrorCache;
import io.github.moodlecbm.core.image.ImageStage;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Everything the site report shows, gathered from what is on this machine (the lock and the code
 * base's tree, the release repository, the mirrors, the last checks' answers), never from the
 * network: what the site runs, the releases it had, and what is known of its updates.
 *
 * @param site {@code groupId:artifactId:version}
 * @param inventory what the code base holds
 * @param current the newest release, or null before the first
 * @param history the releases, newest first
 * @param outdated the last {@code moodle:outdated}'s answer, if it ran
 * @param upgrade the last {@code moodle:upgrade-check}'s answer, if it ran
 * @param advisories the published advisories the current release's manifest records (known when it was made)
 * @param audited the last check of advisories ({@code moodle:audit} or a build), if one ran
 */
public record SiteReport(String site, Inventory inventory, Release current, List<Release> history,
    Optional<CachedChecks.Outdated> outdated, Optional<CachedChecks.Upgrade> upgrade,
    Optional<Manifest.Advisories> advisories, Optional<CachedChecks.Audited> audited) {

  /**
   * One release.
   *
   * @param changelog the release commit's message: the changelog in Moodle's terms
   * @param verification {@code passed} or {@code skipped}, as its manifest records it; null if unknown
   * @param installTest {@code passed}, {@code skipped}, or null when it did not run
   * @param impactFromPrevious the upgrade impact from the release before it ({@code moodle:diff}), empty for the first
   * @param image the container image built of it ({@code moodle:image}): its reference and digest; null when none was
   */
  public record Release(String tag, Instant time, String moodle, String changelog, String verification, String installTest,
      List<String> impactFromPrevious, ImageStage.Recorded image) {}

  /** The number of plugins of each type, types in alphabetical order. */
  public Map<String, Integer> pluginsByType() {
    Map<String, Integer> counts = new TreeMap<>();
    inventory.plugins().forEach(p -> counts.merge(p.type(), 1, Integer::sum));
    return counts;
  }

  /**
   * The report of a site whose code base is {@code inventory}, with the releases of {@code branch}
   * in the release repository at {@code releases} (which may not exist yet).
   */
  public static SiteReport of(String site, Inventory inventory, Path releases, String branch, MirrorCache mirrors,
      Path buildDirectory) throws IOException {
    List<Release> history = new ArrayList<>();
    Optional<Manifest.Advisories> advisories = Optional.empty();
    if (ReleaseRepository.exists(releases)) {
      try (ReleaseRepository repository = ReleaseRepository.open(releases)) {
        ReleaseHistory h = new ReleaseHistory(repository);
        List<ReleaseHistory.Entry> entries = h.list(branch);
        for (int i = 0; i < entries.size(); i++) {
          ReleaseHistory.Entry e = entries.get(i);
          Optional<Manifest> m = repository.manifest(e.tag());
          if (i == 0) {
            advisories = m.map(Manifest::advisories);
          }
          RevCommit commit = repository.repository().parseCommit(e.commit());
          List<String> impact = List.of();
          if (i + 1 < entries.size()) {
            try {
              impact = h.impact(entries.get(i + 1).tag(), e.tag(), mirrors);
            } catch (CodebaseException unreadable) {
              impact = List.of(unreadable.getMessage());
            }
          }
          history.add(new Release(e.tag(), e.time(), e.moodle(), changelog(commit.getFullMessage()),
              m.map(x -> x.verification() == null ? null : x.verification().toString()).orElse(null),
              m.map(x -> x.installTest() == null ? null : x.installTest().toString()).orElse(null), impact,
              ImageStage.recorded(repository, commit).orElse(null)));
        }
      }
    }
    return new SiteReport(site, inventory, history.isEmpty() ? null : history.get(0), history,
        CachedChecks.read(CachedChecks.outdatedFile(buildDirectory), CachedChecks.Outdated.class),
        CachedChecks.read(CachedChecks.upgradeFile(buildDirectory), CachedChecks.Upgrade.class), advisories,
        CachedChecks.read(CachedChecks.auditFile(buildDirectory), CachedChecks.Audited.class));
  }

  /** A release commit's message without its trailer lines ({@code Site:}, {@code Lock-SHA256:}, ...). */
  static String changelog(String message) {
    int trailer = message.indexOf("\nSite: ");
    return (trailer < 0 ? message : message.substring(0, trailer)).strip();
  }
}
