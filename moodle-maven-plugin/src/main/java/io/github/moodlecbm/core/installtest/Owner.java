package io.github.moodlecbm.core.installtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which build a temporary folder belongs to: the pid of its JVM, written in it. A folder whose
 * JVM is gone belongs to a build that was killed, and may be removed by the next one.
 */
final class Owner {
  private static final String FILE = "owner.pid";

  private Owner() {}

  /** Marks a folder as this JVM's. */
  static void mark(Path folder) throws IOException {
    Files.writeString(folder.resolve(FILE), Long.toString(ProcessHandle.current().pid()));
  }

  /** Whether the build that made the folder is gone; a folder without a mark is never taken as abandoned. */
  static boolean abandoned(Path folder) {
    try {
      long owner = Long.parseLong(Files.readString(folder.resolve(FILE)).trim());
      return !ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
