package io.github.moodlecbm.core.mirror;

/** The sentences of git access that only this package says. URLs come in already redacted. */
final class MirrorMessages {
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
}
