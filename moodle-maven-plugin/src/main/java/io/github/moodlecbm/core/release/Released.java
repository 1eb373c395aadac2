package io.github.moodlecbm.core.release;

import org.eclipse.jgit.lib.ObjectId;

/**
 * The last stage's result: a verified code base recorded as a release, a commit of its tree on the
 * release branch with an annotated tag whose message is the release's manifest.
 *
 * @param created false when the code base was released already (then {@code tag} names that release)
 * @param changelog what changed since the previous release; null when nothing was created
 * @param sbom the release's SBOM (CycloneDX JSON), whose SHA-256 its manifest names
 */
public record Released(String tag, ObjectId commit, ObjectId tree, boolean created, Changelog changelog, Manifest manifest,
    String sbom) {
  public Released(String tag, ObjectId commit, ObjectId tree, boolean created, Changelog changelog, Manifest manifest) {
    this(tag, commit, tree, created, changelog, manifest, null);
  }
}
