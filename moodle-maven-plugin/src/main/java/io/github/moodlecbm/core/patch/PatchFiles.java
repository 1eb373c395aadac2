package io.github.moodlecbm.core.patch;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.config.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The patches a site project keeps: {@code src/main/patches/moodle/*.patch} for Moodle's tree,
 * {@code src/main/patches/<component>/*.patch} for a plugin's, each folder's applied in the order
 * of the files' names. A {@code .diff} file is a patch too; other files are left alone.
 */
public final class PatchFiles {
  /** The folder of the patches, from the site project's folder. */
  public static final String FOLDER = "src/main/patches";

  private PatchFiles() {}

  /** Every patch of the project in {@code projectDir}, by component (Moodle first), then by name. */
  public static List<PatchFile> read(Path projectDir) throws CodebaseException, IOException {
    Path folder = projectDir.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<Path> components;
    try (Stream<Path> entries = Files.list(folder)) {
      components = entries.sorted().toList();
    }
    List<PatchFile> moodle = new ArrayList<>();
    List<PatchFile> plugins = new ArrayList<>();
    for (Path dir : components) {
      String name = dir.getFileName().toString();
      if (!Files.isDirectory(dir)) {
        if (isPatch(dir)) {
          throw new CodebaseException(PatchMessages.patchOutsideComponentFolder(FOLDER + "/" + name));
        }
        continue;
      }
      if (!name.equals("moodle")) {
        try {
          Component.parse(name);
        } catch (CodebaseException e) {
          throw new CodebaseException(PatchMessages.folderNotAComponent(FOLDER + "/" + name));
        }
      }
      List<Path> files;
      try (Stream<Path> entries = Files.list(dir)) {
        files = entries.filter(PatchFiles::isPatch).filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        String path = FOLDER + "/" + name + "/" + file.getFileName();
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
          throw new CodebaseException(PatchMessages.emptyPatch(name, path));
        }
        (name.equals("moodle") ? moodle : plugins).add(new PatchFile(name, path, sha256(bytes)));
      }
    }
    List<PatchFile> all = new ArrayList<>(moodle);
    all.addAll(plugins);
    return List.copyOf(all);
  }

  /** Why a patch of a component the site does not have is refused. */
  public static String notInSite(PatchFile patch) {
    return PatchMessages.notInSite(patch.component(), patch.path());
  }

  /** The patches of {@code component} as the lock records them. */
  public static List<io.github.moodlecbm.core.resolve.Lock.Patch> locked(List<PatchFile> patches, String component) {
    return patches.stream().filter(p -> p.component().equals(component))
        .map(p -> new io.github.moodlecbm.core.resolve.Lock.Patch(p.path(), p.sha256())).toList();
  }

  private static boolean isPatch(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".patch") || name.endsWith(".diff");
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
