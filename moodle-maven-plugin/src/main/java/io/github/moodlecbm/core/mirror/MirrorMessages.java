package io.github.moodlecbm.core.mirror;

import io.github.moodlecbm.core.Messages;
import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.config.SourceUrls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The sentences of git access that only this package says. URLs come in already redacted. */
public final class MirrorMessages {
  private MirrorMessages() {}

  static String forbiddenFor(String who, String url, String serverId) {
    return who + ": " + url + " denies access (HTTP 403 Forbidden) with the credentials of server '" + serverId
        + "' from settings.xml. Ask the repository's owner to give that account access, or give that server a"
        + " <password> (token) that has it.";
  }

  static String forbidden(String who, String url, String host) {
    return who + ": " + url + " denies access (HTTP 403 Forbidden). If the repository is private, add a <server>"
        + " with <id>" + host + "</id>, a <username> and a <password> (or token) of an account that has access to"
        + " ~/.m2/settings.xml; otherwise ask its owner for access.";
  }

  static String fetchFailed(String who, String url, String fetchUrl, Throwable e) {
    String via = SourceUrls.redact(fetchUrl).equals(url) ? "" : " (rewritten to " + SourceUrls.redact(fetchUrl) + ")";
    return who + ": cannot fetch " + url + via + ": " + Messages.redact(Messages.describe(e))
        + ". Check <source> in pom.xml, your network, or " + PropertyNames.REWRITES + ".";
  }

  static String unwritableCache(Path cache, String reason) {
    return "The mirror cache " + cache + " cannot be written" + (reason == null ? "" : " (" + reason + ")")
        + ". Make it writable, or point " + PropertyNames.flag(PropertyNames.CACHE_DIR)
        + " (<cacheDir> in pom.xml) to a folder you can write.";
  }

  static String authRefused(String who, String url, String serverId) {
    return who + ": " + url + " refused the credentials of server '" + serverId + "' from settings.xml."
        + " Check its <username> and <password> there (a token works as the password).";
  }

  static String authRequired(String who, String url, String host) {
    return who + ": " + url + " requires authentication. Add a <server> with <id>" + host + "</id>, a"
        + " <username> and a <password> (or token) to ~/.m2/settings.xml, or name another server with"
        + " <serverId> for this source in pom.xml.";
  }

  static String unknownHostKey(String who, String url, String host) {
    return who + ": the ssh host key of " + host + " is not in your known_hosts, so " + url + " was not"
        + " trusted. Check the host's fingerprint with its administrator, then add it: ssh-keyscan"
        + (host.startsWith("[") ? " -p " + host.substring(host.indexOf("]:") + 2) + " " + host.substring(1, host.indexOf(']')) : " " + host)
        + " >> ~/.ssh/known_hosts";
  }

  static String sshRefused(String who, String url) {
    return who + ": " + url + " accepted none of your ssh keys. Add your public key to that account on"
        + " the git host, or load the right key in ~/.ssh (see " + PropertyNames.flag(PropertyNames.SSH_DIRECTORY) + ").";
  }

  static String fetching(String who, boolean cloning, String url) {
    return "[" + who + "] " + (cloning ? "cloning " : "fetching ") + url;
  }

  static String fetched(String who, boolean cloning, String url, long millis, long objects, String received) {
    return String.format(Locale.ROOT, "[%s] %s %s in %.1f s (%d objects, %s received)", who,
        cloning ? "cloned" : "fetched", url, millis / 1000.0, objects, received);
  }

  static String tryingAgain(String who, String failure, Duration pause, int attempt, int attempts) {
    return "[" + who + "] " + failure + "; trying again in " + pause.toSeconds() + " s (" + attempt + "/" + attempts + ")";
  }

  public static String offlineNoMirror(String who, String url) {
    return who + ": " + url + " has never been fetched, and the build is offline. Build once online"
        + " (without -o) to create its mirror.";
  }
}
