package io.github.moodlecbm.core.overlay;

import java.nio.file.Path;
import java.util.List;

/**
 * The files a site project adds to its code base ({@code src/main/overlay/}), at the paths they
 * have under that folder.
 *
 * @param tree the git tree id the files make, the same on every machine for the same files
 * @param entries every file, in the order of their paths
 */
public record Overlay(String tree, List<Entry> entries) {
  public Overlay {
    entries = List.copyOf(entries);
  }

  /**
   * One file of the overlay.
   *
   * @param path its path in the code base, with '/' between names
   * @param executable whether it keeps the executable bit
   * @param link the target of a symbolic link, or null for a file
   * @param file where it is in the site project
   */
  public record Entry(String path, boolean executable, String link, Path file) {}

  public int files() {
    return entries.size();
  }

  /** What a build depends on: the tree, not where the files lie on this machine. */
  @Override
  public String toString() {
    return "Overlay[tree=" + tree + ", files=" + entries.size() + "]";
  }
}
