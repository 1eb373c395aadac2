package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Tool;
import io.github.moodlecbm.core.inventory.Inventory;
import io.github.moodlecbm.core.inventory.InventoryMemo;
import io.github.moodlecbm.core.sbom.Sbom;
import io.github.moodlecbm.core.ExclusiveLock;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.VerificationState;
import io.github.moodlecbm.core.verify.Verified;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.FutureTask;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Makes releases: a verified code base becomes a commit on the release branch, on top of the newest
 * release (the remote's, when one is configured, so that history stays linear across machines),
 * with a changelog for message and an annotated tag carrying its manifest. {@link Publisher}
 * publishes them.
 */
public final class Releaser {
  /** Who commits releases: fixed, so that the same lock and time give the same commit anywhere. */
  static final String AUTHOR = "moodle-cbm";
  static final String EMAIL = "moodle-cbm@localhost";

  /**
   * What a release is made of besides the verified code base.
   *
   * @param version the site's version; a SNAPSHOT release gets a timestamped tag
   * @param allowRemoval the components this build may drop
   * @param buildTime when the build started (SNAPSHOT tags)
   * @param commitTime the commit's and tag's time: Maven's {@code project.build.outputTimestamp}
   *     when set, else {@code buildTime}
   */
  public record Request(String groupId, String artifactId, String version, String tagFormat, String branch,
      Set<String> allowRemoval, Instant buildTime, Instant commitTime) {

    String site() {
      return groupId + ":" + artifactId + ":" + version;
    }

    PersonIdent ident() {
      return new PersonIdent(AUTHOR, EMAIL, commitTime, ZoneOffset.UTC);
    }

    /** The tag says when the release was really made, even when the commit's time is fixed. */
    PersonIdent tagger() {
      return new PersonIdent(AUTHOR, EMAIL, buildTime, ZoneOffset.UTC);
    }
  }

  private final ReleaseRepository releases;
  private final Optional<ReleaseRemote> remote;
  private final BuildLog log;
  private InventoryMemo inventory = InventoryMemo.none();

  public Releaser(ReleaseRepository releases, Optional<ReleaseRemote> remote, BuildLog log) {
    this.releases = releases;
    this.remote = remote;
    this.log = log;
  }

  /** What the last release's inventory read of the same files: a release where one pin moved reads that plugin alone. */
  public Releaser keeping(InventoryMemo memo) {
    this.inventory = memo;
    return this;
  }

  /**
   * Records a verified code base (its objects read from {@code objects}) as a release, unless the
   * newest release already has it. Nothing else can be released: a {@link Verified} is made only by
   * a verification that passed, or by the user's explicit choice to skip it, which the release
   * records.
   */
  public Released release(ObjectSource objects, Verified verified, Request request)
      throws CodebaseException, IOException {
    return release(objects, verified, request, null);
  }

  /**
   * Records a verified code base as a release, its manifest and changelog with the published
   * advisories {@code advisories} finds (null: not checked): those affecting it, and those
   * affecting the previous release (then, or now that more are known) that it removed.
   */
  public Released release(ObjectSource objects, Verified verified, Request request, AdvisoryCheck advisories)
      throws CodebaseException, IOException {
    Lock lock = verified.lock();
    VerificationState verification = verified.state();
    VerificationState installTest = verified.installTest().orElse(null);
    try (ExclusiveLock held = releases.lock()) {
      Optional<RevCommit> local = releases.head(request.branch());
      Optional<RevCommit> base = base(request.branch(), local);
      ObjectId tree = ObjectId.fromString(lock.tree());
      Optional<String> baseTag = base.isPresent() ? releases.tagOf(base.get()) : Optional.empty();
      if (base.isPresent() && base.get().getTree().equals(tree)) {
        if (!base.equals(local)) {
          releases.moveBranch(request.branch(), local.orElse(null), base.get());
        }
        // The release's own manifest, as its tag records it; computed only for a release without one.
        Manifest recorded = releases.manifest(base.get()).orElse(null);
        if (recorded == null) {
          recorded = Manifest.of(request.site(), null, verification, installTest, lock, tree,
              new TreeFiles(objects.keepingWhatIsRead()));
        }
        return unchanged(base.get(), baseTag.orElse(base.get().abbreviate(7).name()), recorded);
      }
      try (SbomMaking making = new SbomMaking(objects, lock, tree, request)) {
        return release(objects, lock, tree, request, advisories, verification, installTest, local, base, baseTag, making);
      }
    }
  }

  /** A new release of {@code tree}, its SBOM being made by {@code making}. */
  private Released release(ObjectSource objects, Lock lock, ObjectId tree, Request request, AdvisoryCheck advisories,
      VerificationState verification, VerificationState installTest, Optional<RevCommit> local, Optional<RevCommit> base,
      Optional<String> baseTag, SbomMaking making) throws CodebaseException, IOException {
    Manifest current = Manifest.of(request.site(), null, verification, installTest, lock, tree,
        new TreeFiles(objects.keepingWhatIsRead()));
    Manifest previous = base.isPresent() ? previousManifest(base.get(), baseTag) : null;
    if (advisories != null) {
      current = withAdvisories(current, previous, advisories);
    }
    Changelog changelog = new Changelog(previous, current);
    String previousTag = baseTag.orElse("before");
    List<String> refused = changelog.removed().stream().filter(c -> !request.allowRemoval().contains(c)).toList();
    if (!refused.isEmpty()) {
      throw new CodebaseException(ReleaseMessages.removalRefused(refused, previousTag));
    }
    for (Changelog.Downgrade d : changelog.downgrades()) {
      log.warn(ReleaseMessages.downgrade(d.component(), d.from(), d.to(), previousTag));
    }
    String tag = tagOf(request, current.moodle().release());
    Optional<RevCommit> existing = releases.tagged(tag);
    if (existing.isPresent()) {
      if (existing.get().getTree().equals(tree)) {
        return unchanged(existing.get(), tag, current);
      }
      if (!TagNames.isSnapshot(request.version())) {
        throw new CodebaseException(ReleaseMessages.releaseTagExists(tag));
      }
      tag = freeName(releases, tag);
    }
    String sbom = making.sbom(tag, current.lockSha256());
    inventory.write();
    Manifest manifest = current.withTag(tag).withSbom(Sbom.sha256(sbom));
    long start = System.nanoTime();
    ReleaseRepository.Written written = releases.write(objects, tree, base.orElse(null), changelog.message(), tag,
        tagMessage(tag, manifest), request.ident(), request.tagger());
    log.info(ReleaseMessages.objectsCopied(written.objects(), written.reused(), written.deltas(),
        (System.nanoTime() - start) / 1e9));
    releases.publishLocally(request.branch(), local.orElse(null), written.commit(), tag, written.tag());
    return new Released(tag, written.commit(), tree, true, changelog, manifest, sbom);
  }

  /** The tag of a release of {@code moodleRelease}, as {@code request} formats it. */
  private static String tagOf(Request request, String moodleRelease) throws CodebaseException {
    return TagNames.format(request.tagFormat(), request.groupId(), request.artifactId(), request.version(), moodleRelease,
        request.buildTime());
  }

  /**
   * A new release's SBOM, made on a second thread while the manifest and the changelog are: its
   * inventory reads every plugin's files, and CycloneDX's writer starts cold. The SBOM names the
   * release's tag, sure only at the end (a snapshot's tag already taken gets another): the SBOM is
   * written again then for a tag other than the one expected. Closing waits for the thread.
   */
  private final class SbomMaking implements AutoCloseable {
    private record Made(Inventory inventory, String tag, String lockSha256, String json) {}

    private final FutureTask<Made> task;
    private final Thread thread;
    private final Request request;

    SbomMaking(ObjectSource objects, Lock lock, ObjectId tree, Request request) {
      this.request = request;
      this.task = new FutureTask<>(() -> {
        try (ObjectSource own = objects.fork()) {
          Inventory read = Inventory.read(lock, tree, new TreeFiles(own.keepingWhatIsRead()), inventory);
          String tag = tagOf(request, read.moodle().release());
          String lockSha256 = Manifest.lockSha256(lock);
          return new Made(read, tag, lockSha256, Sbom.json(read, sbomSite(request, tag, lockSha256), request.commitTime()));
        }
      });
      this.thread = new Thread(task, "moodle-release-sbom");
      thread.setDaemon(true);
      thread.start();
    }

    /** The SBOM of the release tagged {@code tag}, of the lock of {@code lockSha256}. */
    String sbom(String tag, String lockSha256) throws CodebaseException, IOException {
      Made made;
      try {
        made = task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while the SBOM was made");
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof CodebaseException c) {
          throw c;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IOException(e.getCause());
      }
      return made.tag().equals(tag) && made.lockSha256().equals(lockSha256) ? made.json()
          : Sbom.json(made.inventory(), sbomSite(request, tag, lockSha256), request.commitTime());
    }

    @Override
    public void close() {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static Manifest withAdvisories(Manifest current, Manifest previous, AdvisoryCheck check)
      throws CodebaseException, IOException {
    Optional<List<Manifest.Advisory>> now = check.affecting(current.lock());
    if (now.isEmpty()) {
      return current;
    }
    java.util.Map<String, Manifest.Advisory> before = new java.util.LinkedHashMap<>();
    if (previous != null) {
      if (previous.advisories() != null) {
        previous.advisories().affecting().forEach(a -> before.putIfAbsent(key(a), a));
      }
      check.affecting(previous.lock()).orElse(List.of()).forEach(a -> before.putIfAbsent(key(a), a));
    }
    now.get().forEach(a -> before.remove(key(a)));
    return current.withAdvisories(new Manifest.Advisories(check.source(), now.get(), List.copyOf(before.values())));
  }

  /** An advisory of a component, as two releases' lists name it. */
  private static String key(Manifest.Advisory a) {
    return a.component() + " " + a.ids().get(0);
  }

  /** The release that already has this code base; its SBOM is written again only when missing (see ReleaseStage). */
  private Released unchanged(RevCommit commit, String tag, Manifest manifest) {
    log.info(ReleaseMessages.unchanged(tag));
    return new Released(tag, commit.copy(), commit.getTree().copy(), false, null, manifest.withTag(tag));
  }

  /** The release's SBOM: what its code base holds, read from the tree, as CycloneDX. */
  static String sbom(ObjectSource objects, Lock lock, ObjectId tree, Request request, String tag, String lockSha256,
      java.time.Instant time, InventoryMemo memo) throws IOException {
    Inventory inventory = Inventory.read(lock, tree, new TreeFiles(objects.keepingWhatIsRead()), memo);
    return Sbom.json(inventory, sbomSite(request, tag, lockSha256), time);
  }

  /** The site as a release's SBOM names it. */
  static Sbom.Site sbomSite(Request request, String tag, String lockSha256) {
    return new Sbom.Site(request.groupId(), request.artifactId(), request.version(), tag, lockSha256, Tool.NAME, Tool.version());
  }

  /**
   * The release to build on: the remote's head when the local history lacks it, else the local
   * head. A remote that cannot be reached leaves the local history, with a warning: the release is
   * made, and {@code mvn deploy} publishes it later.
   */
  private Optional<RevCommit> base(String branch, Optional<RevCommit> local) throws IOException {
    if (remote.isEmpty()) {
      return local;
    }
    try {
      remote.get().fetch(releases);
    } catch (CodebaseException e) {
      log.warn(e.getMessage());
      log.warn(ReleaseMessages.releasingLocally());
      return local;
    }
    Optional<RevCommit> remoteHead = releases.remoteHead(branch);
    if (remoteHead.isEmpty() || local.isPresent() && releases.isAncestor(remoteHead.get(), local.get())) {
      return local;
    }
    if (local.isPresent() && !releases.isAncestor(local.get(), remoteHead.get())) {
      log.warn(ReleaseMessages.localReleasesLeftBehind(releases.tagOf(remoteHead.get()).orElse(remoteHead.get().name())));
    }
    return remoteHead;
  }

  private Manifest previousManifest(RevCommit base, Optional<String> tag) throws IOException {
    Optional<Manifest> m = releases.manifest(base);
    if (m.isEmpty()) {
      log.warn(ReleaseMessages.previousWithoutManifest(tag));
    }
    return m.orElse(null);
  }

  /** The tag's name with the first free {@code -2}, {@code -3}... suffix. */
  static String freeName(ReleaseRepository releases, String tag) throws IOException {
    for (int n = 2; ; n++) {
      if (!releases.tagTaken(tag + "-" + n)) {
        return tag + "-" + n;
      }
    }
  }

  static String tagMessage(String tag, Manifest manifest) {
    return "Release " + tag + "\n\n" + manifest.render();
  }
}
