package io.github.moodlecbm.core.mirror;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Which mirrors a build has fetched, and how each fetch ended: one ledger for a whole reactor
 * build, so that the sites of a fleet fetch each source at most once between them, and a site
 * waits on another only to fetch the same mirror.
 */
public final class FetchLedger {
  /** One mirror's line: its monitor is held while the mirror is fetched. */
  static final class Line {
    private boolean fetched;
    private Exception failure;

    boolean fetched() {
      return fetched;
    }

    Exception failure() {
      return failure;
    }

    void fetched(boolean value) {
      fetched = value;
    }

    void failed(Exception e) {
      failure = e;
    }
  }

  private final Map<Path, Line> lines = new HashMap<>();

  synchronized Line line(Path mirrorDirectory) {
    return lines.computeIfAbsent(mirrorDirectory.toAbsolutePath().normalize(), d -> new Line());
  }

  /** How many mirrors were fetched (successfully) under this ledger. */
  public synchronized int fetched() {
    return (int) lines.values().stream().filter(l -> l.fetched).count();
  }
}
