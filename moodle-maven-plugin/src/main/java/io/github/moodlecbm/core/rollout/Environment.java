package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.CodebaseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One environment of a site (local, staging, production): a folder {@code
 * src/main/environments/<name>/} with its {@code config.php} (or {@code config.php.template}, whose
 * placeholders are filled at rollout) and an {@code environment.properties} saying where it lives
 * and what runs around the switch.
 *
 * @param dir the environment's folder on the server ({@code moodle.env.dir})
 * @param keep how many releases stay on disk, the live one included ({@code moodle.env.keep})
 * @param beforeSwitch a command run before {@code current} moves, by a rollout or a rollback, or null
 * @param afterSwitch a command run after a rollout's switch, or null
 * @param afterRollback a command run after a rollback's switch, or null
 * @param hookTimeout how long each of those commands may run before it is stopped ({@code moodle.env.hookTimeout})
 * @param group the group given to config.php (readable by the web server), or null
 * @param properties the other properties, for the template, as written (filled with config.php)
 */
public record Environment(String name, Path folder, Path dir, int keep, Hook beforeSwitch, Hook afterSwitch,
    Hook afterRollback, Duration hookTimeout, String group, Path config, boolean template, Map<String, String> properties) {
  public static final String DIR = "moodle.env.dir";
  public static final String KEEP = "moodle.env.keep";
  public static final String BEFORE_SWITCH = "moodle.env.beforeSwitch";
  public static final String AFTER_SWITCH = "moodle.env.afterSwitch";
  public static final String AFTER_ROLLBACK = "moodle.env.afterRollback";
  public static final String GROUP = "moodle.env.group";
  public static final String HOOK_TIMEOUT = "moodle.env.hookTimeout";
  public static final String PROPERTIES = "environment.properties";
  public static final String CONFIG = "config.php";
  public static final String CONFIG_TEMPLATE = "config.php.template";
  static final int DEFAULT_KEEP = 5;
  static final Duration DEFAULT_HOOK_TIMEOUT = Duration.ofMinutes(10);
  private static final Set<String> SETTINGS = Set.of(DIR, KEEP, BEFORE_SWITCH, AFTER_SWITCH, AFTER_ROLLBACK, HOOK_TIMEOUT, GROUP);

  /**
   * Reads an environment of the site.
   *
   * @param environments the site's {@code src/main/environments}
   * @param base what a relative {@code moodle.env.dir} is relative to (the site project's folder)
   * @param placeholders fills {@code ${env.*}} and {@code ${server.*}} in the properties' values
   */
  static Environment load(Path environments, String name, Path base, Placeholders placeholders) throws CodebaseException, IOException {
    if (name == null || name.isBlank()) {
      throw new CodebaseException(RolloutMessages.noEnvironmentNamed(known(environments)));
    }
    Path folder = environments.resolve(name.trim());
    if (!Files.isDirectory(folder) || name.contains("/") || name.contains("..")) {
      throw new CodebaseException(RolloutMessages.noSuchEnvironment(name, environments, known(environments), folder));
    }
    String who = "Environment " + name + ": ";
    Path propertiesFile = folder.resolve(PROPERTIES);
    if (!Files.isRegularFile(propertiesFile)) {
      throw new CodebaseException(RolloutMessages.noProperties(who, folder));
    }
    Properties raw = new Properties();
    try (Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
      raw.load(in);
    }
    Map<String, String> values = new TreeMap<>();
    Map<String, String> templateProperties = new TreeMap<>();
    for (String key : raw.stringPropertyNames()) {
      if (key.startsWith("moodle.env.") && !SETTINGS.contains(key)) {
        throw new CodebaseException(RolloutMessages.unknownSetting(who, propertiesFile, key, new java.util.TreeSet<>(SETTINGS)));
      }
      if (SETTINGS.contains(key)) {
        values.put(key, placeholders.fill(raw.getProperty(key), false, who + propertiesFile.getFileName()).trim());
      } else {
        // filled when config.php is: a rollback, which writes no config.php, needs none of their values
        templateProperties.put(key, raw.getProperty(key));
      }
    }
    String dir = values.get(DIR);
    if (dir == null || dir.isEmpty()) {
      throw new CodebaseException(RolloutMessages.noDir(who, propertiesFile, name));
    }
    int keep = values.containsKey(KEEP) ? positive(values.get(KEEP)) : DEFAULT_KEEP;
    if (keep < 1) {
      throw new CodebaseException(RolloutMessages.badKeep(who, values.get(KEEP), propertiesFile));
    }
    int seconds = values.containsKey(HOOK_TIMEOUT) ? positive(values.get(HOOK_TIMEOUT)) : (int) DEFAULT_HOOK_TIMEOUT.toSeconds();
    if (seconds < 1) {
      throw new CodebaseException(RolloutMessages.badHookTimeout(who, values.get(HOOK_TIMEOUT), propertiesFile));
    }
    Duration hookTimeout = Duration.ofSeconds(seconds);
    String group = blankToNull(values.get(GROUP));
    if (group != null) {
      try {
        environments.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
      } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
        throw new CodebaseException(RolloutMessages.unknownGroup(who, group, propertiesFile));
      }
    }
    Path config = folder.resolve(CONFIG);
    Path template = folder.resolve(CONFIG_TEMPLATE);
    boolean hasConfig = Files.isRegularFile(config);
    boolean hasTemplate = Files.isRegularFile(template);
    if (hasConfig && hasTemplate) {
      throw new CodebaseException(RolloutMessages.configAndTemplate(who, folder));
    }
    if (!hasConfig && !hasTemplate) {
      throw new CodebaseException(RolloutMessages.noConfig(who, folder));
    }
    return new Environment(name.trim(), folder, base.resolve(dir).toAbsolutePath().normalize(), keep,
        hook(BEFORE_SWITCH, raw, values, hookTimeout, propertiesFile, placeholders),
        hook(AFTER_SWITCH, raw, values, hookTimeout, propertiesFile, placeholders),
        hook(AFTER_ROLLBACK, raw, values, hookTimeout, propertiesFile, placeholders),
        hookTimeout, group, hasTemplate ? template : config, hasTemplate, templateProperties);
  }

  /** One of the environment's commands ({@link #BEFORE_SWITCH}, ...), or null when it has none. */
  private static Hook hook(String setting, Properties raw, Map<String, String> values, Duration limit, Path propertiesFile,
      Placeholders placeholders) {
    String command = blankToNull(values.get(setting));
    if (command == null) {
      return null;
    }
    String written = raw.getProperty(setting).trim();
    return new Hook(setting, command, written, limit, propertiesFile, placeholders.secrets(written));
  }

  /** config.php as it goes to the server: the template's placeholders filled, or the file as it is. */
  byte[] configBytes(Placeholders placeholders) throws CodebaseException, IOException {
    if (!template) {
      return Files.readAllBytes(config);
    }
    Map<String, String> filled = new TreeMap<>();
    for (Map.Entry<String, String> p : properties.entrySet()) {
      filled.put(p.getKey(), placeholders.fill(p.getValue(), false, "Environment " + name + ": " + PROPERTIES).trim());
    }
    String text = Files.readString(config, StandardCharsets.UTF_8);
    return placeholders.withProperties(filled).fill(text, true, "Environment " + name + ": " + CONFIG_TEMPLATE)
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A whole number of a setting, or 0 when it is none. */
  private static int positive(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static String known(Path environments) throws IOException {
    if (!Files.isDirectory(environments)) {
      return "none yet: " + environments + " does not exist";
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> list = Files.list(environments)) {
      list.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    return names.isEmpty() ? "none yet" : String.join(", ", names);
  }
}
