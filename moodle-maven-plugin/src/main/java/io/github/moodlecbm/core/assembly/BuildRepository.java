package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The site's private object store under {@code target/}: it borrows every object of the mirrors
 * through git alternates and holds only the few trees that assembly writes. It can be deleted at
 * any time (it is, by {@code mvn clean}); the next build writes the same trees again.
 */
public final class BuildRepository {
  private final Path gitDir;

  public BuildRepository(Path gitDir) {
    this.gitDir = gitDir;
  }

  public Path gitDir() {
    return gitDir;
  }

  /** Creates the store if needed and points its alternates at the given mirrors. */
  public void prepare(Collection<Path> mirrorDirs) throws IOException {
    if (!Files.isDirectory(gitDir.resolve("objects"))) {
      Files.createDirectories(gitDir.getParent());
      try (Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setBare().build()) {
        repo.create(true);
        StoredConfig config = repo.getConfig();
        // The code base must be the same bytes on every machine, whatever the user's git settings.
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_FILEMODE, true);
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_SYMLINKS, true);
        config.save();
      }
    }
    Path alternates = gitDir.resolve("objects/info/alternates");
    Files.createDirectories(alternates.getParent());
    String text =
        mirrorDirs.stream()
            .map(d -> d.resolve("objects").toAbsolutePath().normalize().toString())
            .distinct()
            .sorted()
            .collect(Collectors.joining("\n", "", "\n"));
    if (!Files.exists(alternates) || !Files.readString(alternates, StandardCharsets.UTF_8).equals(text)) {
      AtomicFile.write(alternates, text);
    }
  }

  /**
   * Whether the store itself holds an object that assembly wrote (loose, as written), without
   * searching the mirrors behind it.
   */
  public boolean holds(org.eclipse.jgit.lib.AnyObjectId id) {
    String name = id.name();
    return Files.isRegularFile(gitDir.resolve("objects").resolve(name.substring(0, 2)).resolve(name.substring(2)));
  }

  /** The store as a bare repository. */
  public Repository open() throws IOException {
    return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
  }

  /** The store with a work tree, for writing the code base's files. */
  public Repository openWithWorkTree(Path workTree, Path indexFile) throws IOException {
    return new FileRepositoryBuilder()
        .setGitDir(gitDir.toFile())
        .setWorkTree(workTree.toFile())
        .setIndexFile(indexFile.toFile())
        .setMustExist(true)
        .build();
  }
}
