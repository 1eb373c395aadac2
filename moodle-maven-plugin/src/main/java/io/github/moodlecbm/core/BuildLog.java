package io.github.moodlecbm.core;

/** Where the core reports progress; the Maven layer adapts it over its own log. */
public interface BuildLog {
  void info(String message);

  void warn(String message);

  void debug(String message);

  /** A log that prints nothing, for callers that do not care. */
  BuildLog SILENT =
      new BuildLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void debug(String message) {}
      };
}
