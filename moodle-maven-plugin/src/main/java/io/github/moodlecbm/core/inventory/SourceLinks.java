package io.github.moodlecbm.core.inventory;

import io.github.moodlecbm.core.config.SourceUrls;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web pages of a plugin's git source, for a report to link to: the repository's page and the
 * page of a commit. A git URL may be written for https ({@code https://github.com/o/r.git}), for
 * ssh ({@code ssh://git@host/o/r.git} or {@code git@github.com:o/r.git}), with or without
 * {@code .git}; user names, passwords and tokens in it never reach a link.
 *
 * <p>The hosts whose pages are known: GitHub ({@code https://github.com/o/r/commit/<sha>}), GitLab
 * ({@code gitlab.com} or a host whose name starts with {@code gitlab.}, groups nested:
 * {@code https://host/group/sub/r/-/commit/<sha>}) and Bitbucket
 * ({@code https://bitbucket.org/o/r/commits/<sha>}). For any other host, an http(s) source is its
 * own repository link and no commit link is made; an ssh source there has no link.
 */
public final class SourceLinks {
  /** An http(s), ssh, git or file URL: scheme, optional user information, host, optional port, path. */
  private static final Pattern URL = Pattern.compile(
      "(?i)([a-z][a-z0-9+.-]*)://(?:[^/?#]*@)?(\\[[^\\]]*\\]|[^/:?#]*)(?::(\\d*))?(/[^?#]*)?(?:[?#].*)?");
  /** The short form of ssh, as scp writes it: {@code [user@]host:path}. */
  private static final Pattern SCP = Pattern.compile("(?:[^@/:]+@)?([^/:@]{2,}):(?!//)([^?#]+)");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,64}");

  private SourceLinks() {}

  /**
   * The links of one source.
   *
   * @param repository the repository's web page, or null when there is none to give
   * @param commitBase what a commit id is appended to for its page, or null when unknown
   */
  private record Links(String repository, String commitBase) {}

  /** The repository's web page of a git source URL; empty when there is none to give. */
  public static Optional<String> repository(String gitUrl) {
    return Optional.ofNullable(of(gitUrl).repository());
  }

  /**
   * The web page of a commit (a full or abbreviated id) of a git source URL; empty when the host's
   * pages are not known or the id is not one.
   */
  public static Optional<String> commit(String gitUrl, String commit) {
    String base = of(gitUrl).commitBase();
    if (base == null || commit == null || !COMMIT.matcher(commit.trim()).matches()) {
      return Optional.empty();
    }
    return Optional.of(base + commit.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * The source URL as it may be shown: without the password or token of an https URL (its user
   * name too, which may be a token); an ssh user name such as {@code git} is kept.
   */
  public static String withoutCredentials(String gitUrl) {
    return gitUrl == null ? null : SourceUrls.redact(gitUrl.trim());
  }

  /** The links of a git source URL; none (both null) for a local path, an unknown ssh host or nothing. */
  private static Links of(String gitUrl) {
    if (gitUrl == null || gitUrl.isBlank()) {
      return new Links(null, null);
    }
    String url = gitUrl.trim();
    Matcher m = URL.matcher(url);
    String scheme;
    String host;
    String port;
    String path;
    if (m.matches()) {
      scheme = m.group(1).toLowerCase(Locale.ROOT);
      host = m.group(2).toLowerCase(Locale.ROOT);
      port = m.group(3) == null || m.group(3).isEmpty() ? null : m.group(3);
      path = m.group(4) == null ? "" : m.group(4);
    } else {
      Matcher scp = SCP.matcher(url);
      if (!scp.matches()) {
        return new Links(null, null);
      }
      scheme = "ssh";
      host = scp.group(1).toLowerCase(Locale.ROOT);
      port = null;
      path = "/" + scp.group(2);
    }
    boolean web = scheme.equals("https") || scheme.equals("http");
    if (host.isEmpty() || !web && !scheme.equals("ssh") && !scheme.equals("git+ssh") && !scheme.equals("git")) {
      return new Links(null, null);
    }
    String repo = repositoryPath(path);
    String known = knownHost(host);
    if (known != null && repo.contains("/")) {
      int segments = repo.split("/").length;
      // The web pages of an https source are on its own port; ssh and git ports are not the web's.
      String site = known.equals("github") ? "github.com" : known.equals("bitbucket") ? "bitbucket.org" : host;
      String base = "https://" + site + (web && port != null && !port.equals("443") ? ":" + port : "") + "/" + repo;
      switch (known) {
        case "github":
          if (segments == 2) {
            return new Links(base, base + "/commit/");
          }
          break;
        case "bitbucket":
          if (segments == 2) {
            return new Links(base, base + "/commits/");
          }
          break;
        default:
          return new Links(base, base + "/-/commit/");
      }
    }
    if (!web) {
      return new Links(null, null);
    }
    String authority = host + (port == null ? "" : ":" + port);
    return new Links(scheme + "://" + authority + path, null);
  }

  /** {@code github}, {@code gitlab}, {@code bitbucket}, or null for another host. */
  private static String knownHost(String host) {
    if (host.equals("github.com") || host.equals("www.github.com")) {
      return "github";
    }
    if (host.equals("gitlab.com") || host.startsWith("gitlab.")) {
      return "gitlab";
    }
    if (host.equals("bitbucket.org") || host.equals("www.bitbucket.org")) {
      return "bitbucket";
    }
    return null;
  }

  /** The repository's path without slashes around it and without {@code .git}: {@code owner/name}. */
  private static String repositoryPath(String path) {
    String p = path.replaceAll("/{2,}", "/").replaceAll("^/+|/+$", "");
    if (p.toLowerCase(Locale.ROOT).endsWith(".git")) {
      p = p.substring(0, p.length() - 4);
    }
    return p.replaceAll("/+$", "");
  }
}
