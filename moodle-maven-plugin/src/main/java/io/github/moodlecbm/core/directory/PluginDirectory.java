package io.github.moodlecbm.core.directory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.github.moodlecbm.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Moodle plugins directory as its API lists it ({@code pluglist.php}, API 1.3): each plugin's
 * component, repository and versions, each version with its {@code $plugin->version}, release,
 * git tag or branch and the Moodle releases it supports. Read-only, parsed once.
 */
public final class PluginDirectory {
  /** A Moodle release a version supports: {@code version} is Moodle's, {@code release} e.g. 4.5. */
  public record SupportedMoodle(String version, String release) {}

  /** One version of a plugin, as the directory lists it. */
  public record Version(
      String version,
      String release,
      Integer maturity,
      String vcsrepositoryurl,
      String vcsbranch,
      String vcstag,
      List<SupportedMoodle> supportedmoodles) {
    public Version {
      supportedmoodles = supportedmoodles == null ? List.of() : List.copyOf(supportedmoodles);
    }

    /** The Moodle releases it supports, e.g. {@code 4.4, 4.5}. */
    public String supports() {
      return String.join(", ", supportedmoodles.stream().map(SupportedMoodle::release).toList());
    }

    long number() {
      try {
        return Long.parseLong(version == null ? "" : version.replaceFirst("\\..*", "").trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }

  /** One plugin, with its versions newest first. */
  public record Plugin(String component, String name, String source, List<Version> versions) {
    public Plugin {
      versions = versions == null ? List.of()
          : versions.stream().sorted(Comparator.comparingLong(Version::number).reversed()).toList();
    }

    /** The git repository: the newest version's, else the plugin's own source link. */
    public Optional<String> repository() {
      for (Version v : versions) {
        if (isGit(v.vcsrepositoryurl())) {
          return Optional.of(v.vcsrepositoryurl().trim());
        }
      }
      return isGit(source) ? Optional.of(source.trim()) : Optional.empty();
    }

    /** The version whose {@code $plugin->version} is {@code number}. */
    public Optional<Version> version(String number) {
      return versions.stream().filter(v -> number.equals(v.version())).findFirst();
    }

    /** The version whose {@code $plugin->release} is {@code release}. */
    public Optional<Version> release(String release) {
      return versions.stream().filter(v -> release.equals(v.release())).findFirst();
    }

    private static boolean isGit(String url) {
      return url != null && !url.isBlank() && url.trim().matches("(?i)(https?|git|ssh|file)://.+|[\\w.-]+@[\\w.-]+:.+");
    }
  }

  private record Listing(Long timestamp, List<Plugin> plugins) {}

  private final Map<String, Plugin> byComponent;
  private final long timestamp;

  private PluginDirectory(Map<String, Plugin> byComponent, long timestamp) {
    this.byComponent = byComponent;
    this.timestamp = timestamp;
  }

  /** Parses a {@code pluglist.php} answer; fails on anything that is not one. */
  public static PluginDirectory parse(InputStream json) throws IOException {
    Listing listing = Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .readValue(json, Listing.class);
    if (listing == null || listing.plugins() == null) {
      throw new IOException("not a plugins directory listing: it has no \"plugins\"");
    }
    Map<String, Plugin> map = new HashMap<>();
    for (Plugin p : listing.plugins()) {
      if (p != null && p.component() != null) {
        map.put(p.component(), p);
      }
    }
    return new PluginDirectory(map, listing.timestamp() == null ? 0 : listing.timestamp());
  }

  public Optional<Plugin> plugin(String component) {
    return Optional.ofNullable(byComponent.get(component));
  }

  public int size() {
    return byComponent.size();
  }

  /** When the directory made this listing, in seconds since the epoch (0 if it did not say). */
  public long timestamp() {
    return timestamp;
  }
}
