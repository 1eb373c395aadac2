package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.overlay.OverlayFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;

/** What the assembly of a code base says: every sentence of this package, in one place. */
final class AssemblyMessages {
  private AssemblyMessages() {}

  static String lockWritten(Path lockFile, ObjectId tree) {
    return "Wrote " + lockFile.getFileName() + " (code base tree " + tree.name() + ")";
  }

  /** The code base in one line, with what writing its files did ({@code files} null: not written). */
  static String codebase(Assembled a, WorkTreeWriter.Result files, double seconds) {
    String written = files == null
        ? "work tree not written (" + PropertyNames.WORK_TREE + "=false)"
        : files.written() + " files written, " + files.removed() + " removed, " + files.unchanged() + " unchanged"
            + String.format(Locale.ROOT, " in %.2f s", seconds);
    return "Code base " + a.tree().name() + ": Moodle " + a.lock().moodle().release() + ", " + a.lock().plugins().size()
        + " plugins, " + written;
  }

  static String writtenTo(Path relative) {
    return "Code base written to " + relative;
  }

  static String gitEntryInPlugin(String who, String path) {
    return who + ": the plugin's files include '" + path + "', a .git entry, which must never reach a code"
        + " base. Pin another version of the plugin, or ask its maintainer to remove it.";
  }

  static String symlinkEscapes(String who, String path, String target) {
    return who + ": the symbolic link " + path + " points to '" + target + "', outside the plugin's folder."
        + " Pin another version of the plugin, or ask its maintainer to remove the link.";
  }

  static String strayGitlink(String who, String path) {
    return who + ": " + path + " is a git submodule that .gitmodules does not describe, so its files cannot"
        + " be fetched. Pin another version of the plugin.";
  }

  static String caseCollision(String who, String a, String b) {
    return who + ": " + a + " and " + b + " differ only by case; on a case-insensitive file system one"
        + " would hide the other.";
  }

  static String commitNotInCache(String who, String commit) {
    return who + ": commit " + commit + " is missing from the mirror cache. Build again to fetch it.";
  }

  static String overlayChanged() {
    return "The overlay (" + OverlayFiles.FOLDER + ") changed while the build ran. Build again.";
  }

  static String overlayReplaces(String path, String owner) {
    return "The overlay replaces " + path + " of " + owner + ". A patch in src/main/patches/" + owner + "/ says what"
        + " changes and is checked at every update; a replaced file silently hides upstream's fixes to it.";
  }

  static String overlayOnFolder(String path, String owner) {
    return OverlayFiles.FOLDER + "/" + path + " is a file where the code base has a folder of " + owner + ".";
  }

  static String overlayBelowFile(String path, String file, String owner) {
    return OverlayFiles.FOLDER + "/" + path + " is below " + file + ", which is a file of " + owner + " in the code base.";
  }

  static String overlayRefused(List<String> problems) {
    return "The overlay cannot be added to the code base (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "), nothing was assembled or released:\n  - " + String.join("\n  - ", problems)
        + "\nMove or rename those files in " + OverlayFiles.FOLDER + ".";
  }

  static String overlayAdded(int files) {
    return "Overlay: " + files + (files == 1 ? " file" : " files") + " of " + OverlayFiles.FOLDER + " added to the code base";
  }
}
