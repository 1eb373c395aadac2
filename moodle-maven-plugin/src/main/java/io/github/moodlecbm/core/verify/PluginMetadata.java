package io.github.moodlecbm.core.verify;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plugin's {@code version.php} declares, from its parsed values.
 *
 * @param supported the {@code [min, max]} branch range, or null
 * @param incompatible the first unsupported branch, or null
 * @param maturity 50 alpha, 100 beta, 150 rc, 200 stable; null when not declared
 * @param dependencies component to minimum version, null for {@code ANY_VERSION}
 */
public record PluginMetadata(
    String component,
    BigDecimal version,
    BigDecimal requires,
    List<Integer> supported,
    Integer incompatible,
    Integer maturity,
    String release,
    Map<String, BigDecimal> dependencies) {

  static final Map<String, Integer> MATURITIES = Map.of(
      "MATURITY_ALPHA", 50, "MATURITY_BETA", 100, "MATURITY_RC", 150, "MATURITY_STABLE", 200);

  /** The metadata of a plugin's {@code version.php}, read as text; empty when it cannot be read. */
  public static java.util.Optional<PluginMetadata> read(String versionPhp) {
    try {
      return java.util.Optional.of(of(VersionFile.parse(versionPhp)));
    } catch (VersionFile.UnreadableException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Whether the plugin declares that it runs on a Moodle of this {@code $version} and
   * {@code $branch}: {@code requires} not above the version, the branch inside {@code supported}
   * and below {@code incompatible} when they are declared.
   */
  public boolean runsOn(BigDecimal coreVersion, int coreBranch) {
    return (requires == null || requires.compareTo(coreVersion) <= 0)
        && (supported == null || coreBranch >= supported.get(0) && coreBranch <= supported.get(1))
        && (incompatible == null || coreBranch < incompatible);
  }

  /** What the plugin declares about the Moodles it runs on, e.g. {@code supported [405, 405]}. */
  public String needs() {
    List<String> parts = new java.util.ArrayList<>();
    if (supported != null) {
      parts.add("supported [" + supported.get(0) + ", " + supported.get(1) + "]");
    }
    if (requires != null) {
      parts.add("requires " + requires.toPlainString());
    }
    if (incompatible != null) {
      parts.add("incompatible " + incompatible);
    }
    return parts.isEmpty() ? "no Moodle requirement declared" : String.join(", ", parts);
  }

  /** Reads the metadata; a value of the wrong shape is reported as unreadable. */
  static PluginMetadata of(VersionFile file) throws VersionFile.UnreadableException {
    Object component = file.get("plugin->component");
    Object supported = file.get("plugin->supported");
    List<Integer> range = null;
    if (supported != null) {
      if (!(supported instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof BigDecimal) || !(l.get(1) instanceof BigDecimal)) {
        throw new VersionFile.UnreadableException(0, "$plugin->supported is not a [from, to] pair of branch numbers");
      }
      range = List.of(((BigDecimal) l.get(0)).intValue(), ((BigDecimal) l.get(1)).intValue());
    }
    Object maturity = file.get("plugin->maturity");
    Integer level = null;
    if (maturity instanceof VersionFile.Constant c) {
      level = MATURITIES.get(c.name());
      if (level == null) {
        throw new VersionFile.UnreadableException(0, "$plugin->maturity is " + c.name() + ", not a MATURITY_ constant");
      }
    } else if (maturity instanceof BigDecimal n) {
      level = n.intValue();
    }
    Map<String, BigDecimal> dependencies = new LinkedHashMap<>();
    Object deps = file.get("plugin->dependencies");
    if (deps instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object v = e.getValue();
        BigDecimal min = v instanceof BigDecimal n ? n
            : v instanceof VersionFile.Constant c && c.name().equals("ANY_VERSION") ? null
            : v instanceof String s && s.matches("\\d+(\\.\\d+)?") ? new BigDecimal(s) : BigDecimal.valueOf(-1);
        if (min != null && min.signum() < 0) {
          throw new VersionFile.UnreadableException(0, "the version required of " + e.getKey() + " is not a number or ANY_VERSION");
        }
        dependencies.put(String.valueOf(e.getKey()), min);
      }
    } else if (deps != null && !(deps instanceof List<?> l && l.isEmpty())) {
      throw new VersionFile.UnreadableException(0, "$plugin->dependencies is not a list of component => version");
    }
    return new PluginMetadata(
        component instanceof String s ? s : null,
        number(file.get("plugin->version")),
        number(file.get("plugin->requires")),
        range,
        file.get("plugin->incompatible") instanceof BigDecimal n ? n.intValue() : null,
        level,
        file.get("plugin->release") instanceof String s ? s : file.get("plugin->release") == null ? null : String.valueOf(file.get("plugin->release")),
        dependencies);
  }

  private static BigDecimal number(Object v) {
    if (v instanceof BigDecimal n) {
      return n;
    }
    if (v instanceof String s && s.matches("\\d+(\\.\\d+)?")) {
      return new BigDecimal(s);
    }
    return null;
  }

  static String maturityName(Integer level) {
    if (level == null) {
      return "";
    }
    return MATURITIES.entrySet().stream().filter(e -> e.getValue().equals(level)).map(e -> e.getKey().substring(9).toLowerCase(java.util.Locale.ROOT))
        .findFirst().orElse(String.valueOf(level));
  }
}
