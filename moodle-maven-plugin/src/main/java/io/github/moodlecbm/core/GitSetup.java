package io.github.moodlecbm.core;

import java.io.File;
import java.util.Locale;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.util.FS;

/**
 * JGit's process-wide setup.
 *
 * <p>To find git's system-wide configuration, JGit runs {@code git --version} and {@code git
 * config --system --list} on first use, a tenth of a second or more at the start of every build;
 * on Linux the file is {@code /etc/gitconfig} (or {@code $GIT_CONFIG_SYSTEM}), which is given to
 * JGit instead. Elsewhere JGit finds it as usual.
 *
 * <p>Packs are read through memory maps of 64 KiB windows, up to 256 MiB of them, where JGit's
 * defaults copy 8 KiB windows into the heap and keep 10 MiB of them: a code base reads every
 * object of Moodle's pack (30 MB and more), which the defaults read several times over, each
 * window into new heap memory. A mapped window costs no heap, and pack files are never rewritten
 * in place (a repack writes new files), so a map stays valid. On Windows, where a mapped file
 * cannot be deleted, the windows stay in the heap: 64 KiB windows, 32 MiB of them.
 */
public final class GitSetup {
  /** The most bytes of packs kept in windows at once. */
  static final long WINDOWS_LIMIT = 256L << 20;
  /** The bytes of one window. */
  static final int WINDOW_SIZE = 64 << 10;

  private static boolean done;

  private GitSetup() {}

  public static synchronized void ensure() {
    if (done) {
      return;
    }
    done = true;
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    boolean windows = os.startsWith("windows");
    WindowCacheConfig packs = new WindowCacheConfig();
    packs.setPackedGitWindowSize(WINDOW_SIZE);
    packs.setPackedGitMMAP(!windows);
    packs.setPackedGitLimit(windows ? 32L << 20 : WINDOWS_LIMIT);
    packs.install();
    String given = System.getenv("GIT_CONFIG_SYSTEM");
    if (given != null && !given.isBlank()) {
      FS.DETECTED.setGitSystemConfig(new File(given));
    } else if (os.contains("linux")) {
      FS.DETECTED.setGitSystemConfig(new File("/etc/gitconfig"));
    }
  }
}
