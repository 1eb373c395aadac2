package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.ServerCredentials;
import io.github.moodlecbm.core.config.Servers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the {@code ${...}} placeholders of an environment's files, so that no secret is ever
 * committed: {@code ${env.NAME}} (an environment variable of the process), {@code
 * ${server.ID.username}} and {@code ${server.ID.password}} (a {@code <server>} of Maven's
 * settings.xml, its password decrypted), and {@code ${name}} (a property of the environment's
 * {@code environment.properties}). {@code ${env.NAME:-text}} gives a default; {@code $${} writes a
 * literal {@code ${}. Values are never shown in a message.
 */
final class Placeholders {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\$?)\\{([^}]*)}");

  private final Map<String, String> environment;
  private final Servers servers;
  private final Map<String, String> properties;

  Placeholders(Map<String, String> environment, Servers servers, Map<String, String> properties) {
    this.environment = environment;
    this.servers = servers;
    this.properties = properties;
  }

  Placeholders withProperties(Map<String, String> values) {
    return new Placeholders(environment, servers, values);
  }

  /**
   * The text with every placeholder filled.
   *
   * @param php values go inside single-quoted PHP strings: {@code \} and {@code '} are escaped
   * @param file what to name in a message (environment and file)
   */
  String fill(String text, boolean php, String file) throws CodebaseException {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    Set<String> missing = new LinkedHashSet<>();
    while (m.find()) {
      String replacement;
      if (!m.group(1).isEmpty()) {
        replacement = "${" + m.group(2) + "}";
      } else {
        Optional<String> value = value(m.group(2));
        if (value.isEmpty()) {
          missing.add(describe(m.group(2), lineOf(text, m.start())));
          replacement = "";
        } else {
          replacement = php ? value.get().replace("\\", "\\\\").replace("'", "\\'") : value.get();
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    if (!missing.isEmpty()) {
      throw new CodebaseException(RolloutMessages.missingPlaceholders(file, missing));
    }
    return out.toString();
  }

  private Optional<String> value(String expression) {
    String name = expression;
    String fallback = null;
    int dash = expression.indexOf(":-");
    if (dash >= 0) {
      name = expression.substring(0, dash);
      fallback = expression.substring(dash + 2);
    }
    name = name.trim();
    Optional<String> value = lookup(name);
    return value.isPresent() ? value : Optional.ofNullable(fallback);
  }

  private Optional<String> lookup(String name) {
    if (name.startsWith("env.")) {
      return Optional.ofNullable(environment.get(name.substring(4)));
    }
    if (name.startsWith("server.")) {
      int dot = name.lastIndexOf('.');
      String id = name.substring("server.".length(), Math.max(dot, "server.".length()));
      String field = name.substring(dot + 1);
      Optional<ServerCredentials> s = servers.byId(id);
      return switch (field) {
        case "username" -> s.map(ServerCredentials::username);
        case "password" -> s.map(ServerCredentials::password);
        default -> Optional.empty();
      };
    }
    return Optional.ofNullable(properties.get(name));
  }

  private static String describe(String expression, int line) {
    String name = expression.contains(":-") ? expression.substring(0, expression.indexOf(":-")) : expression;
    String where = "${" + name.trim() + "} (line " + line + ")";
    if (name.startsWith("env.")) {
      return where + ": environment variable " + name.substring(4) + " is not set";
    }
    if (name.startsWith("server.")) {
      String field = name.substring(name.lastIndexOf('.') + 1);
      if (!field.equals("username") && !field.equals("password")) {
        return where + ": a server gives only .username and .password";
      }
      return where + ": settings.xml has no <server> with id " + name.substring("server.".length(), name.lastIndexOf('.'));
    }
    return where + ": environment.properties has no property " + name.trim();
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /** The passwords of settings.xml that filling the text puts in it: what must never be shown of it. */
  Set<String> secrets(String text) {
    Set<String> secrets = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      String name = m.group(2).contains(":-") ? m.group(2).substring(0, m.group(2).indexOf(":-")) : m.group(2);
      if (m.group(1).isEmpty() && name.trim().startsWith("server.") && name.trim().endsWith(".password")) {
        lookup(name.trim()).filter(v -> !v.isEmpty()).ifPresent(secrets::add);
      }
    }
    return secrets;
  }

  /** The names of the placeholders of a text, for a dry run. */
  static List<String> names(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (m.group(1).isEmpty()) {
        names.add(m.group(2).contains(":-") ? m.group(2).substring(0, m.group(2).indexOf(":-")).trim() : m.group(2).trim());
      }
    }
    return names;
  }
}
