package io.github.moodlecbm.core;

import io.github.moodlecbm.core.config.Component;
import io.github.moodlecbm.core.config.MoodleVersion;
import io.github.moodlecbm.core.config.SourceUrls;
import io.github.moodlecbm.core.layout.CoreRelease;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every sentence the tool says about a problem: what failed (naming the component), what was
 * found, and the fix in pom or command-line terms. Never a credential: URLs lose their user-info.
 */
public final class Messages {
  private static final int LIST_LIMIT = 15;
  private static final Pattern USER_INFO_ANYWHERE = Pattern.compile("(://)[^/@\\s]*@");

  private Messages() {}

  public static String malformedComponent(String value) {
    return "'" + value + "' is not a Moodle component name. A component is type_name in lower case,"
        + " such as mod_attendance or tool_redis. Fix <component> in pom.xml.";
  }

  public static String malformedMoodleVersion(String value) {
    return "Moodle version '" + value + "' is not understood. Use 4.5 (newest 4.5 release), 4.5+"
        + " (head of MOODLE_405_STABLE) or 4.5.3 (that release) in <moodle><version>, or pin"
        + " <branch>, <tag> or <commit> instead.";
  }

  public static String missingSource(Component c) {
    return c + ": no <source> given. Set <source> to the plugin's git URL in pom.xml.";
  }

  public static String badPath(Component c, String path) {
    return c + ": <path>" + path + "</path> must be a folder inside the repository, such as"
        + " local/o365; '..' and backslashes are not allowed.";
  }

  public static String malformedCommit(String who, String id) {
    return who + ": <commit>" + id + "</commit> is not a commit id. Give 4 to 40 hexadecimal"
        + " characters, such as 1a2b3c4d.";
  }

  public static String pinCount(String who, List<String> given, boolean moodle) {
    String choices = moodle ? "<version>, <branch>, <tag> or <commit>"
        : "<branch>, <tag>, <commit>, <version> or <release> (or none: the newest compatible version)";
    if (given.isEmpty()) {
      return who + ": no version given. Set exactly one of " + choices + " for "
          + (moodle ? "<moodle>" : "this plugin") + " in pom.xml.";
    }
    return who + ": " + String.join(" and ", given) + (given.size() == 2 ? " are both set" : " are all set")
        + ". Keep exactly one of " + choices
        + " in pom.xml.";
  }

  public static String malformedPluginVersion(String who, String number) {
    return who + ": <version>" + number + "</version> is not a plugin version. A plugin's version is its"
        + " $plugin->version, ten digits such as 2024100701; for a release name such as v4.5.1 use <release>.";
  }

  public static String malformedRewrite(String rule) {
    return "URL rewrite '" + redact(rule) + "' is not of the form FROM=TO. Fix <rewrites> in pom.xml"
        + " or -Dmoodle.rewrites, e.g. https://github.com/=https://git.example.org/github/.";
  }

  public static String duplicateComponent(Component c) {
    return c + " is declared twice in <plugins>. Keep one <plugin> element for it in pom.xml.";
  }

  public static String fetchFailed(String who, String url, String fetchUrl, Throwable e) {
    String via = SourceUrls.redact(fetchUrl).equals(url) ? "" : " (rewritten to " + SourceUrls.redact(fetchUrl) + ")";
    return who + ": cannot fetch " + url + via + ": " + redact(describe(e))
        + ". Check <source> in pom.xml, your network, or moodle.rewrites.";
  }

  public static String unwritableCache(Path cache, String reason) {
    return "The mirror cache " + cache + " cannot be written" + (reason == null ? "" : " (" + reason + ")")
        + ". Make it writable, or point -Dmoodle.cacheDir (<cacheDir> in pom.xml) to a folder you can write.";
  }

  public static String gitEntryInPlugin(String who, String path) {
    return who + ": the plugin's files include '" + path + "', a .git entry, which must never reach a code"
        + " base. Pin another version of the plugin, or ask its maintainer to remove it.";
  }

  public static String symlinkEscapes(String who, String path, String target) {
    return who + ": the symbolic link " + path + " points to '" + target + "', outside the plugin's folder."
        + " Pin another version of the plugin, or ask its maintainer to remove the link.";
  }

  public static String strayGitlink(String who, String path) {
    return who + ": " + path + " is a git submodule that .gitmodules does not describe, so its files cannot"
        + " be fetched. Pin another version of the plugin.";
  }

  public static String caseCollision(String who, String a, String b) {
    return who + ": " + a + " and " + b + " differ only by case; on a case-insensitive file system one"
        + " would hide the other.";
  }

  public static String unreadableGitConfig(String detail) {
    return "Your git configuration cannot be read (" + detail + "); its url.<base>.insteadOf rules are"
        + " needed to rewrite source URLs. Fix ~/.gitconfig.";
  }

  public static String unknownServerId(String who, String id, java.util.Collection<String> known) {
    return who + ": <serverId>" + id + "</serverId> names no <server> of settings.xml"
        + (known.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", known) + ")")
        + ". Add a <server> with that <id>, <username> and <password> to ~/.m2/settings.xml.";
  }

  public static String authRefused(String who, String url, String serverId) {
    return who + ": " + url + " refused the credentials of server '" + serverId + "' from settings.xml."
        + " Check its <username> and <password> there (a token works as the password).";
  }

  public static String authRequired(String who, String url, String host) {
    return who + ": " + url + " requires authentication. Add a <server> with <id>" + host + "</id>, a"
        + " <username> and a <password> (or token) to ~/.m2/settings.xml, or name another server with"
        + " <serverId> for this source in pom.xml.";
  }

  public static String unknownHostKey(String who, String url, String host) {
    return who + ": the ssh host key of " + host + " is not in your known_hosts, so " + url + " was not"
        + " trusted. Check the host's fingerprint with its administrator, then add it: ssh-keyscan"
        + (host.startsWith("[") ? " -p " + host.substring(host.indexOf("]:") + 2) + " " + host.substring(1, host.indexOf(']')) : " " + host)
        + " >> ~/.ssh/known_hosts";
  }

  public static String sshRefused(String who, String url) {
    return who + ": " + url + " accepted none of your ssh keys. Add your public key to that account on"
        + " the git host, or load the right key in ~/.ssh (see -Dmoodle.sshDirectory).";
  }

  public static String releaseTagExists(String tag) {
    return "Release tag " + tag + " already exists with another code base. Tags are immutable: raise the site's"
        + " <version> in pom.xml, or set moodle.tagFormat so that each release gets its own tag.";
  }

  public static String badTagFormat(String format, String why) {
    return "The tag format '" + format + "' (moodle.tagFormat) cannot name a release: " + why
        + ". Use for example @{version} or site-@{version}.";
  }

  public static String removalRefused(List<String> components, String previousTag) {
    String names = String.join(",", components);
    return "Release stopped: this build drops " + String.join(", ", components) + ", which the previous release "
        + previousTag + " has. Moodle cannot run with a plugin that is installed in its database but missing from"
        + " disk. Uninstall " + (components.size() == 1 ? "it" : "them") + " from the site first (Site administration >"
        + " Plugins > Plugins overview > Uninstall), then release with -Dmoodle.allowRemoval=" + names + ".";
  }

  public static String downgrade(String component, String from, String to, String previousTag) {
    return component + " goes down from " + from + " in release " + previousTag + " to " + to + " in this build."
        + " Moodle refuses to run code older than its database: restore the newer pin in pom.xml.";
  }

  public static String releaseRemoteFailed(String action, String url, Throwable e, Path local) {
    String why = redact(describe(e));
    why = why.startsWith(url + ": ") ? why.substring(url.length() + 2) : why;
    return "Cannot " + action + " the release remote " + url + ": " + why + ". The releases are kept in "
        + local + "; check <releaseRemote> (moodle.releaseRemote) and your network, then run mvn deploy again.";
  }

  public static String remoteNeedsAPerson(String remoteTag, String why) {
    return "The release remote moved on: release " + remoteTag + ", made elsewhere, is newer than this build in a way"
        + " that needs a decision: " + why + " Update pom.xml (git pull the site project, or take its pins), then run"
        + " mvn deploy again.";
  }

  public static String releaseNotFound(String tag, Collection<String> known) {
    return "There is no release " + tag + " in the release repository (" + (known.isEmpty() ? "it has none"
        : "newest: " + list(newestFirst(known))) + "). See mvn moodle:history.";
  }

  public static String notMoodle(String url) {
    return "moodle: " + url + " does not look like Moodle at the pinned commit (no lib/components.json"
        + " or version.php). Check <moodle><source> in pom.xml.";
  }

  public static String unreadableJson(String who, String file, String detail) {
    return who + ": " + file + " is not valid JSON: " + detail;
  }

  public static String lockFormat(Path file, int format) {
    return file.getFileName() + " has format " + format + ", which this version of the plugin does"
        + " not read. Upgrade moodle-maven-plugin or delete the lock file and build with"
        + " -Dmoodle.update.";
  }

  public static String unreadableLock(Path file, String where, String detail) {
    return file.getFileName() + " cannot be read" + where + ": " + detail + ". Restore it from version"
        + " control, or delete it and build again to resolve every pin afresh.";
  }

  public static String invalidLock(Path file, int line, String what) {
    return file.getFileName() + " line " + line + ": " + what + ". Restore the file from version control,"
        + " or delete it and build again to resolve every pin afresh.";
  }

  public static String branchNotFound(String who, String branch, String url, Collection<String> available) {
    return who + ": branch " + branch + " not found in " + url + ". Nearest branches: " + list(nearest(branch, preferred(available)))
        + ". Set <branch> or <tag> for this " + (who.equals("moodle") ? "<moodle>" : "plugin") + " in pom.xml.";
  }

  public static String tagNotFound(String who, String tag, String url, Collection<String> available) {
    return who + ": tag " + tag + " not found in " + url + ". Nearest tags: " + list(nearest(tag, newestFirst(available)))
        + ". Set <tag> or <branch> for this " + (who.equals("moodle") ? "<moodle>" : "plugin") + " in pom.xml.";
  }

  public static String directoryFileMissing(java.nio.file.Path file) {
    return "The plugins directory file " + file + " does not exist. Point -Dmoodle.pluginDirectory (or"
        + " <pluginDirectory>) at a saved copy of pluglist.php, or at its URL.";
  }

  public static String directoryUnreadable(String where, String why) {
    return "The plugins directory at " + redact(where) + " cannot be read: " + redact(why) + ". Give it a copy of"
        + " https://download.moodle.org/api/1.3/pluglist.php.";
  }

  public static String directoryOffline(String url) {
    return "Offline, and the plugins directory " + url + " was never downloaded. Build once online, or give"
        + " each plugin a <source>, or point -Dmoodle.pluginDirectory at a saved copy of pluglist.php.";
  }

  public static String directoryUnreachable(String url, String why) {
    return "The plugins directory " + url + " cannot be reached (" + why + ") and there is no copy of it in the"
        + " cache. Give each plugin a <source>, or point -Dmoodle.pluginDirectory at a saved copy of pluglist.php.";
  }

  public static String notInDirectory(String who) {
    return who + ": not in the plugins directory, so its repository is unknown. Give its git URL with"
        + " <source> in pom.xml.";
  }

  public static String noRepositoryInDirectory(String who) {
    return who + ": the plugins directory names no git repository for it. Give its git URL with <source>"
        + " in pom.xml.";
  }

  public static String pluginVersionNotFound(String who, String kind, String value, String url, Collection<String> known) {
    return who + ": no commit of " + url + " has $plugin->" + kind + " = " + value + " in its version.php."
        + (known.isEmpty() ? "" : " Versions found: " + list(new ArrayList<>(known)) + ".")
        + " Check <" + kind + "> in pom.xml.";
  }

  public static String noCompatibleVersion(String who, String url, String moodle, List<String> newest) {
    return who + ": no version of " + url + " declares that it runs on Moodle " + moodle + "."
        + (newest.isEmpty() ? " No branch or tag has a readable version.php." : " Newest versions: "
            + String.join("; ", newest) + ".")
        + " Pin a version with <tag> or <branch> if you know it works, or leave the plugin out.";
  }

  public static String commitNotFound(String who, String id, String url) {
    return who + ": commit " + id + " not found in " + url + " (on any branch or tag). Check"
        + " <commit> in pom.xml; a commit that no branch or tag contains cannot be fetched.";
  }

  public static String ambiguousCommit(String id, String url) {
    return "commit " + id + " is ambiguous in " + url + ". Give more characters of the commit id.";
  }

  public static String moodleVersionNotFound(MoodleVersion v, String url, SortedMap<String, String> releases) {
    String what = v.stableHead() ? "branch " + v.stableBranch()
        : v.patch() >= 0 ? "tag " + v.releaseTag() : "release tag v" + v.major() + "." + v.minor() + ".N";
    List<String> known = new ArrayList<>(releases.values());
    return "moodle: version " + v + " not found in " + url + " (no " + what + "). Available releases: "
        + (known.isEmpty() ? "none" : String.join(", ", known))
        + ". Fix <moodle><version> in pom.xml.";
  }

  public static String wrongMoodleBranch(MoodleVersion v, CoreRelease release) {
    return "moodle: version " + v + " resolved to Moodle " + release.release() + " (branch "
        + release.branch() + "), not a " + v.major() + "." + v.minor() + " release. The source's tags"
        + " or branches are misnamed; pin <tag> or <commit> in <moodle> instead.";
  }

  public static String badGitmodules(String who, String url, String detail) {
    return who + ": the .gitmodules file of " + SourceUrls.redact(url) + " cannot be read: " + detail;
  }

  public static String offlineMissing(String who, String pin, String commit, String url) {
    return who + ": " + pin + " is locked to commit " + commit + " of " + url + ", which is not in the"
        + " mirror cache, and the build is offline. Build once online (without -o) to fetch it.";
  }

  public static String movedTag(String who, String tag, String locked, String now, String url) {
    return who + ": tag " + tag + " of " + url + " now points to commit " + now + ", but the lock file"
        + " recorded " + locked + ". Someone moved the tag. If that is intended, build with"
        + " -Dmoodle.update to accept the new commit; otherwise pin <commit>" + locked + "</commit>.";
  }

  public static String movedTagAccepted(String who, String tag, String locked, String now) {
    return who + ": tag " + tag + " moved from " + locked + " to " + now + "; the lock file now records "
        + now + ".";
  }

  public static String duplicateInstallPath(String path, Component a, Component b) {
    return a + " and " + b + " would both be installed at " + path + ". Remove one of them from"
        + " <plugins> in pom.xml.";
  }

  public static String componentMismatch(String who, String declared, String url, String commit, String path) {
    return who + ": version.php" + (path.isEmpty() ? "" : " in " + path) + " of " + SourceUrls.redact(url)
        + " at " + commit.substring(0, Math.min(10, commit.length())) + " declares component " + declared
        + ", not " + who + ". Fix <component>" + (path.isEmpty() ? "" : " or <path>") + " in pom.xml.";
  }

  public static String noVersionPhp(String who, String url, String commit, String path) {
    return who + ": no version.php " + (path.isEmpty() ? "at the root" : "in " + path) + " of "
        + SourceUrls.redact(url) + " at " + commit.substring(0, Math.min(10, commit.length()))
        + ", so it is not a Moodle plugin. Fix <source>" + (path.isEmpty() ? ", or set <path> if the repository holds several plugins," : " or <path>")
        + " in pom.xml.";
  }

  public static String unsafePath(String who, String file, String path) {
    return who + ": " + file + " names the folder '" + path + "', which leaves the code base. Only"
        + " relative paths without '..' are allowed.";
  }

  public static String offlineNoMirror(String who, String url) {
    return who + ": " + url + " has never been fetched, and the build is offline. Build once online"
        + " (without -o) to create its mirror.";
  }

  public static String submoduleCommitMissing(String who, String path, String commit, String url) {
    return who + ": submodule " + path + " points at commit " + commit + ", which " + url
        + " does not have on any branch or tag. Pin another version of the plugin.";
  }

  public static String pathNotFound(String who, String path, String url, String commit) {
    return who + ": folder '" + path + "' not found in " + SourceUrls.redact(url) + " at commit "
        + commit.substring(0, Math.min(10, commit.length())) + ". Fix <path> for this plugin in pom.xml.";
  }

  public static String unknownPluginType(Component c, Collection<String> types) {
    return c + ": plugin type '" + c.type() + "' is not known to this Moodle. Known types: "
        + String.join(", ", types) + ". Fix <component> in pom.xml; a subplugin type is known once"
        + " the plugin that declares it is in the site.";
  }

  public static String replacesCorePlugin(Component c, String path) {
    return c + ": Moodle already ships a plugin at " + path + ". Remove " + c + " from <plugins> in"
        + " pom.xml: a site plugin cannot replace a core plugin.";
  }

  public static String lockedCommitGone(String who, String commit, String url) {
    return who + ": commit " + commit + " recorded in the lock file is no longer in " + url
        + " (history rewritten?). Build with -Dmoodle.update to resolve the pin again.";
  }

  public static String commitNotInCache(String who, String commit) {
    return who + ": commit " + commit + " is missing from the mirror cache. Build again to fetch it.";
  }

  /**
   * A failure nobody foresaw (a disk error, a JGit internal error, a bug), in words, without a stack
   * trace or a credential.
   */
  public static String unexpected(Throwable e) {
    String what;
    if (e instanceof java.nio.file.FileSystemException f) {
      what = f.getClass().getSimpleName() + " on " + f.getFile() + (f.getOtherFile() == null ? "" : " and " + f.getOtherFile())
          + (f.getReason() == null ? "" : ": " + f.getReason());
    } else {
      what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return redact("The build stopped on a failure of its environment or of moodle-maven-plugin itself (" + what + ")."
        + " Run it again with -X to see where; if it happens again, report it with that log.");
  }

  /** Removes user-info from any URL inside a text, such as a transport error. */
  public static String redact(String text) {
    return text == null ? "" : USER_INFO_ANYWHERE.matcher(text).replaceAll("$1");
  }

  /** A transport failure in words: the root cause, named when its message alone says too little. */
  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof java.net.UnknownHostException) {
      return "unknown host " + t.getMessage();
    }
    if (t instanceof java.net.ConnectException) {
      return "connection refused (" + t.getMessage() + ")";
    }
    // the sentence goes on after it: no full stop of its own
    return rootMessage(e).replaceFirst("\\.+$", "");
  }

  /** The message of the innermost cause, or its class name when it has none. */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /** Moodle release branches first, newest first, then main and master, then the rest. */
  private static List<String> preferred(Collection<String> names) {
    List<String> result = names.stream().filter(n -> n.matches("MOODLE_\\d+_STABLE"))
        .sorted(java.util.Comparator.comparingInt((String n) -> Integer.parseInt(n.replaceAll("\\D", ""))).reversed())
        .collect(Collectors.toList());
    names.stream().filter(n -> n.equals("main") || n.equals("master")).sorted().forEach(result::add);
    names.stream().filter(n -> !result.contains(n)).sorted().forEach(result::add);
    return result;
  }

  /** The names closest to what was asked for first (edit distance), the given order among equals. */
  private static List<String> nearest(String wanted, List<String> names) {
    String w = wanted.toLowerCase(java.util.Locale.ROOT);
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(java.util.Comparator.comparingInt(n -> distance(w, n.toLowerCase(java.util.Locale.ROOT))));
    return sorted;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  private static List<String> newestFirst(Collection<String> names) {
    return names.stream().sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList());
  }

  private static String list(List<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    if (names.size() <= LIST_LIMIT) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, LIST_LIMIT)) + " and " + (names.size() - LIST_LIMIT) + " more";
  }
}
