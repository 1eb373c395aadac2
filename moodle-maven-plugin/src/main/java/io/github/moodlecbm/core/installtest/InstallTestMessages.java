package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.PropertyNames;
import java.time.Duration;
import java.util.Locale;

/** What the install test says: every sentence of this package, in one place. */
final class InstallTestMessages {
  private InstallTestMessages() {}

  static String failed(InstallTest.Outcome outcome) {
    return "Install test failed: " + outcome.failure() + " Nothing was released. Logs and JUnit report: " + outcome.logs();
  }

  static String passed(InstallTest.Outcome outcome, Duration steps, double seconds) {
    return String.format(Locale.ROOT, "Install test passed: %d steps in %.1f s, %.1f s in all with the copy of the"
        + " code base and the database (logs: %s)", outcome.steps().size(), steps.toMillis() / 1000.0, seconds, outcome.logs());
  }

  static String hostWithoutServerId() {
    return PropertyNames.flag(PropertyNames.INSTALL_TEST_HOST) + " is set without " + PropertyNames.flag(PropertyNames.INSTALL_TEST_SERVER_ID)
        + ": name the settings.xml <server> whose user name and password may create databases there.";
  }

  static String unknownServerId(String id) {
    return "There is no <server> with id " + id + " (" + PropertyNames.INSTALL_TEST_SERVER_ID + ") in settings.xml: add one with"
        + " the user name and password of a PostgreSQL role allowed to create databases.";
  }
}
