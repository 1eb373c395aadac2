package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.verify.CodebaseVerifier.Verification;
import java.util.List;

/** What the verification says: every sentence of this package, in one place. */
final class VerifyMessages {
  private VerifyMessages() {}

  static List<String> skipped() {
    String rule = "**********************************************************************";
    return List.of(rule, "VERIFICATION SKIPPED (" + PropertyNames.VERIFY_SKIP + "): this code base was not checked.", rule);
  }

  static String verified(Verification v, long millis) {
    return "Verified: " + (v.rows().size() - 1) + " plugins and Moodle, " + v.findings().size() + " checks passed"
        + (v.warnings().isEmpty() ? "" : ", " + v.warnings().size() + " with warnings") + " (" + millis + " ms).";
  }
}
