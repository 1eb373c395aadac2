package io.github.moodlecbm.core.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.layout.CoreRelease;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.resolve.LockFile;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.core.verify.VersionFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.AnyObjectId;

/**
 * What a release is, in Moodle's terms and in the build's: Moodle's release and version, each
 * plugin's {@code $plugin->version} and {@code $plugin->release}, the lock it was built from, the
 * tree, the tag and how it was verified. It is the annotated tag's message and the site project's
 * artifact; it is never put inside the code base, where the web could read it.
 *
 * @param site the site project's groupId:artifactId:version
 * @param verification {@code passed} or {@code skipped}
 * @param installTest {@code passed} when Moodle's installer ran on the code base before the
 *     release (moodle:install-test); absent when it did not run
 * @param sbomSha256 the SHA-256 of the release's SBOM ({@code <artifactId>-<version>-cyclonedx.json});
 *     absent in releases made before SBOMs were
 * @param advisories the published advisories known when the release was made: those affecting it
 *     and those it removed; absent when they were not checked
 */
@JsonPropertyOrder({"format", "site", "tag", "tree", "verification", "installTest", "lockSha256", "sbomSha256", "advisories",
    "moodle", "plugins", "lock"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(int format, String site, String tag, String tree, VerificationState verification,
    VerificationState installTest, String lockSha256, Core moodle, SortedMap<String, Version> plugins, Lock lock,
    String sbomSha256, Advisories advisories) {
  public static final int FORMAT = 1;

  public Manifest(int format, String site, String tag, String tree, VerificationState verification,
      VerificationState installTest, String lockSha256, Core moodle, SortedMap<String, Version> plugins, Lock lock,
      String sbomSha256) {
    this(format, site, tag, tree, verification, installTest, lockSha256, moodle, plugins, lock, sbomSha256, null);
  }

  public Manifest(int format, String site, String tag, String tree, VerificationState verification,
      VerificationState installTest, String lockSha256, Core moodle, SortedMap<String, Version> plugins, Lock lock) {
    this(format, site, tag, tree, verification, installTest, lockSha256, moodle, plugins, lock, null);
  }

  public Manifest {
    plugins = plugins == null ? new TreeMap<>() : new TreeMap<>(plugins);
  }

  /**
   * The published advisories a release knows of.
   *
   * @param source where they were read (OSV's API, a local copy)
   * @param affecting those affecting the release's code base
   * @param fixed those affecting the previous release that this one removed
   */
  @JsonPropertyOrder({"source", "affecting", "fixed"})
  public record Advisories(String source, List<Advisory> affecting, List<Advisory> fixed) {
    public Advisories {
      affecting = affecting == null ? List.of() : List.copyOf(affecting);
      fixed = fixed == null ? List.of() : List.copyOf(fixed);
    }
  }

  /** One advisory: the component it affects, its identifiers (OSV's, CVE, GHSA, MSA), severity and title. */
  @JsonPropertyOrder({"component", "ids", "severity", "summary"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Advisory(String component, List<String> ids, String severity, String summary) {}

  /** Moodle's {@code $release}, {@code $version} and {@code $branch}. */
  @JsonPropertyOrder({"release", "version", "branch"})
  public record Core(String release, String version, String branch) {}

  /**
   * A plugin's {@code $plugin->version} and {@code $plugin->release}, as its version.php says in
   * the release.
   *
   * @param local {@code patched} when the site's patches changed the plugin (its version.php read
   *     as they left it), {@code overlay} for a plugin of the site's own; null for upstream's code
   */
  @JsonPropertyOrder({"version", "release", "local"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Version(String version, String release, String local) {
    public Version(String version, String release) {
      this(version, release, null);
    }

    Version local(String value) {
      return new Version(version, release, value);
    }
  }

  /** Reads the versions of Moodle and of every plugin from the code base's tree. */
  public static Manifest of(String site, String tag, VerificationState verification, VerificationState installTest, Lock lock,
      AnyObjectId tree,
      TreeFiles files) throws IOException {
    String root = lock.moodle().codeRoot() == null || lock.moodle().codeRoot().isEmpty() ? "" : lock.moodle().codeRoot() + "/";
    Core core = files.text(tree, root + "version.php").flatMap(CoreRelease::parse)
        .map(r -> new Core(r.release(), r.version(), r.branch()))
        .orElse(new Core(lock.moodle().release(), null, null));
    SortedMap<String, Version> plugins = new TreeMap<>();
    for (Map.Entry<String, Lock.Plugin> e : lock.plugins().entrySet()) {
      Version v = pluginVersion(files.text(tree, e.getValue().installPath() + "/version.php"));
      plugins.put(e.getKey(), e.getValue().patches().isEmpty() ? v : v.local("patched"));
    }
    for (Map.Entry<String, String> e : lock.overlayPlugins().entrySet()) {
      plugins.put(e.getKey(), pluginVersion(files.text(tree, e.getValue() + "/version.php")).local("overlay"));
    }
    return new Manifest(FORMAT, site, tag, tree.name(), verification, installTest, lockSha256(lock), core, plugins,
        lock);
  }

  private static Version pluginVersion(Optional<String> php) {
    if (php.isEmpty()) {
      return new Version(null, null);
    }
    try {
      VersionFile f = VersionFile.parse(php.get());
      Object version = f.get("plugin->version");
      Object release = f.get("plugin->release");
      return new Version(version instanceof BigDecimal n ? n.toPlainString() : version == null ? null : String.valueOf(version),
          release == null ? null : String.valueOf(release));
    } catch (VersionFile.UnreadableException e) {
      return new Version(null, null);
    }
  }

  public Manifest withTag(String newTag) {
    return new Manifest(format, site, newTag, tree, verification, installTest, lockSha256, moodle, plugins, lock, sbomSha256,
        advisories);
  }

  /** The manifest recording the advisories known at release time. */
  public Manifest withAdvisories(Advisories value) {
    return new Manifest(format, site, tag, tree, verification, installTest, lockSha256, moodle, plugins, lock, sbomSha256, value);
  }

  /** The manifest naming the release's SBOM by its SHA-256. */
  public Manifest withSbom(String sha256) {
    return new Manifest(format, site, tag, tree, verification, installTest, lockSha256, moodle, plugins, lock, sha256, advisories);
  }

  public String render() {
    return Json.render(this);
  }

  /** The manifest in a text that starts with it or holds it after a title (a tag's message). */
  public static Optional<Manifest> parse(String text) {
    int start = text == null ? -1 : text.indexOf("\n{");
    String json = text != null && text.startsWith("{") ? text : start < 0 ? null : text.substring(start + 1);
    if (json == null) {
      return Optional.empty();
    }
    try {
      Manifest m = Json.MAPPER.readValue(json, Manifest.class);
      return m != null && m.format() == FORMAT && m.lock() != null && m.lock().moodle() != null ? Optional.of(m) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The SHA-256 of the lock as its file holds it, which a release's manifest names. */
  static String lockSha256(Lock lock) {
    return sha256(LockFile.render(lock));
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
