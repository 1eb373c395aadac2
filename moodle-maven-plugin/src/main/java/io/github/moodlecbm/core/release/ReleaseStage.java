package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.inventory.InventoryMemo;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.sbom.Sbom;
import io.github.moodlecbm.core.sbom.SbomMessages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.verify.Verified;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The last stage: a {@link Verified} code base becomes {@link Released}, recorded in the site's
 * release repository (see {@link Releaser}); then, with {@code mvn deploy}, published to the release
 * remote (see {@link Publisher}).
 */
public final class ReleaseStage {
  private final Workspace workspace;
  private final BuildLog log;

  public ReleaseStage(Workspace workspace) {
    this.workspace = workspace;
    this.log = workspace.log();
  }

  /** Records the verified code base as a release of {@code target}, and says what it made. */
  public Released release(Verified verified, ReleaseTarget target, Releaser.Request request) throws CodebaseException, IOException {
    return release(verified, target, request, null);
  }

  /** Releases, the manifest and changelog recording the published advisories {@code advisories} finds (null: none checked). */
  public Released release(Verified verified, ReleaseTarget target, Releaser.Request request, AdvisoryCheck advisories)
      throws CodebaseException, IOException {
    long start = System.nanoTime();
    Released r;
    try (ObjectSources objects = workspace.objects(verified.lock());
        ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
      r = new Releaser(releases, Releases.remote(workspace, target), log).keeping(inventoryMemo())
          .release(objects, verified, request, advisories);
    }
    if (r.created()) {
      log.info(ReleaseMessages.made(r, target.repository(), (System.nanoTime() - start) / 1e9));
      for (String line : r.changelog().message().split("\n")) {
        log.info("  " + line);
      }
    }
    return r;
  }

  /** What the last inventory in this {@code target/} read, by the ids of the files it read. */
  private InventoryMemo inventoryMemo() {
    return InventoryMemo.in(workspace.settings().workDir());
  }

  /**
   * Writes the release's SBOM to {@code file}: the one made with the release, or, for a release
   * made before, the same again from the lock its manifest records and its commit's time, unless
   * the file is there already as the manifest names it. Returns whether it wrote the file.
   */
  public boolean writeSbom(Released r, ReleaseTarget target, Releaser.Request request, Path file)
      throws CodebaseException, IOException {
    String text = r.sbom();
    if (text == null) {
      if (Files.isRegularFile(file)) {
        // there already: the one the manifest names, or (a release made before SBOMs were) this release's by its serial number
        String existing = Files.readString(file, StandardCharsets.UTF_8);
        String named = r.manifest().sbomSha256();
        if (named != null ? named.equals(Sbom.sha256(existing))
            : existing.contains(Sbom.serialNumber(Releaser.sbomSite(request, r.tag(), r.manifest().lockSha256())))) {
          return false;
        }
      }
      Lock lock = r.manifest().lock();
      Instant time;
      try (ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
        time = Instant.ofEpochSecond(releases.repository().parseCommit(r.commit()).getCommitTime());
      }
      try (ObjectSources objects = workspace.objects(lock)) {
        InventoryMemo memo = inventoryMemo();
        text = Releaser.sbom(objects, lock, r.tree(), request, r.tag(), r.manifest().lockSha256(), time, memo);
        memo.write();
      }
    }
    io.github.moodlecbm.core.io.AtomicFile.writeIfChanged(file, text);
    log.info(SbomMessages.written(file, r.tag(), r.manifest().plugins().size() + 1));
    return true;
  }

  /**
   * Pushes the releases the release remote lacks; without a release remote, says where the
   * releases stay. Returns what was published, or empty without a remote.
   */
  public Optional<Publisher.Publication> publish(ReleaseTarget target, Set<String> allowRemoval)
      throws CodebaseException, IOException {
    Optional<ReleaseRemote> remote = Releases.remote(workspace, target);
    if (remote.isEmpty()) {
      log.warn(ReleaseMessages.noRemote(target.repository()));
      return Optional.empty();
    }
    Publisher.Publication p;
    try (ReleaseRepository releases = ReleaseRepository.open(target.repository())) {
      p = new Publisher(releases, remote.get(), log).publish(target.branch(), allowRemoval);
    }
    log.info(p.tags().isEmpty() ? ReleaseMessages.remoteHasAll(remote.get().url(), p.branch())
        : ReleaseMessages.published(p.tags(), remote.get().url(), p.branch()));
    return Optional.of(p);
  }

  /** Writes the code base of a release as a reproducible zip (see {@link CodebaseZip}); returns its number of files. */
  public int zip(AnyObjectId tree, Instant time, Path zip) throws IOException {
    try (Repository repo = workspace.store().open()) {
      return CodebaseZip.write(repo, tree, time, zip);
    }
  }

  /** The zip, and a line saying where it is ({@code projectDir}: what the path is shown relative to). */
  public int zipTo(AnyObjectId tree, Instant time, Path zip, Path projectDir) throws IOException {
    int files = zip(tree, time, zip);
    log.info(ReleaseMessages.zipped(projectDir.toAbsolutePath().relativize(zip.toAbsolutePath()), files));
    return files;
  }
}
