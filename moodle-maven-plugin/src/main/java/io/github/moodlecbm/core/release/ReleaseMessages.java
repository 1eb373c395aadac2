package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What releases say: every sentence of this package, in one place. */
public final class ReleaseMessages {
  private ReleaseMessages() {}

  static String noRepositoryYet(Path repository) {
    return "There is no release repository at " + repository + " yet: mvn package makes the first release.";
  }

  static String showingLocal(Path repository) {
    return "Showing the releases of " + repository + " as they are.";
  }

  static String unchanged(String tag) {
    return "Code base unchanged since " + tag + ": no new release.";
  }

  static String made(Released r, Path repository, double seconds) {
    return "Release " + r.tag() + " (commit " + r.commit().abbreviate(10).name() + ") in " + repository
        + String.format(Locale.ROOT, ", made in %.2f s", seconds);
  }

  static String objectsCopied(long objects, long reused, long deltas, double seconds) {
    return "Copied " + objects + " objects of the code base into the release repository"
        + String.format(Locale.ROOT, " in %.2f s", seconds)
        + (objects == 0 ? "" : ", " + reused + " as the mirrors store them (" + deltas + " of them deltas)");
  }

  static String noRemote(Path repository) {
    return "No release remote (<releaseRemote> or " + PropertyNames.flag(PropertyNames.RELEASE_REMOTE)
        + "): the releases stay in " + repository + ". Set one so that servers can pull them.";
  }

  static String remoteHasAll(String url, String branch) {
    return "The release remote " + url + " has every release already (branch " + branch + ").";
  }

  static String published(List<String> tags, String url, String branch) {
    return "Published " + String.join(", ", tags) + " to " + url + " (branch " + branch + ").";
  }

  static String noReleaseYet(String branch, Path repository) {
    return "No release yet on branch " + branch + " of " + repository + ".";
  }

  static String releaseCount(int count, String branch, Path repository) {
    return count + " release" + (count == 1 ? "" : "s") + " on branch " + branch + " of " + repository;
  }

  static String nothingToCompare(String branch, Path repository) {
    return "There is no release on branch " + branch + " of " + repository + " yet. Run mvn package first.";
  }

  static String noManifest(String tag) {
    return "Release " + tag + " has no manifest in its tag: it was not made by moodle:release.";
  }

  static String foreignFolder(Path folder) {
    return folder + " is not empty and no checkout of a release wrote it; its files would be replaced. Choose an empty or new"
        + " folder with " + PropertyNames.flag(PropertyNames.CHECKOUT_DIR)
        + ", or empty this one.";
  }

  static String checkedOut(String tag, Path folder, WorkTreeWriter.Result r) {
    return "Release " + tag + " written to " + folder + ": " + r.written() + " files written, " + r.removed() + " removed, "
        + r.unchanged() + " unchanged";
  }

  public static String notVerified() {
    return "moodle:release records only a verified code base, and moodle:verify did not run in this build. Run mvn package"
        + " (or add " + PropertyNames.flag(PropertyNames.VERIFY_SKIP)
        + " to release it unverified).";
  }

  public static String noDistributionManagement() {
    return "No <distributionManagement> in pom.xml: the Maven artifact is not deployed, only the release.";
  }

  static String zipped(Path shown, int files) {
    return "Code base zipped to " + shown + " (" + files + " files)";
  }

  static String badOutputTimestamp(String value) {
    return "project.build.outputTimestamp '" + value + "' is not a time: use ISO-8601 such as 2026-01-01T00:00:00Z, or seconds"
        + " since 1970, in the <properties> of pom.xml.";
  }

  static String releaseTagExists(String tag) {
    return "Release tag " + tag + " already exists with another code base. Tags are immutable: raise the site's"
        + " <version> in pom.xml, or set " + PropertyNames.TAG_FORMAT + " so that each release gets its own tag.";
  }

  static String unknownTagPlaceholder(String format, String placeholder) {
    return badTagFormat(format, "@{" + placeholder + "} is not one of @{version}, @{timestamp},"
        + " @{moodle}, @{groupId}, @{artifactId}");
  }

  static String invalidTagName(String format, String tag) {
    return badTagFormat(format, "it gives '" + tag + "', which git does not accept as a tag name");
  }

  private static String badTagFormat(String format, String why) {
    return "The tag format '" + format + "' (" + PropertyNames.TAG_FORMAT + ") cannot name a release: " + why
        + ". Use for example @{version} or site-@{version}.";
  }

  static String removalRefused(List<String> components, String previousTag) {
    String names = String.join(",", components);
    return "Release stopped: this build drops " + String.join(", ", components) + ", which the previous release "
        + previousTag + " has. Moodle cannot run with a plugin that is installed in its database but missing from"
        + " disk. Uninstall " + (components.size() == 1 ? "it" : "them") + " from the site first (Site administration >"
        + " Plugins > Plugins overview > Uninstall), then release with " + PropertyNames.flag(PropertyNames.ALLOW_REMOVAL, names) + ".";
  }

  static String downgrade(String component, String from, String to, String previousTag) {
    return component + " goes down from " + from + " in release " + previousTag + " to " + to + " in this build."
        + " Moodle refuses to run code older than its database: restore the newer pin in pom.xml.";
  }

  static String releaseRemoteFailed(String action, String url, Throwable e, Path local) {
    String why = Messages.redact(Messages.describe(e));
    why = why.startsWith(url + ": ") ? why.substring(url.length() + 2) : why;
    return "Cannot " + action + " the release remote " + url + ": " + why + ". The releases are kept in "
        + local + "; check <releaseRemote> (" + PropertyNames.RELEASE_REMOTE + ") and your network, then run mvn deploy again.";
  }

  static String remoteManifestUnreadable(String remoteTag) {
    return remoteNeedsAPerson(remoteTag, "its manifest or this build's cannot be read, so the changes cannot be compared.");
  }

  static String remoteHasMore(String remoteTag, List<String> removed) {
    return remoteNeedsAPerson(remoteTag, "it has " + String.join(", ", removed) + ", which this build does not.");
  }

  static String remoteHasNewer(String remoteTag, String component, String from, String to) {
    return remoteNeedsAPerson(remoteTag, "it has " + component + " " + from + ", newer than this build's " + to + ".");
  }

  static String remoteKeptMoving(String url) {
    return "The release remote " + url + " kept moving while this build published to it. Run mvn deploy again.";
  }

  static String remoteMovedOn() {
    return "The release remote moved on while this build published; building on its new head.";
  }

  static String remadeOnTop(String tag, String remoteTag) {
    return "Release " + tag + " made again on top of " + remoteTag + ", published meanwhile by another build.";
  }

  static String remoteHasThisCodebase(String remoteTag) {
    return "The release remote has this code base already (" + remoteTag + ").";
  }

  static String pushRefused(String url, String ref, String status) {
    return "The release remote " + url + " refused " + ref + " (" + status
        + "). Releases are never forced: check that nobody rewrote the remote's history or tags.";
  }

  static String releasingLocally() {
    return "The release is made on the local history; mvn deploy publishes it once the release remote can be reached.";
  }

  static String localReleasesLeftBehind(String remoteRelease) {
    return "The release remote has releases this repository lacks; the releases made here and not"
        + " published are left behind, this release follows " + remoteRelease + ".";
  }

  static String previousWithoutManifest(Optional<String> tag) {
    return "The previous release has no manifest (tag " + tag.orElse("missing") + "): the changelog lists every plugin.";
  }

  private static String remoteNeedsAPerson(String remoteTag, String why) {
    return "The release remote moved on: release " + remoteTag + ", made elsewhere, is newer than this build in a way"
        + " that needs a decision: " + why + " Update pom.xml (git pull the site project, or take its pins), then run"
        + " mvn deploy again.";
  }

  static String releaseNotFound(String tag, Collection<String> known) {
    return "There is no release " + tag + " in the release repository (" + (known.isEmpty() ? "it has none"
        : "newest: " + Messages.list(Messages.newestFirst(known))) + "). See mvn moodle:history.";
  }
}
