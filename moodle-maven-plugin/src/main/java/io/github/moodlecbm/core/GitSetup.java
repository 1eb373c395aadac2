package io.github.moodlecbm.core;

import java.io.File;
import java.util.Locale;
import org.eclipse.jgit.util.FS;

/**
 * JGit's process-wide setup. To find git's system-wide configuration, JGit runs {@code git
 * --version} and {@code git config --system --list} on first use, a tenth of a second or more
 * at the start of every build; on Linux the file is {@code /etc/gitconfig} (or
 * {@code $GIT_CONFIG_SYSTEM}), which is given to JGit instead. Elsewhere JGit finds it as usual.
 */
public final class GitSetup {
  private static boolean done;

  private GitSetup() {}

  public static synchronized void ensure() {
    if (done) {
      return;
    }
    done = true;
    String given = System.getenv("GIT_CONFIG_SYSTEM");
    if (given != null && !given.isBlank()) {
      FS.DETECTED.setGitSystemConfig(new File(given));
    } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      FS.DETECTED.setGitSystemConfig(new File("/etc/gitconfig"));
    }
  }
}
