package io.github.moodlecbm.core.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.inventory.Inventory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.ExternalReference;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.LifecycleChoice;
import org.cyclonedx.model.Lifecycles;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * A release's software bill of materials: a CycloneDX 1.6 JSON document, made with CycloneDX's own
 * Java library (cyclonedx-core-java, as cyclonedx-maven-plugin makes its BOMs), written next to the
 * release as {@code target/<artifactId>-<version>-cyclonedx.json} ({@link #fileName}).
 *
 * <p>What it holds, from the code base's {@link Inventory}:
 *
 * <ul>
 *   <li><b>components</b>, in the Inventory's order: Moodle (type {@code framework}, bom-ref and name
 *       {@code moodle}, group {@code moodle}, version the release such as {@code 4.5.2}), then each
 *       plugin (type {@code library}, bom-ref and name its component, version {@code
 *       $plugin->release}, else {@code $plugin->version}). Each has a package URL: {@code
 *       pkg:github/<owner>/<repo>@<commit>} for a GitHub source (with the plugin's folder in its
 *       repository as the purl's subpath, {@code #<path>}), else {@code
 *       pkg:generic/<component>@<version>?vcs_url=git+<url>@<commit>} (purl's generic type; the
 *       qualifier value percent-encoded as packageurl-java writes it). A plugin of the site's own
 *       (overlay) has no source, so neither purl nor vcs reference. The source URL, without any
 *       user-info (user names, passwords, tokens), is a {@code vcs} external reference. Its licence
 *       is the Inventory's SPDX id ({@code licenses[].license.id}; an SPDX expression as {@code
 *       expression}; a text that is no SPDX id as {@code license.name}), none when the Inventory
 *       states none. Properties: {@value #COMMIT}, {@value #INSTALL_PATH} ({@code .} for Moodle, the
 *       root of the code base), {@value #PIN}, {@value #PATCHES} (one property a patch), {@value
 *       #OVERLAY} ({@code true}, on the site's own plugins only), and {@value #VERSION} ({@code
 *       $version} / {@code $plugin->version}), {@value #BRANCH} (Moodle), {@value #MATURITY}.
 *   <li><b>dependencies</b>: the site (the metadata component) depends on Moodle and on every
 *       plugin; Moodle on nothing; each plugin on Moodle (its {@code requires}: a plugin runs inside
 *       Moodle, and the core plugins its {@code $plugin->dependencies} may name are part of Moodle)
 *       and on every plugin of the inventory that its {@code $plugin->dependencies} names. A named
 *       component that is not in the inventory (a core plugin) is thus expressed by the dependency
 *       on Moodle.
 *   <li><b>metadata</b>: the timestamp (the given time, to the second, UTC: the reproducible time
 *       when {@code project.build.outputTimestamp} is set), the lifecycle phase {@code build}, the
 *       tool (1.6's {@code metadata.tools.components} form: moodle-maven-plugin and its version)
 *       and the site as {@code metadata.component} (type {@code application}, its group, name and
 *       version, with the release tag {@value #TAG} and the lock's SHA-256 {@value #LOCK_SHA256}
 *       as properties).
 *   <li><b>serialNumber</b>: {@code urn:uuid:} and a name-based UUID (version 3) of the site's
 *       {@code groupId:artifactId}, the release tag and the lock's SHA-256 ({@link #serialNumber}):
 *       the same release always has the same serial number, and, with the same time, the same
 *       inputs give the same bytes.
 * </ul>
 *
 * <p>The JSON is pretty-printed in the build's own layout ({@link Json#render}: two-space indent,
 * line feeds whatever the platform, a final line feed), fields in CycloneDX's order.
 */
public final class Sbom {
  /** The CycloneDX specification version written. */
  public static final Version SPEC = Version.VERSION_16;

  /** The tool's group: this project's. */
  public static final String TOOL_GROUP = "io.github.moodlecbm";

  public static final String COMMIT = "moodle-cbm:commit";
  public static final String INSTALL_PATH = "moodle-cbm:installPath";
  public static final String PIN = "moodle-cbm:pin";
  public static final String PATCHES = "moodle-cbm:patches";
  public static final String OVERLAY = "moodle-cbm:overlay";
  public static final String VERSION = "moodle-cbm:version";
  public static final String BRANCH = "moodle-cbm:branch";
  public static final String MATURITY = "moodle-cbm:maturity";
  public static final String TAG = "moodle-cbm:tag";
  public static final String LOCK_SHA256 = "moodle-cbm:lockSha256";

  /** Moodle's bom-ref, name and group. */
  public static final String MOODLE = "moodle";

  private static final Pattern SCP_LIKE = Pattern.compile("^(?:[^@/:]+@)?([^@/:]+):(?!//)(.+)$");
  private static final Pattern SPDX_ID = Pattern.compile("[A-Za-z0-9.+-]+");

  /** SPDX ids, lower-case to as spelled; loaded once from the library's own copy of the SPDX list. */
  private static volatile Map<String, String> spdxIds;

  private Sbom() {}

  /**
   * The site whose release the SBOM describes, and the tool that makes it.
   *
   * @param groupId the site's groupId
   * @param artifactId the site's artifactId
   * @param version the site's version
   * @param tag the release tag
   * @param lockSha256 the SHA-256 of the lock file's text (as the release manifest records it)
   * @param toolName the tool's name, {@code moodle-maven-plugin}
   * @param toolVersion the tool's version
   */
  public record Site(String groupId, String artifactId, String version, String tag, String lockSha256, String toolName,
      String toolVersion) {
    public Site {
      Objects.requireNonNull(groupId, "groupId");
      Objects.requireNonNull(artifactId, "artifactId");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(lockSha256, "lockSha256");
      Objects.requireNonNull(toolName, "toolName");
      Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** The site's bom-ref: {@code groupId:artifactId:version} (no plugin component has a colon). */
    public String bomRef() {
      return groupId + ":" + artifactId + ":" + version;
    }
  }

  /** The SBOM's file name, {@code <artifactId>-<version>-cyclonedx.json}, as cyclonedx-maven-plugin names it. */
  public static String fileName(String artifactId, String version) {
    return artifactId + "-" + version + "-cyclonedx.json";
  }

  /**
   * The SBOM of a release as CycloneDX 1.6 JSON, ending with a line feed.
   *
   * @param inventory what the release's code base holds
   * @param site the site and its release
   * @param time the SBOM's timestamp: the reproducible time when {@code
   *     project.build.outputTimestamp} is set (see {@code OutputTimestamp.commitTime}), else the
   *     build's time; written to the second, in UTC
   */
  public static String json(Inventory inventory, Site site, Instant time) {
    try {
      String compact = BomGeneratorFactory.createJson(SPEC, bom(inventory, site, time)).toJsonString(false);
      JsonNode tree = Json.MAPPER.readTree(compact);
      return Json.render(tree);
    } catch (GeneratorException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SBOM as CycloneDX's model, for a caller who wants more than {@link #json}. */
  public static Bom bom(Inventory inventory, Site site, Instant time) {
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(time, "time");
    Bom bom = new Bom();
    bom.setSerialNumber(serialNumber(site));
    bom.setVersion(1);
    bom.setMetadata(metadata(site, time));

    List<Component> components = new ArrayList<>();
    components.add(moodle(inventory.moodle()));
    Set<String> inInventory = new LinkedHashSet<>();
    for (Inventory.Plugin plugin : inventory.plugins()) {
      components.add(plugin(plugin));
      inInventory.add(plugin.component());
    }
    bom.setComponents(components);

    List<Dependency> dependencies = new ArrayList<>();
    Dependency siteDependency = new Dependency(site.bomRef());
    siteDependency.addDependency(new Dependency(MOODLE));
    inInventory.forEach(c -> siteDependency.addDependency(new Dependency(c)));
    dependencies.add(siteDependency);
    dependencies.add(new Dependency(MOODLE));
    Set<String> seen = new LinkedHashSet<>();
    for (Inventory.Plugin plugin : inventory.plugins()) {
      if (!seen.add(plugin.component())) {
        continue;
      }
      Dependency d = new Dependency(plugin.component());
      d.addDependency(new Dependency(MOODLE));
      for (String needed : plugin.dependencies().keySet()) {
        if (inInventory.contains(needed) && !needed.equals(plugin.component())) {
          d.addDependency(new Dependency(needed));
        }
      }
      dependencies.add(d);
    }
    bom.setDependencies(dependencies);
    return bom;
  }

  /**
   * The SBOM's serial number: {@code urn:uuid:} and the name-based UUID of {@code
   * groupId:artifactId}, the tag and the lock's SHA-256, one a line. One release, one serial number.
   */
  public static String serialNumber(Site site) {
    String name = site.groupId() + ":" + site.artifactId() + "\n" + site.tag() + "\n" + site.lockSha256();
    return "urn:uuid:" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of a text (UTF-8), in lower-case hex: what a manifest records of the SBOM. */
  public static String sha256(String json) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Metadata metadata(Site site, Instant time) {
    Metadata metadata = new Metadata();
    metadata.setTimestamp(Date.from(time.truncatedTo(ChronoUnit.SECONDS)));

    LifecycleChoice build = new LifecycleChoice();
    build.setPhase(LifecycleChoice.Phase.BUILD);
    Lifecycles lifecycles = new Lifecycles();
    lifecycles.setLifecycleChoice(List.of(build));
    metadata.setLifecycles(lifecycles);

    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setGroup(TOOL_GROUP);
    tool.setName(site.toolName());
    tool.setVersion(site.toolVersion());
    tool.setPurl(purl(PackageURLBuilder.aPackageURL().withType("maven").withNamespace(TOOL_GROUP)
        .withName(site.toolName()).withVersion(site.toolVersion())));
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    metadata.setToolChoice(tools);

    Component component = new Component();
    component.setType(Component.Type.APPLICATION);
    component.setBomRef(site.bomRef());
    component.setGroup(site.groupId());
    component.setName(site.artifactId());
    component.setVersion(site.version());
    component.addProperty(new Property(TAG, site.tag()));
    component.addProperty(new Property(LOCK_SHA256, site.lockSha256()));
    metadata.setComponent(component);
    return metadata;
  }

  private static Component moodle(Inventory.Core moodle) {
    Component c = new Component();
    c.setType(Component.Type.FRAMEWORK);
    c.setBomRef(MOODLE);
    c.setGroup(MOODLE);
    c.setName(MOODLE);
    String version = releaseNumber(moodle.release(), moodle.version());
    c.setVersion(version);
    if (present(moodle.release())) {
      c.setDescription("Moodle " + moodle.release().trim());
    }
    c.setLicenses(licence(moodle.licence()));
    source(c, MOODLE, version, moodle.source(), moodle.commit(), "");
    property(c, COMMIT, moodle.commit());
    property(c, INSTALL_PATH, ".");
    property(c, PIN, moodle.pin());
    moodle.patches().forEach(p -> property(c, PATCHES, p));
    property(c, VERSION, moodle.version());
    property(c, BRANCH, moodle.branch());
    return c;
  }

  private static Component plugin(Inventory.Plugin plugin) {
    Component c = new Component();
    c.setType(Component.Type.LIBRARY);
    c.setBomRef(plugin.component());
    c.setName(plugin.component());
    String version = present(plugin.release()) ? plugin.release().trim() : present(plugin.version()) ? plugin.version().trim() : null;
    c.setVersion(version);
    if (present(plugin.name())) {
      c.setDescription(plugin.name().trim());
    }
    c.setLicenses(licence(plugin.licence()));
    if (!plugin.overlay()) {
      source(c, plugin.component(), version, plugin.source(), plugin.commit(), plugin.path());
    }
    property(c, COMMIT, plugin.commit());
    property(c, INSTALL_PATH, plugin.installPath());
    property(c, PIN, plugin.pin());
    plugin.patches().forEach(p -> property(c, PATCHES, p));
    if (plugin.overlay()) {
      property(c, OVERLAY, "true");
    }
    property(c, VERSION, plugin.version());
    property(c, MATURITY, plugin.maturity());
    return c;
  }

  /** The purl and the vcs reference of a component with a git source. */
  private static void source(Component c, String name, String version, String source, String commit, String path) {
    if (!present(source)) {
      return;
    }
    String url = vcsUrl(source);
    String subpath = path == null || path.isBlank() ? null : path.replaceAll("^/+|/+$", "");
    String[] github = github(url);
    PackageURLBuilder purl;
    if (github != null && present(commit)) {
      purl = PackageURLBuilder.aPackageURL().withType("github").withNamespace(github[0]).withName(github[1])
          .withVersion(commit.trim());
    } else {
      purl = PackageURLBuilder.aPackageURL().withType("generic").withName(name).withVersion(version)
          .withQualifier("vcs_url", "git+" + url.replaceFirst("^git\\+", "") + (present(commit) ? "@" + commit.trim() : ""));
    }
    if (subpath != null && !subpath.isEmpty()) {
      purl.withSubpath(subpath);
    }
    c.setPurl(purl(purl));
    if (isUri(url)) {
      ExternalReference vcs = new ExternalReference();
      vcs.setType(ExternalReference.Type.VCS);
      vcs.setUrl(url);
      c.addExternalReference(vcs);
    }
  }

  private static boolean isUri(String url) {
    try {
      new URI(url);
      return true;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String purl(PackageURLBuilder builder) {
    try {
      PackageURL purl = builder.build();
      return purl.canonicalize();
    } catch (MalformedPackageURLException e) {
      // a name or path that a package URL cannot hold: the component goes without one
      return null;
    }
  }

  /**
   * A git URL as a URL without user-info (no user name, password or token, an ssh user name
   * included): {@code git@host:path} becomes {@code ssh://host/path}, a local path a {@code file:}
   * URL.
   */
  static String vcsUrl(String source) {
    String s = source.trim();
    int scheme = s.indexOf("://");
    if (scheme < 0) {
      var scp = SCP_LIKE.matcher(s);
      if (scp.matches() && !s.matches("^[A-Za-z]:[\\\\/].*")) {
        return "ssh://" + scp.group(1) + "/" + scp.group(2).replaceFirst("^/+", "");
      }
      if (s.startsWith("/")) {
        return "file://" + s.replace("%", "%25").replace(" ", "%20");
      }
      return s;
    }
    int authorityStart = scheme + 3;
    int authorityEnd = s.length();
    for (int i = authorityStart; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '/' || ch == '?' || ch == '#') {
        authorityEnd = i;
        break;
      }
    }
    int at = s.lastIndexOf('@', authorityEnd - 1);
    if (at >= authorityStart) {
      s = s.substring(0, authorityStart) + s.substring(at + 1);
    }
    return s;
  }

  /** The owner and repository of a github.com URL, or null. */
  private static String[] github(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return null;
    }
    String host = uri.getHost();
    if (host == null || !(host.equalsIgnoreCase("github.com") || host.equalsIgnoreCase("www.github.com"))
        || uri.getPath() == null) {
      return null;
    }
    String path = uri.getPath().replaceAll("^/+|/+$", "");
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    String[] parts = path.split("/");
    return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? parts : null;
  }

  /** {@code 4.5.2} of {@code 4.5.2 (Build: 20241007)}; {@code $version} when there is no release. */
  private static String releaseNumber(String release, String version) {
    if (present(release)) {
      return release.trim().split("\\s+", 2)[0];
    }
    return present(version) ? version.trim() : null;
  }

  /** The licence: an SPDX id, an SPDX expression, or else a name; null when none is stated. */
  static LicenseChoice licence(String spdx) {
    if (!present(spdx)) {
      return null;
    }
    String text = spdx.trim();
    LicenseChoice choice = new LicenseChoice();
    String id = spdxId(text);
    if (id != null) {
      License licence = new License();
      licence.setId(id);
      choice.addLicense(licence);
    } else if (isExpression(text)) {
      choice.setExpression(new Expression(text));
    } else {
      License licence = new License();
      licence.setName(text);
      choice.addLicense(licence);
    }
    return choice;
  }

  /** The SPDX id as the SPDX list spells it, or null when the text is no SPDX id. */
  private static String spdxId(String text) {
    if (!SPDX_ID.matcher(text).matches()) {
      return null;
    }
    Map<String, String> ids = spdxIds();
    return ids.isEmpty() ? text : ids.get(text.toLowerCase(Locale.ROOT));
  }

  /** Whether the text is an SPDX expression: ids (or {@code LicenseRef-}s) joined by AND, OR, WITH. */
  private static boolean isExpression(String text) {
    boolean operator = false;
    for (String token : text.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+")) {
      if (token.equals("AND") || token.equals("OR") || token.equals("WITH")) {
        operator = true;
      } else if (!token.equals("(") && !token.equals(")") && !token.startsWith("LicenseRef-")
          && !token.startsWith("DocumentRef-") && spdxId(token.endsWith("+") ? token.substring(0, token.length() - 1) : token) == null) {
        return false;
      }
    }
    return operator;
  }

  /**
   * The SPDX license ids the CycloneDX schema knows (its {@code spdx.schema.json}), by lower-case
   * id; empty when the library does not carry that file (then every id-shaped text is taken as
   * an id).
   */
  private static Map<String, String> spdxIds() {
    Map<String, String> ids = spdxIds;
    if (ids == null) {
      ids = new TreeMap<>();
      try (InputStream in = Version.class.getClassLoader().getResourceAsStream("spdx.schema.json")) {
        if (in != null) {
          for (JsonNode id : Json.MAPPER.readTree(in).path("enum")) {
            ids.put(id.asText().toLowerCase(Locale.ROOT), id.asText());
          }
        }
      } catch (IOException e) {
        ids.clear();
      }
      spdxIds = ids;
    }
    return ids;
  }

  private static void property(Component c, String name, String value) {
    if (present(value)) {
      c.addProperty(new Property(name, value));
    }
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
