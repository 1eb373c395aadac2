package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.Messages;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/** What releases say: every sentence of this package, in one place. */
public final class ReleaseMessages {
  private ReleaseMessages() {}

  static String noRepositoryYet(java.nio.file.Path repository) {
    return "There is no release repository at " + repository + " yet: mvn package makes the first release.";
  }

  static String showingLocal(java.nio.file.Path repository) {
    return "Showing the releases of " + repository + " as they are.";
  }

  static String unchanged(String tag) {
    return "Code base unchanged since " + tag + ": no new release.";
  }

  static String made(Released r, java.nio.file.Path repository) {
    return "Release " + r.tag() + " (commit " + r.commit().abbreviate(10).name() + ") in " + repository;
  }

  static String noRemote(java.nio.file.Path repository) {
    return "No release remote (<releaseRemote> or " + io.github.moodlecbm.core.PropertyNames.flag(
        io.github.moodlecbm.core.PropertyNames.RELEASE_REMOTE) + "): the releases stay in " + repository
        + ". Set one so that servers can pull them.";
  }

  static String remoteHasAll(String url, String branch) {
    return "The release remote " + url + " has every release already (branch " + branch + ").";
  }

  static String published(java.util.List<String> tags, String url, String branch) {
    return "Published " + String.join(", ", tags) + " to " + url + " (branch " + branch + ").";
  }

  static String noReleaseYet(String branch, java.nio.file.Path repository) {
    return "No release yet on branch " + branch + " of " + repository + ".";
  }

  static String releaseCount(int count, String branch, java.nio.file.Path repository) {
    return count + " release" + (count == 1 ? "" : "s") + " on branch " + branch + " of " + repository;
  }

  static String nothingToCompare(String branch, java.nio.file.Path repository) {
    return "There is no release on branch " + branch + " of " + repository + " yet. Run mvn package first.";
  }

  static String noManifest(String tag) {
    return "Release " + tag + " has no manifest in its tag: it was not made by moodle:release.";
  }

  static String foreignFolder(java.nio.file.Path folder) {
    return folder + " is not empty and no checkout of a release wrote it; its files would be replaced. Choose an empty or new"
        + " folder with " + io.github.moodlecbm.core.PropertyNames.flag(io.github.moodlecbm.core.PropertyNames.CHECKOUT_DIR)
        + ", or empty this one.";
  }

  static String checkedOut(String tag, java.nio.file.Path folder, io.github.moodlecbm.core.assembly.WorkTreeWriter.Result r) {
    return "Release " + tag + " written to " + folder + ": " + r.written() + " files written, " + r.removed() + " removed, "
        + r.unchanged() + " unchanged";
  }

  public static String notVerified() {
    return "moodle:release records only a verified code base, and moodle:verify did not run in this build. Run mvn package"
        + " (or add " + io.github.moodlecbm.core.PropertyNames.flag(io.github.moodlecbm.core.PropertyNames.VERIFY_SKIP)
        + " to release it unverified).";
  }

  public static String noDistributionManagement() {
    return "No <distributionManagement> in pom.xml: the Maven artifact is not deployed, only the release.";
  }

  static String zipped(java.nio.file.Path shown, int files) {
    return "Code base zipped to " + shown + " (" + files + " files)";
  }

  static String badOutputTimestamp(String value) {
    return "project.build.outputTimestamp '" + value + "' is not a time: use ISO-8601 such as 2026-01-01T00:00:00Z, or seconds"
        + " since 1970, in the <properties> of pom.xml.";
  }

  static String releaseTagExists(String tag) {
    return "Release tag " + tag + " already exists with another code base. Tags are immutable: raise the site's"
        + " <version> in pom.xml, or set moodle.tagFormat so that each release gets its own tag.";
  }

  static String badTagFormat(String format, String why) {
    return "The tag format '" + format + "' (moodle.tagFormat) cannot name a release: " + why
        + ". Use for example @{version} or site-@{version}.";
  }

  static String removalRefused(List<String> components, String previousTag) {
    String names = String.join(",", components);
    return "Release stopped: this build drops " + String.join(", ", components) + ", which the previous release "
        + previousTag + " has. Moodle cannot run with a plugin that is installed in its database but missing from"
        + " disk. Uninstall " + (components.size() == 1 ? "it" : "them") + " from the site first (Site administration >"
        + " Plugins > Plugins overview > Uninstall), then release with -Dmoodle.allowRemoval=" + names + ".";
  }

  static String downgrade(String component, String from, String to, String previousTag) {
    return component + " goes down from " + from + " in release " + previousTag + " to " + to + " in this build."
        + " Moodle refuses to run code older than its database: restore the newer pin in pom.xml.";
  }

  static String releaseRemoteFailed(String action, String url, Throwable e, Path local) {
    String why = Messages.redact(Messages.describe(e));
    why = why.startsWith(url + ": ") ? why.substring(url.length() + 2) : why;
    return "Cannot " + action + " the release remote " + url + ": " + why + ". The releases are kept in "
        + local + "; check <releaseRemote> (moodle.releaseRemote) and your network, then run mvn deploy again.";
  }

  static String remoteNeedsAPerson(String remoteTag, String why) {
    return "The release remote moved on: release " + remoteTag + ", made elsewhere, is newer than this build in a way"
        + " that needs a decision: " + why + " Update pom.xml (git pull the site project, or take its pins), then run"
        + " mvn deploy again.";
  }

  static String releaseNotFound(String tag, Collection<String> known) {
    return "There is no release " + tag + " in the release repository (" + (known.isEmpty() ? "it has none"
        : "newest: " + Messages.list(Messages.newestFirst(known))) + "). See mvn moodle:history.";
  }
}
