package io.github.moodlecbm.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way the build writes a file that someone may be reading (the lock, the pom, stamps,
 * caches, reports, config.php): the bytes go to a temporary file of a name no other writer uses,
 * beside the target, which is then renamed over the target in one step. A reader sees the old
 * bytes or the new, never half of them; two builds writing the same file at once each replace it
 * whole, and a build killed half-way leaves at most a hidden temporary file, never a torn target.
 *
 * <p>The file keeps the target's permissions when it replaces one (a pom stays readable by the
 * group), unless others are given.
 */
public final class AtomicFile {
  /** Writes the content of a file to its stream. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What tells this JVM's temporary files apart from another process's. */
  private static final long PROCESS = ProcessHandle.current().pid();
  /** What tells this JVM's temporary files apart from each other. */
  private static final AtomicLong COUNTER = new AtomicLong();

  private final Path target;
  private Set<PosixFilePermission> permissions;
  private String group;

  private AtomicFile(Path target) {
    this.target = target;
  }

  /** A write of {@code target}, with the defaults: the target's permissions, or the umask's for a new file. */
  public static AtomicFile of(Path target) {
    return new AtomicFile(target);
  }

  /** The file's permissions, such as {@code rw-r-----}. */
  public AtomicFile permissions(String mode) {
    this.permissions = PosixFilePermissions.fromString(mode);
    return this;
  }

  /** The group the file is given, or null to leave it as the system gives it. */
  public AtomicFile group(String name) {
    this.group = name;
    return this;
  }

  /** Writes the text as UTF-8. */
  public static void write(Path target, String text) throws IOException {
    of(target).write(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the bytes. */
  public static void write(Path target, byte[] bytes) throws IOException {
    of(target).write(bytes);
  }

  /**
   * Writes the text as UTF-8 unless the file already holds exactly it; returns whether it wrote.
   * A build that changes nothing touches nothing.
   */
  public static boolean writeIfChanged(Path target, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
      return false;
    }
    of(target).write(bytes);
    return true;
  }

  public void write(byte[] bytes) throws IOException {
    write(out -> out.write(bytes));
  }

  /**
   * Writes what {@code content} writes. When it throws, the target is left as it was and the
   * temporary file is removed.
   */
  public void write(Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = create(dir);
    try {
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      Set<PosixFilePermission> mode = permissions != null ? permissions : existingPermissions();
      if (mode != null) {
        Files.setPosixFilePermissions(tmp, mode);
      }
      if (group != null) {
        GroupPrincipal g = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        Files.getFileAttributeView(tmp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(g);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new empty file beside the target, hidden, of a name no other writer (thread or process)
   * takes: created with CREATE_NEW, so a collision is noticed and another name drawn. A file given
   * explicit permissions is created with them, so its content is never readable by others first.
   */
  private Path create(Path dir) throws IOException {
    String name = target.getFileName().toString();
    for (int attempt = 0; ; attempt++) {
      // The process, a counter and a random part: unique without the cost of seeding a SecureRandom
      // (a file that exists anyway, left by a killed build whose pid came back, makes it draw again).
      Path tmp = dir.resolve("." + name + "." + Long.toHexString(PROCESS) + "-" + Long.toHexString(COUNTER.incrementAndGet()) + "-"
          + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + ".tmp");
      try {
        if (permissions != null) {
          return Files.createFile(tmp, PosixFilePermissions.asFileAttribute(permissions));
        }
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
  }

  /** The permissions of the file being replaced, or null for a new file (the umask decides). */
  private Set<PosixFilePermission> existingPermissions() throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try {
      return Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }
}
