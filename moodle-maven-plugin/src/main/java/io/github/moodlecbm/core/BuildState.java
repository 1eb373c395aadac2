package io.github.moodlecbm.core;

import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.release.Released;
import io.github.moodlecbm.core.verify.Verified;
import java.util.Optional;

/**
 * What the goals of one build of a site hand each other, from phase to phase: the result of each
 * stage that ran so far. A new code base ({@link #assembled(Assembled)}) forgets the verification and
 * the release of the one before, so that a stage always takes its predecessor's result for the same
 * tree: nothing verified for one code base is released for another.
 */
public final class BuildState {
  private Assembled assembled;
  private Verified verified;
  private Released released;
  private io.github.moodlecbm.core.advisory.Audit.Report audited;

  public Optional<Assembled> assembled() {
    return Optional.ofNullable(assembled);
  }

  public Optional<Verified> verified() {
    return Optional.ofNullable(verified);
  }

  public Optional<Released> released() {
    return Optional.ofNullable(released);
  }

  /** The published advisories of the code base assembled, once checked in this build. */
  public Optional<io.github.moodlecbm.core.advisory.Audit.Report> audited() {
    return Optional.ofNullable(audited);
  }

  public void audited(io.github.moodlecbm.core.advisory.Audit.Report value) {
    audited = value;
  }

  /** The code base this build works on from now on. */
  public void assembled(Assembled value) {
    if (!value.equals(assembled)) {
      verified = null;
      released = null;
      audited = null;
    }
    assembled = value;
  }

  /** The code base's verification (or its explicit skip); it must be of the code base assembled. */
  public void verified(Verified value) {
    if (assembled == null || !value.assembled().equals(assembled)) {
      throw new IllegalStateException("a verification of " + value.tree().name() + " is not of the code base assembled");
    }
    verified = value;
    released = null;
  }

  public void released(Released value) {
    if (verified == null || !value.tree().equals(verified.tree())) {
      throw new IllegalStateException("release " + value.tag() + " is not of the code base verified");
    }
    released = value;
  }
}
