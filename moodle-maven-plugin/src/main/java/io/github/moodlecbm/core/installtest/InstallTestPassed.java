package io.github.moodlecbm.core.installtest;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Proof that Moodle's installer installed a code base in this build and every check after it
 * passed: made by the install test stage alone, taken by a verified code base so that its release
 * records it.
 */
public final class InstallTestPassed {
  private final ObjectId tree;

  InstallTestPassed(AnyObjectId tree) {
    this.tree = tree.copy();
  }

  /** The code base's tree that was installed. */
  public ObjectId tree() {
    return tree;
  }
}
