package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Moodle frankenstyle component name, {@code type_name}, such as {@code mod_attendance}. */
public record Component(String type, String name) implements Comparable<Component> {

  // Moodle's own rule: the type is letters and digits, the name starts with a letter and holds
  // lower-case letters, digits and single underscores.
  private static final Pattern FRANKENSTYLE =
      Pattern.compile("([a-z][a-z0-9]*)_([a-z](?:[a-z0-9]|_(?!_))*)");

  public static Component parse(String text) throws CodebaseException {
    String value = text == null ? "" : text.trim();
    Matcher m = FRANKENSTYLE.matcher(value);
    if (!m.matches() || value.endsWith("_")) {
      throw new CodebaseException(ConfigMessages.malformedComponent(value));
    }
    return new Component(m.group(1), m.group(2));
  }

  @Override
  public int compareTo(Component o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return type + "_" + name;
  }
}
