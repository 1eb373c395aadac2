package io.github.moodlecbm.core.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.inventory.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.model.Bom;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.Test;

/** The CycloneDX SBOM of a release: valid CycloneDX 1.6, every component as the inventory says, the same bytes every time. */
class SbomTest {
  private static final String M = "0123456789abcdef0123456789abcdef01234567";
  private static final String A = "1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b";
  private static final String B = "9f8e7d6c5b4a9f8e7d6c5b4a9f8e7d6c5b4a9f8e";
  private static final String C = "c0ffeec0ffeec0ffeec0ffeec0ffeec0ffeec0ff";
  private static final String LOCK_SHA = "5e2b0c7a1d9f4e3b8a6c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a";
  private static final Instant TIME = Instant.parse("2026-12-01T10:15:30.789Z");
  private static final Sbom.Site SITE =
      new Sbom.Site("org.example", "mysite", "1.2.0", "1.2.0", LOCK_SHA, "moodle-maven-plugin", "0.1.0-SNAPSHOT");

  private static Inventory.Plugin plugin(String component, String installPath, String name, String release, String version,
      Map<String, String> dependencies, String licence, String source, String commit, String path, String pin,
      List<String> patches, boolean overlay) {
    return new Inventory.Plugin(component, component.substring(0, component.indexOf('_')), installPath, name, release, version,
        "MATURITY_STABLE", "2024100700", List.of(405, 405), null, dependencies == null ? null : new TreeMap<>(dependencies),
        licence, source, commit, path, pin, null, patches, overlay);
  }

  /** Moodle; a GitHub plugin that needs another plugin and a core plugin; a plugin at a path of a GitLab repository; an overlay plugin; a plugin with no licence. */
  private static Inventory inventory() {
    Inventory.Core moodle = new Inventory.Core("https://github.com/moodle/moodle.git", M, "version 4.5",
        "4.5.2 (Build: 20241007)", "2024100702.00", "405", "", "GPL-3.0-or-later",
        List.of("src/main/patches/moodle/0001-fix-login.patch"));
    List<Inventory.Plugin> plugins = List.of(
        plugin("mod_attendance", "mod/attendance", "Attendance", "4.5.1", "2024100701",
            Map.of("local_helper", "2024010100", "mod_forum", "ANY_VERSION"), "GPL-3.0-or-later",
            "https://github.com/danmarsden/moodle-mod_attendance.git", A, "", "branch MOODLE_405_STABLE",
            List.of("src/main/patches/mod_attendance/0001-a.patch", "src/main/patches/mod_attendance/0002-b.patch"), false),
        plugin("local_helper", "local/helper", "Helper", null, "2024010100", null, "MIT",
            "https://gitlab.com/acme/moodle-plugins.git", B, "local/helper", "tag v1.0", null, false),
        plugin("local_mysite", "local/mysite", "My site", "1.0", "2025010100", null, "GPL-3.0-or-later", null, null, "",
            "overlay", null, true),
        plugin("block_simple", "blocks/simple", null, "2.1 (Build: 2024)", "2024060600", Map.of(), null,
            "https://github.com/Acme/Moodle-Block_Simple", C, null, "tag v2.1", null, false));
    return new Inventory(moodle, plugins, new Inventory.Environment("8.1", new TreeMap<>(Map.of("postgres", "13")), List.of("intl")));
  }

  @Test
  void theSbomIsValidCycloneDx16AndABrokenCopyIsNot() throws IOException, ParseException {
    String json = Sbom.json(inventory(), SITE, TIME);
    JsonParser parser = new JsonParser();
    List<ParseException> errors = parser.validate(json, Version.VERSION_16);
    assertEquals(List.of(), messages(errors), json);

    // the validation does see what is wrong: a component type CycloneDX does not know, a serial number that is no UUID URN
    String badType = json.replace("\"type\": \"library\"", "\"type\": \"plugin\"");
    String badSerial = json.replace("\"serialNumber\": \"urn:uuid:", "\"serialNumber\": \"uuid:");
    for (String broken : List.of(badType, badSerial)) {
      assertNotEquals(json, broken);
      assertFalse(parser.validate(broken, Version.VERSION_16).isEmpty(), "the schema validation sees nothing wrong in\n" + broken);
    }

    // and the library reads it back
    Bom bom = parser.parse(json.getBytes(StandardCharsets.UTF_8));
    assertEquals("1.6", bom.getSpecVersion());
    assertEquals(List.of("moodle", "mod_attendance", "local_helper", "local_mysite", "block_simple"),
        bom.getComponents().stream().map(c -> c.getName()).toList());
    assertEquals("mysite", bom.getMetadata().getComponent().getName());
  }

  @Test
  void everyComponentAsTheInventorySaysIt() throws IOException {
    JsonNode bom = Json.MAPPER.readTree(Sbom.json(inventory(), SITE, TIME));
    assertEquals("CycloneDX", bom.path("bomFormat").asText());
    assertEquals("1.6", bom.path("specVersion").asText());
    assertEquals(1, bom.path("version").asInt());
    assertEquals(Sbom.serialNumber(SITE), bom.path("serialNumber").asText());
    assertTrue(bom.path("serialNumber").asText().matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));

    JsonNode components = bom.path("components");
    assertEquals(5, components.size());

    JsonNode moodle = components.get(0);
    assertEquals("framework", moodle.path("type").asText());
    assertEquals("moodle", moodle.path("bom-ref").asText());
    assertEquals("moodle", moodle.path("group").asText());
    assertEquals("moodle", moodle.path("name").asText());
    assertEquals("4.5.2", moodle.path("version").asText());
    assertEquals("pkg:github/moodle/moodle@" + M, moodle.path("purl").asText());
    assertEquals("GPL-3.0-or-later", moodle.path("licenses").get(0).path("license").path("id").asText());
    assertEquals(List.of("vcs https://github.com/moodle/moodle.git"), references(moodle));
    assertEquals(List.of(
        "moodle-cbm:commit=" + M,
        "moodle-cbm:installPath=.",
        "moodle-cbm:pin=version 4.5",
        "moodle-cbm:patches=src/main/patches/moodle/0001-fix-login.patch",
        "moodle-cbm:version=2024100702.00",
        "moodle-cbm:branch=405"), properties(moodle));

    JsonNode attendance = components.get(1);
    assertEquals("library", attendance.path("type").asText());
    assertEquals("mod_attendance", attendance.path("bom-ref").asText());
    assertTrue(attendance.path("group").isMissingNode());
    assertEquals("mod_attendance", attendance.path("name").asText());
    assertEquals("4.5.1", attendance.path("version").asText());
    assertEquals("Attendance", attendance.path("description").asText());
    assertEquals("pkg:github/danmarsden/moodle-mod_attendance@" + A, attendance.path("purl").asText());
    assertEquals("GPL-3.0-or-later", attendance.path("licenses").get(0).path("license").path("id").asText());
    assertEquals(List.of("vcs https://github.com/danmarsden/moodle-mod_attendance.git"), references(attendance));
    assertEquals(List.of(
        "moodle-cbm:commit=" + A,
        "moodle-cbm:installPath=mod/attendance",
        "moodle-cbm:pin=branch MOODLE_405_STABLE",
        "moodle-cbm:patches=src/main/patches/mod_attendance/0001-a.patch",
        "moodle-cbm:patches=src/main/patches/mod_attendance/0002-b.patch",
        "moodle-cbm:version=2024100701",
        "moodle-cbm:maturity=MATURITY_STABLE"), properties(attendance));

    // GitLab, at a path of its repository: purl's generic type, vcs_url as packageurl-java encodes it, the path as subpath
    JsonNode helper = components.get(2);
    assertEquals("local_helper", helper.path("name").asText());
    assertEquals("2024010100", helper.path("version").asText(), "no $plugin->release: $plugin->version");
    assertEquals("pkg:generic/local_helper@2024010100?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.com%2Facme%2Fmoodle-plugins.git%40"
        + B + "#local/helper", helper.path("purl").asText());
    assertEquals("MIT", helper.path("licenses").get(0).path("license").path("id").asText());
    assertEquals(List.of("vcs https://gitlab.com/acme/moodle-plugins.git"), references(helper));
    assertEquals(List.of(
        "moodle-cbm:commit=" + B,
        "moodle-cbm:installPath=local/helper",
        "moodle-cbm:pin=tag v1.0",
        "moodle-cbm:version=2024010100",
        "moodle-cbm:maturity=MATURITY_STABLE"), properties(helper));

    // the site's own: no source, so no purl and no vcs reference
    JsonNode mysite = components.get(3);
    assertEquals("local_mysite", mysite.path("name").asText());
    assertEquals("1.0", mysite.path("version").asText());
    assertTrue(mysite.path("purl").isMissingNode());
    assertTrue(mysite.path("externalReferences").isMissingNode());
    assertEquals("GPL-3.0-or-later", mysite.path("licenses").get(0).path("license").path("id").asText());
    assertEquals(List.of(
        "moodle-cbm:installPath=local/mysite",
        "moodle-cbm:pin=overlay",
        "moodle-cbm:overlay=true",
        "moodle-cbm:version=2025010100",
        "moodle-cbm:maturity=MATURITY_STABLE"), properties(mysite));

    // no licence stated: no licence element; GitHub names in lower case, as purl's github type wants
    JsonNode simple = components.get(4);
    assertEquals("block_simple", simple.path("name").asText());
    assertEquals("2.1 (Build: 2024)", simple.path("version").asText());
    assertTrue(simple.path("licenses").isMissingNode());
    assertTrue(simple.path("description").isMissingNode());
    assertEquals("pkg:github/acme/moodle-block_simple@" + C, simple.path("purl").asText());
    assertEquals(List.of("vcs https://github.com/Acme/Moodle-Block_Simple"), references(simple));

    // dependencies: the site on everything; each plugin on Moodle and on the plugins of the inventory it names
    assertEquals(List.of(
        "org.example:mysite:1.2.0 -> [moodle, mod_attendance, local_helper, local_mysite, block_simple]",
        "moodle -> []",
        "mod_attendance -> [moodle, local_helper]",
        "local_helper -> [moodle]",
        "local_mysite -> [moodle]",
        "block_simple -> [moodle]"), dependencies(bom));

    JsonNode metadata = bom.path("metadata");
    assertEquals("2026-12-01T10:15:30Z", metadata.path("timestamp").asText());
    assertEquals("build", metadata.path("lifecycles").get(0).path("phase").asText());
    JsonNode tools = metadata.path("tools").path("components");
    assertEquals(1, tools.size());
    assertEquals("application", tools.get(0).path("type").asText());
    assertEquals("io.github.moodlecbm", tools.get(0).path("group").asText());
    assertEquals("moodle-maven-plugin", tools.get(0).path("name").asText());
    assertEquals("0.1.0-SNAPSHOT", tools.get(0).path("version").asText());
    assertEquals("pkg:maven/io.github.moodlecbm/moodle-maven-plugin@0.1.0-SNAPSHOT", tools.get(0).path("purl").asText());
    JsonNode site = metadata.path("component");
    assertEquals("application", site.path("type").asText());
    assertEquals("org.example:mysite:1.2.0", site.path("bom-ref").asText());
    assertEquals("org.example", site.path("group").asText());
    assertEquals("mysite", site.path("name").asText());
    assertEquals("1.2.0", site.path("version").asText());
    assertEquals(List.of("moodle-cbm:tag=1.2.0", "moodle-cbm:lockSha256=" + LOCK_SHA), properties(site));
  }

  @Test
  void theSameReleaseGivesTheSameBytes() {
    String first = Sbom.json(inventory(), SITE, TIME);
    String second = Sbom.json(inventory(), new Sbom.Site("org.example", "mysite", "1.2.0", "1.2.0", LOCK_SHA,
        "moodle-maven-plugin", "0.1.0-SNAPSHOT"), Instant.parse("2026-12-01T10:15:30Z"));
    assertEquals(first, second);
    assertEquals(Sbom.sha256(first), Sbom.sha256(second));
    assertTrue(first.endsWith("}\n") && !first.contains("\r"), "line feeds, a final one");

    // another time: only the timestamp moves; another tag or lock: another serial number
    String later = Sbom.json(inventory(), SITE, TIME.plusSeconds(3600));
    assertEquals(first.replace("10:15:30Z", "11:15:30Z"), later);
    Sbom.Site retagged = new Sbom.Site("org.example", "mysite", "1.2.0", "1.2.1", LOCK_SHA, "moodle-maven-plugin", "0.1.0-SNAPSHOT");
    Sbom.Site relocked = new Sbom.Site("org.example", "mysite", "1.2.0", "1.2.0", LOCK_SHA.replace('5', '6'),
        "moodle-maven-plugin", "0.1.0-SNAPSHOT");
    assertNotEquals(Sbom.serialNumber(SITE), Sbom.serialNumber(retagged));
    assertNotEquals(Sbom.serialNumber(SITE), Sbom.serialNumber(relocked));
    assertEquals("mysite-1.2.0-cyclonedx.json", Sbom.fileName("mysite", "1.2.0"));
  }

  @Test
  void noCredentialsEvenWhenASourceCarriesThem() throws IOException {
    Inventory.Core moodle = new Inventory.Core("https://ci-bot:m00dle-s3cret@git.example.org/mirrors/moodle.git", M,
        "version 4.5", "4.5.2+ (Build: 20241115)", "2024100702.05", "405", "", "GPL-3.0-or-later", null);
    List<Inventory.Plugin> plugins = List.of(
        plugin("block_private", "blocks/private", null, "1.0", "2024010100", null, "GPL-3.0-or-later",
            "https://x-access-token:ghp_T0kenT0kenT0ken@github.com/acme/moodle-plugins.git", A, "blocks/private", "tag v1.0",
            null, false),
        plugin("theme_house", "theme/house", null, "3.0", "2024020200", null, "GPL-3.0-or-later",
            "git@gitlab.example.org:team/moodle-theme_house.git", B, "", "branch main", null, false),
        plugin("local_odd", "local/odd", null, "1.0", "2024030300", null, "Apache 2", "ssh://deploy:pw%40x@git.example.org:2222/odd.git",
            C, "", "branch main", null, false));
    String json = Sbom.json(new Inventory(moodle, plugins, new Inventory.Environment(null, null, null)), SITE, TIME);
    for (String secret : List.of("ci-bot", "m00dle-s3cret", "x-access-token", "ghp_T0ken", "git@", "deploy", "pw%40x", "pw@x")) {
      assertFalse(json.contains(secret), secret + " in\n" + json);
    }
    assertEquals(List.of(), messages(new JsonParser().validate(json, Version.VERSION_16)), json);

    JsonNode components = Json.MAPPER.readTree(json).path("components");
    assertEquals("4.5.2+", components.get(0).path("version").asText());
    assertEquals("pkg:generic/moodle@4.5.2%2B?vcs_url=git%2Bhttps%3A%2F%2Fgit.example.org%2Fmirrors%2Fmoodle.git%40" + M,
        components.get(0).path("purl").asText());
    assertEquals(List.of("vcs https://git.example.org/mirrors/moodle.git"), references(components.get(0)));
    assertEquals("pkg:github/acme/moodle-plugins@" + A + "#blocks/private", components.get(1).path("purl").asText());
    assertEquals(List.of("vcs https://github.com/acme/moodle-plugins.git"), references(components.get(1)));
    assertEquals(List.of("vcs ssh://gitlab.example.org/team/moodle-theme_house.git"), references(components.get(2)));
    assertEquals("pkg:generic/theme_house@3.0?vcs_url=git%2Bssh%3A%2F%2Fgitlab.example.org%2Fteam%2Fmoodle-theme_house.git%40" + B,
        components.get(2).path("purl").asText());
    assertEquals(List.of("vcs ssh://git.example.org:2222/odd.git"), references(components.get(3)));
    // a licence text that is no SPDX id stays, as a name; an SPDX id in other case is spelled as SPDX does
    assertEquals("Apache 2", components.get(3).path("licenses").get(0).path("license").path("name").asText());
    assertEquals("GPL-3.0-or-later", Sbom.licence("gpl-3.0-OR-LATER").getLicenses().get(0).getId());
    assertEquals("GPL-3.0-or-later OR MIT", Sbom.licence("GPL-3.0-or-later OR MIT").getExpression().getValue());
    assertEquals("GPLv3", Sbom.licence("GPLv3").getLicenses().get(0).getName());
    assertEquals(null, Sbom.licence(" "));
  }

  private static List<String> messages(List<ParseException> errors) {
    return errors.stream().map(e -> String.valueOf(e.getMessage())).toList();
  }

  private static List<String> properties(JsonNode component) {
    List<String> out = new ArrayList<>();
    component.path("properties").forEach(p -> out.add(p.path("name").asText() + "=" + p.path("value").asText()));
    return out;
  }

  private static List<String> references(JsonNode component) {
    List<String> out = new ArrayList<>();
    component.path("externalReferences").forEach(r -> out.add(r.path("type").asText() + " " + r.path("url").asText()));
    return out;
  }

  private static List<String> dependencies(JsonNode bom) {
    List<String> out = new ArrayList<>();
    bom.path("dependencies").forEach(d -> {
      List<String> on = new ArrayList<>();
      d.path("dependsOn").forEach(x -> on.add(x.asText()));
      out.add(d.path("ref").asText() + " -> " + on);
    });
    return out;
  }
}
