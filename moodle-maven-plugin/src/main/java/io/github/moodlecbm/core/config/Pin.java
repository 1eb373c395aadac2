package io.github.moodlecbm.core.config;

/**
 * What a site pins a source to. Branches and Moodle versions float: they are resolved again only
 * with {@code moodle.update}. Tags and commits are fixed.
 */
public sealed interface Pin {

  /** The pin as the lock file records it, e.g. {@code branch MOODLE_405_STABLE}. */
  String describe();

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
