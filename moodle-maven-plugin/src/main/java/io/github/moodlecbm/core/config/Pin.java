package io.github.moodlecbm.core.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.github.moodlecbm.core.CodebaseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a site pins a source to. Branches and Moodle versions float: they are resolved again only
 * with {@code moodle.update}. Tags and commits are fixed. The lock file records a pin as the text
 * {@link #describe()} gives ({@code tag v4.5.1}), and {@link #parse} reads it back.
 */
public sealed interface Pin {

  /** The pin as the lock file records it, e.g. {@code branch MOODLE_405_STABLE}. */
  @JsonValue
  String describe();

  /** The pin's value without its kind, as a table shows it: {@code v4.5.1}, {@code 4.5}, {@code newest compatible}. */
  default String label() {
    return describe().replaceFirst("^(branch|tag|commit|version) ", "");
  }

  /** The pin a lock file's text records, as {@link #describe()} wrote it. */
  @JsonCreator
  static Pin parse(String text) {
    Matcher m = RECORDED.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a pin (branch, tag, commit, version, release or newest compatible)");
    }
    if (m.group(3) != null) {
      return new Automatic();
    }
    String value = m.group(2);
    switch (m.group(1)) {
      case "branch":
        return new Branch(value);
      case "tag":
        return new Tag(value);
      case "commit":
        return new Commit(value);
      case "release":
        return new PluginRelease(value);
      case "version":
        if (PLUGIN_VERSION.matcher(value).matches()) {
          return new PluginVersion(value);
        }
        try {
          return new Release(MoodleVersion.parse(value));
        } catch (CodebaseException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
      default:
        throw new IllegalStateException(m.group(1));
    }
  }

  /** A plugin's {@code $plugin->version}: ten digits and an optional fraction. */
  Pattern PLUGIN_VERSION = Pattern.compile("\\d{10}(\\.\\d+)?");

  /** What {@link #describe()} writes: a kind, a space and a value; or the automatic pin. */
  Pattern RECORDED = Pattern.compile("(branch|tag|commit|version|release) (.+)|(newest compatible)");

  /** Whether the pin can move upstream and is re-resolved only when the user asks for updates. */
  boolean floating();

  record Branch(String name) implements Pin {
    @Override
    public String describe() {
      return "branch " + name;
    }

    @Override
    public boolean floating() {
      return true;
    }
  }

  record Tag(String name) implements Pin {
    @Override
    public String describe() {
      return "tag " + name;
    }

    @Override
    public boolean floating() {
      return false;
    }
  }

  /** A full or abbreviated commit id. */
  record Commit(String id) implements Pin {
    @Override
    public String describe() {
      return "commit " + id;
    }

    @Override
    public boolean floating() {
      return false;
    }
  }

  /** Moodle core only: {@code 4.5}, {@code 4.5+} or {@code 4.5.3}. */
  record Release(MoodleVersion version) implements Pin {
    @Override
    public String describe() {
      return "version " + version;
    }

    @Override
    public boolean floating() {
      return version.patch() < 0;
    }
  }

  /**
   * A plugin's {@code $plugin->version}, the plugins directory's "version": the commit whose
   * {@code version.php} sets it (the directory's tag for it when it names one).
   */
  record PluginVersion(String number) implements Pin {
    @Override
    public String describe() {
      return "version " + number;
    }

    @Override
    public boolean floating() {
      return false;
    }
  }

  /** A plugin's {@code $plugin->release}, such as {@code v4.5.1}: the commit whose version.php says it. */
  record PluginRelease(String release) implements Pin {
    @Override
    public String describe() {
      return "release " + release;
    }

    @Override
    public boolean floating() {
      return false;
    }
  }

  /**
   * No pin: the newest version that declares it runs on the site's Moodle, picked when the lock
   * has none (or with {@code -Dmoodle.update}) and recorded in the lock with the reason.
   */
  record Automatic() implements Pin {
    @Override
    public String describe() {
      return "newest compatible";
    }

    @Override
    public boolean floating() {
      return true;
    }
  }
}
