package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.installtest.InstallTestPassed;
import io.github.moodlecbm.core.resolve.Lock;
import io.github.moodlecbm.core.verify.CodebaseVerifier.Verification;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The third stage's result, and the only thing a release can be made from: an assembled code base
 * whose verification passed ({@link VerifyStage} alone makes those), or one whose verification the
 * user explicitly skipped ({@link #skipped}, recorded as such in the release), with the install
 * test's result when it ran on the same tree.
 */
public final class Verified {
  private final Assembled assembled;
  private final VerificationState state;
  private final Verification verification;
  private final VerificationState installTest;

  private Verified(Assembled assembled, VerificationState state, Verification verification, VerificationState installTest) {
    this.assembled = Objects.requireNonNull(assembled);
    this.state = state;
    this.verification = verification;
    this.installTest = installTest;
  }

  /** A verification that passed: made by the verification stage only. */
  static Verified passed(Assembled assembled, Verification verification) {
    if (!verification.errors().isEmpty()) {
      throw new IllegalArgumentException("a verification with errors did not pass");
    }
    return new Verified(assembled, VerificationState.PASSED, verification, null);
  }

  /** A code base released without verification, because the user said so: its release records it. */
  public static Verified skipped(Assembled assembled) {
    return new Verified(assembled, VerificationState.SKIPPED, null, null);
  }

  /** This code base, with Moodle's installer having installed this very tree. */
  public Verified withInstallTest(InstallTestPassed passed) {
    if (!passed.tree().equals(assembled.tree())) {
      throw new IllegalArgumentException("the install test ran on " + passed.tree().name() + ", not on " + assembled.tree().name());
    }
    return new Verified(assembled, state, verification, VerificationState.PASSED);
  }

  public Assembled assembled() {
    return assembled;
  }

  public Lock lock() {
    return assembled.lock();
  }

  public ObjectId tree() {
    return assembled.tree();
  }

  /** {@code passed}, or {@code skipped} by the user. */
  public VerificationState state() {
    return state;
  }

  /** What the checks found (warnings included); empty when the verification was skipped. */
  public Optional<Verification> verification() {
    return Optional.ofNullable(verification);
  }

  /** {@code passed} when the install test ran on this tree in this build; empty when it did not run. */
  public Optional<VerificationState> installTest() {
    return Optional.ofNullable(installTest);
  }

  /** The checks' findings; none when skipped. */
  public List<Finding> findings() {
    return verification == null ? List.of() : verification.findings();
  }

  /** The summary table's rows; none when skipped. */
  public List<CodebaseVerifier.Row> rows() {
    return verification == null ? List.of() : verification.rows();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Verified v && assembled.equals(v.assembled) && state == v.state
        && Objects.equals(verification, v.verification) && installTest == v.installTest;
  }

  @Override
  public int hashCode() {
    return Objects.hash(assembled, state, verification, installTest);
  }

  @Override
  public String toString() {
    return "Verified[" + assembled.tree().name() + ", " + state + (installTest == null ? "" : ", install test " + installTest) + "]";
  }
}
