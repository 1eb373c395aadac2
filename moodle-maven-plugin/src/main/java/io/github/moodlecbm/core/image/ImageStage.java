package io.github.moodlecbm.core.image;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import io.github.moodlecbm.core.release.Manifest;
import io.github.moodlecbm.core.release.ReleaseHistory;
import io.github.moodlecbm.core.release.ReleaseRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The image stage: a release of the release repository becomes a container image. Its code base is
 * written to a folder for Jib to read (only the files that changed since the last image, so that
 * Jib's layer cache finds the others as they were), split into layers, built and sent where the
 * target says; the image's digest is kept with the release (a git note on its commit, {@link
 * #NOTES}), for the site report.
 */
public final class ImageStage {
  /** The notes of the release repository that record each release's image. */
  public static final String NOTES = "refs/notes/moodle-images";

  /** What an image of a release is recorded as: where it went and its digest. */
  public record Recorded(String reference, String digest, List<String> tags) {}

  /**
   * What to build.
   *
   * @param tag the release; null: the newest of {@code branch}
   * @param files the folder the code base is written to for Jib, with {@code index} the record of what it holds
   */
  public record Options(String site, String tag, String branch, String from, String codeDir, ImageTarget target,
      boolean allowUnverified, Path files, Path index, Path layerCache, boolean allowInsecure) {
    public Options(String site, String tag, String branch, String from, String codeDir, ImageTarget target,
        boolean allowUnverified, Path files, Path index, Path layerCache) {
      this(site, tag, branch, from, codeDir, target, allowUnverified, files, index, layerCache, false);
    }
  }

  private final Workspace workspace;

  public ImageStage(Workspace workspace) {
    this.workspace = workspace;
  }

  /** Builds the image of a release and records it with the release. */
  public ImageBuild.Built image(ReleaseRepository releases, Options o) throws CodebaseException, IOException {
    long start = System.nanoTime();
    ReleaseHistory history = new ReleaseHistory(releases);
    String newest = history.newest(o.branch(), releases.gitDir());
    String tag = o.tag() == null || o.tag().isBlank() ? newest : o.tag().trim();
    RevCommit commit = history.release(tag);
    Manifest manifest = history.manifest(tag);
    List<ImageLayers.Layer> layers;
    try (ObjectReader reader = releases.repository().newObjectReader()) {
      layers = ImageLayers.of(manifest.lock(), commit.getTree(), reader);
    }
    ImageBuild.Request request = new ImageBuild.Request(o.site(), tag, manifest, layers, o.files(), o.from(), o.codeDir(),
        o.target(), tag.equals(newest), workspace.settings().offline(), o.allowUnverified(), o.layerCache(),
        workspace.settings().servers(), o.allowInsecure());
    // refused before any file is written
    ImageBuild.check(request);
    WorkTreeWriter.Result written = history.checkout(tag, o.files(), o.index());
    workspace.log().debug("image files: " + written);
    ImageBuild.Built built = new ImageBuild(workspace.log()).build(request);
    record(releases, commit, new Recorded(built.reference(), built.digest(), built.tags()));
    workspace.log().info(ImageMessages.built(built.reference(), built.digest(), built.layers(), (System.nanoTime() - start) / 1e9,
        built.pushed()));
    return built;
  }

  /** Keeps the image's digest with the release: a note on its commit. */
  static void record(ReleaseRepository releases, RevCommit commit, Recorded recorded) throws IOException {
    try (io.github.moodlecbm.core.ExclusiveLock held = releases.lock();
        org.eclipse.jgit.api.Git git = new org.eclipse.jgit.api.Git(releases.repository())) {
      git.notesAdd().setNotesRef(NOTES).setObjectId(commit).setMessage(Json.render(recorded)).call();
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The image recorded for a release, if one was built here. */
  public static Optional<Recorded> recorded(ReleaseRepository releases, RevCommit commit) throws IOException {
    try (org.eclipse.jgit.api.Git git = new org.eclipse.jgit.api.Git(releases.repository())) {
      org.eclipse.jgit.notes.Note note = git.notesShow().setNotesRef(NOTES).setObjectId(commit).call();
      if (note == null) {
        return Optional.empty();
      }
      byte[] bytes = releases.repository().open(note.getData()).getBytes();
      return Optional.of(Json.MAPPER.readValue(bytes, Recorded.class));
    } catch (org.eclipse.jgit.api.errors.GitAPIException | IOException e) {
      return Optional.empty();
    }
  }
}
