package io.github.moodlecbm.core.config;

import java.util.regex.Pattern;

/** URL helpers shared by every stage. */
public final class SourceUrls {
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

  private SourceUrls() {}

  private static final Pattern SSH_USER = Pattern.compile("^((?:git\\+)?ssh://[^/:@]+@).*");

  /**
   * The URL without any password or token, safe to print and to record. An https user name may be
   * a token, so it goes too; an ssh user name (such as {@code git}) is kept.
   */
  public static String redact(String url) {
    if (SSH_USER.matcher(url).matches()) {
      return url;
    }
    return USER_INFO.matcher(url).replaceFirst("$1");
  }

  /**
   * The URL reduced to what identifies a repository: no credentials, lower-case scheme and host,
   * no trailing slash or {@code .git}.
   */
  public static String normalise(String url) {
    String u = redact(url.trim());
    int scheme = u.indexOf("://");
    if (scheme > 0) {
      int hostEnd = u.indexOf('/', scheme + 3);
      if (hostEnd < 0) {
        hostEnd = u.length();
      }
      u = u.substring(0, hostEnd).toLowerCase(java.util.Locale.ROOT) + u.substring(hostEnd);
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    return u;
  }
}
