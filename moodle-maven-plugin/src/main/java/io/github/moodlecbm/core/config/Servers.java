package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The credentials a build may use, by server id: a source names its server with {@code
 * <serverId>}, else the server whose id is the URL's host (or host:port) is taken.
 */
public final class Servers {
  private final Map<String, ServerCredentials> byId = new LinkedHashMap<>();

  public Servers(List<ServerCredentials> servers) {
    servers.forEach(s -> byId.put(s.id(), s));
  }

  /** The server of that id in settings.xml, if any. */
  public Optional<ServerCredentials> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public static Servers none() {
    return new Servers(List.of());
  }

  /**
   * The credentials for a source.
   *
   * @param serverId the id the pom names for this source, or null
   * @param fetchUrl the URL fetched (after rewrites)
   */
  public Optional<ServerCredentials> forSource(String who, String serverId, String fetchUrl) throws CodebaseException {
    if (serverId != null && !serverId.isBlank()) {
      ServerCredentials s = byId.get(serverId.trim());
      if (s == null) {
        throw new CodebaseException(ConfigMessages.unknownServerId(who, serverId.trim(), byId.keySet()));
      }
      return Optional.of(s);
    }
    try {
      URI uri = URI.create(fetchUrl);
      if (uri.getHost() == null) {
        return Optional.empty();
      }
      String hostPort = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return Optional.ofNullable(byId.getOrDefault(hostPort, byId.get(uri.getHost())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
