package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.config.Component;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.config.SourceUrls;
import io.github.moodlecbm.core.layout.CoreRelease;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** What the resolution of a site says: every sentence of this package, in one place. */
public final class ResolveMessages {
  private ResolveMessages() {}

  static String emptyCache(Path cache) {
    return "The mirror cache " + cache + " is empty: this build fills it, later builds fetch only what changed.";
  }

  static String unchanged(Lock lock, Path lockFile) {
    return "Code base " + lock.tree() + ": Moodle " + lock.moodle().release() + " and " + lock.plugins().size()
        + " plugins as " + lockFile.getFileName() + " records them (the pom and the lock are unchanged since the last build; "
        + PropertyNames.flag(PropertyNames.UPDATE) + " fetches and resolves again).";
  }

  static String securityRelease(String release) {
    return "Moodle " + release + " is out: point releases carry security fixes. Take it with mvn moodle:update, then mvn package.";
  }

  static String fixes(List<String> ids) {
    return "fixes " + String.join(", ", ids);
  }

  static String securityUpdates(Map<String, List<String>> security) {
    int n = security.values().stream().mapToInt(List::size).sum();
    return security.size() + (security.size() == 1 ? " update removes " : " updates remove ") + n
        + (n == 1 ? " published advisory" : " published advisories") + " (marked !): mvn moodle:update "
        + PropertyNames.flag(PropertyNames.SECURITY_ONLY) + " takes " + (security.size() == 1 ? "it" : "them") + " alone.";
  }

  static String upToDate() {
    return "Everything is up to date for this Moodle.";
  }

  static String canMove(long movable, int all) {
    return movable + " of " + all + " can move: mvn moodle:update takes them, then mvn package builds them.";
  }

  static String outdatedFailure(long movable, int all) {
    return movable + " of " + all + " components can move (see the table above). "
        + PropertyNames.flag(PropertyNames.FAIL_IF_OUTDATED) + " fails the build for it.";
  }

  static String repinned(String line) {
    return "Updated " + line + " in pom.xml";
  }

  static String nothingToUpdate(String includes) {
    return "Nothing to update" + (includes == null ? "" : " among " + includes) + ": the lock is unchanged.";
  }

  static String updated(String line) {
    return "Updated " + line;
  }

  static String updateSummary(int moved, String lockFile, int repinned) {
    return moved + " updated in " + lockFile + (repinned == 0 ? "" : ", " + repinned + " pin(s) in pom.xml")
        + ": mvn package builds, verifies and releases them.";
  }

  static String dependencyNotListed(String requiredBy, String component) {
    return requiredBy + " depends on " + component + ", which the plugins directory does not list. Add " + component
        + " first with " + PropertyNames.flag(PropertyNames.COMPONENT, component) + " "
        + PropertyNames.flag(PropertyNames.SOURCE, "<its git URL>") + ".";
  }

  static String alreadyDeclared(String component) {
    return component + " is already declared in pom.xml. To change its version, edit its pin there.";
  }

  static String adding(PluginAdder.Addition a) {
    return "Adding " + a.component() + (a.requiredBy() == null ? "" : " (" + a.requiredBy() + " depends on it)") + ": "
        + a.version();
  }

  static String added(int count, String pom) {
    return "Added " + count + " plugin(s) to " + pom + ". mvn package builds them; the lock records the versions taken.";
  }

  static String upgradeHeading(String from, String target) {
    return "Upgrade from Moodle " + from + " to " + target + ":";
  }

  static String verdict(UpgradeCheck.Row r) {
    return switch (r.verdict()) {
      case KEEPS_ITS_PIN -> "keeps its pin: " + r.detail();
      case NEEDS_A_NEW_PIN -> "needs a new pin: " + r.detail();
      case BLOCKER -> "BLOCKS THE UPGRADE: " + r.detail();
    };
  }

  static String codeRootMoves(UpgradeCheck.Report report) {
    return "Moodle " + report.target() + " keeps its code under " + report.codeRoot() + "/: plugins move there"
        + " (for example " + report.rows().stream().findFirst().map(r -> r.installPath() + " -> " + r.targetInstallPath())
            .orElse("mod/x -> public/mod/x") + "), and the web server must serve " + report.codeRoot() + "/.";
  }

  static String upgradeSummary(int blockers, long newPins, long keep) {
    return blockers + " blocker(s), " + newPins + " plugin(s) need a new pin, " + keep + " keep theirs. Nothing was changed.";
  }

  static String upgradeClear(String summary, String target) {
    return summary + " Set <version>" + target + "</version> in <moodle> to upgrade.";
  }

  static String upgradeBlocked(String summary) {
    return summary + " Remove or replace the blocking plugins before upgrading.";
  }

  static String upgradeBlockedFailure(UpgradeCheck.Report report) {
    return "The upgrade to Moodle " + report.target() + " is blocked by "
        + String.join(", ", report.blockers().stream().map(UpgradeCheck.Row::component).toList())
        + " (" + PropertyNames.flag(PropertyNames.FAIL_ON_BLOCKERS) + ").";
  }

  static String lockFormat(Path file, int format) {
    return file.getFileName() + " has format " + format + ", which this version of the plugin does"
        + " not read. Upgrade moodle-maven-plugin or delete the lock file and build with"
        + " " + PropertyNames.flag(PropertyNames.UPDATE) + ".";
  }

  static String unreadableLock(Path file, String where, String detail) {
    return file.getFileName() + " cannot be read" + where + ": " + detail + ". Restore it from version"
        + " control, or delete it and build again to resolve every pin afresh.";
  }

  static String lockWithoutMoodle(Path file) {
    return invalidLock(file, 1, "it has no \"moodle\" entry");
  }

  static String lockTreeNotAnId(Path file, int line) {
    return invalidLock(file, line, "\"tree\" is not a tree id");
  }

  static String lockInstallPathInvalid(Path file, int line, String who, String path) {
    return invalidLock(file, line, who + " has the install path '" + path + "'");
  }

  static String lockCommitNotFull(Path file, int line, String who, String commit) {
    return invalidLock(file, line, who + " has the commit '" + commit + "', not a full commit id");
  }

  static String submoduleName(String who, String path) {
    return who + " submodule " + path;
  }

  private static String invalidLock(Path file, int line, String what) {
    return file.getFileName() + " line " + line + ": " + what + ". Restore the file from version control,"
        + " or delete it and build again to resolve every pin afresh.";
  }

  static String branchNotFound(String who, String branch, String url, Collection<String> available) {
    return who + ": branch " + branch + " not found in " + url + ". Nearest branches: " + Messages.list(Messages.nearest(branch, Messages.preferred(available)))
        + ". Set <branch> or <tag> for this " + (who.equals("moodle") ? "<moodle>" : "plugin") + " in pom.xml.";
  }

  static String tagNotFound(String who, String tag, String url, Collection<String> available) {
    return who + ": tag " + tag + " not found in " + url + ". Nearest tags: " + Messages.list(Messages.nearest(tag, Messages.newestFirst(available)))
        + ". Set <tag> or <branch> for this " + (who.equals("moodle") ? "<moodle>" : "plugin") + " in pom.xml.";
  }

  static String notInDirectory(String who) {
    return who + ": not in the plugins directory, so its repository is unknown. Give its git URL with"
        + " <source> in pom.xml.";
  }

  static String noRepositoryInDirectory(String who) {
    return who + ": the plugins directory names no git repository for it. Give its git URL with <source>"
        + " in pom.xml.";
  }

  static String pluginVersionNotFound(String who, String kind, String value, String url, Collection<String> known) {
    return who + ": no commit of " + url + " has $plugin->" + kind + " = " + value + " in its version.php."
        + (known.isEmpty() ? "" : " Versions found: " + Messages.list(new ArrayList<>(known)) + ".")
        + " Check <" + kind + "> in pom.xml.";
  }

  static String noCompatibleVersion(String who, String url, String release, String version, int branch, List<String> newest) {
    return who + ": no version of " + url + " declares that it runs on Moodle " + release + " (version " + version
        + ", branch " + branch + ")."
        + (newest.isEmpty() ? " No branch or tag has a readable version.php." : " Newest versions: "
            + String.join("; ", newest) + ".")
        + " Pin a version with <tag> or <branch> if you know it works, or leave the plugin out.";
  }

  static String commitNotFound(String who, String id, String url) {
    return who + ": commit " + id + " not found in " + url + " (on any branch or tag). Check"
        + " <commit> in pom.xml; a commit that no branch or tag contains cannot be fetched.";
  }

  static String ambiguousCommit(String id, String url) {
    return "commit " + id + " is ambiguous in " + url + ". Give more characters of the commit id.";
  }

  static String moodleVersionNotFound(MoodleVersion v, String url, SortedMap<String, String> releases) {
    String what = v.stableHead() ? "branch " + v.stableBranch()
        : v.patch() >= 0 ? "tag " + v.releaseTag() : "release tag v" + v.major() + "." + v.minor() + ".N";
    List<String> known = new ArrayList<>(releases.values());
    return "moodle: version " + v + " not found in " + url + " (no " + what + "). Available releases: "
        + (known.isEmpty() ? "none" : String.join(", ", known))
        + ". Fix <moodle><version> in pom.xml.";
  }

  static String wrongMoodleBranch(MoodleVersion v, CoreRelease release) {
    return "moodle: version " + v + " resolved to Moodle " + release.release() + " (branch "
        + release.branch() + "), not a " + v.major() + "." + v.minor() + " release. The source's tags"
        + " or branches are misnamed; pin <tag> or <commit> in <moodle> instead.";
  }

  static String badGitmodules(String who, String url, String detail) {
    return who + ": the .gitmodules file of " + SourceUrls.redact(url) + " cannot be read: " + detail;
  }

  static String offlineMissing(String who, String pin, String commit, String url) {
    return who + ": " + pin + " is locked to commit " + commit + " of " + url + ", which is not in the"
        + " mirror cache, and the build is offline. Build once online (without -o) to fetch it.";
  }

  static String offlineSubmoduleMissing(String who, String path, String commit, String url) {
    return offlineMissing(who, "submodule " + path, commit, url);
  }

  static String movedTag(String who, String tag, String locked, String now, String url) {
    return who + ": tag " + tag + " of " + url + " now points to commit " + now + ", but the lock file"
        + " recorded " + locked + ". Someone moved the tag. If that is intended, build with"
        + " " + PropertyNames.flag(PropertyNames.UPDATE) + " to accept the new commit; otherwise pin <commit>" + locked
        + "</commit>.";
  }

  static String movedTagAccepted(String who, String tag, String locked, String now) {
    return who + ": tag " + tag + " moved from " + locked + " to " + now + "; the lock file now records "
        + now + ".";
  }

  static String duplicateInstallPath(String path, Component a, Component b) {
    return a + " and " + b + " would both be installed at " + path + ". Remove one of them from"
        + " <plugins> in pom.xml.";
  }

  static String componentMismatch(String who, String declared, String url, String commit, String path) {
    return who + ": version.php" + (path.isEmpty() ? "" : " in " + path) + " of " + SourceUrls.redact(url)
        + " at " + commit.substring(0, Math.min(10, commit.length())) + " declares component " + declared
        + ", not " + who + ". Fix <component>" + (path.isEmpty() ? "" : " or <path>") + " in pom.xml.";
  }

  static String noVersionPhp(String who, String url, String commit, String path) {
    return who + ": no version.php " + (path.isEmpty() ? "at the root" : "in " + path) + " of "
        + SourceUrls.redact(url) + " at " + commit.substring(0, Math.min(10, commit.length()))
        + ", so it is not a Moodle plugin. Fix <source>" + (path.isEmpty() ? ", or set <path> if the repository holds several plugins," : " or <path>")
        + " in pom.xml.";
  }

  static String submoduleCommitMissing(String who, String path, String commit, String url) {
    return who + ": submodule " + path + " points at commit " + commit + ", which " + url
        + " does not have on any branch or tag. Pin another version of the plugin.";
  }

  public static String pathNotFound(String who, String path, String url, String commit) {
    return who + ": folder '" + path + "' not found in " + SourceUrls.redact(url) + " at commit "
        + commit.substring(0, Math.min(10, commit.length())) + ". Fix <path> for this plugin in pom.xml.";
  }

  static String unknownPluginType(Component c, Collection<String> types) {
    return c + ": plugin type '" + c.type() + "' is not known to this Moodle. Known types: "
        + String.join(", ", types) + ". Fix <component> in pom.xml; a subplugin type is known once"
        + " the plugin that declares it is in the site.";
  }

  static String replacesCorePlugin(Component c, String path) {
    return c + ": Moodle already ships a plugin at " + path + ". Remove " + c + " from <plugins> in"
        + " pom.xml: a site plugin cannot replace a core plugin.";
  }

  static String lockedCoreCommitMissing(String commit, String url) {
    return "moodle: the locked commit " + commit + " is not in " + url + ". Build once (mvn package) to fetch it.";
  }

  static String coreResolved(String pin, String release, String commit) {
    return "[moodle] " + pin + " -> " + release + " @ " + commit;
  }

  static String lockedVersionDoesNotRun(String who, String release) {
    return "[" + who + "] the locked version does not declare that it runs on Moodle " + release + ": picking again.";
  }

  static String pluginResolved(String who, String pin, String commit, String why, int submodules) {
    return "[" + who + "] " + pin + " @ " + commit + (why == null ? "" : " (" + why + ")")
        + (submodules == 0 ? "" : " with " + submodules + " submodule(s)");
  }

  static String versionFromRepositoryAlone(String directoryFailure) {
    return directoryFailure + " Looking for the version in the repository alone.";
  }

  static String lockedCommitGone(String who, String commit, String url) {
    return who + ": commit " + commit + " recorded in the lock file is no longer in " + url
        + " (history rewritten?). Build with " + PropertyNames.flag(PropertyNames.UPDATE) + " to resolve the pin again.";
  }

  static String overlayPluginDeclared(String component, String folder) {
    return component + " is in the overlay (src/main/overlay/" + folder + ") and declared in the pom. Keep one: the"
        + " pom's <plugin> for the upstream version, or the overlay's folder for the site's own.";
  }

  static String overlayPluginOfMoodle(String component, String folder) {
    return "The overlay's src/main/overlay/" + folder + " would replace " + component + ", a plugin of Moodle itself."
        + " Change Moodle's plugin with a patch in src/main/patches/moodle/, or give the site's plugin another name.";
  }
}
