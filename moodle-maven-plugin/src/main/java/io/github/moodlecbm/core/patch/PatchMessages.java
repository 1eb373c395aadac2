package io.github.moodlecbm.core.patch;

import io.github.moodlecbm.core.PropertyNames;
import java.util.List;

/** What the site's own patches make the build say: every sentence of this package, in one place. */
final class PatchMessages {
  private PatchMessages() {}

  static String patchOutsideComponentFolder(String path) {
    return "The patch " + path + " is not in a component's folder: a patch to Moodle goes in "
        + PatchFiles.FOLDER + "/moodle/, a patch to a plugin in " + PatchFiles.FOLDER + "/<component>/ (for example "
        + PatchFiles.FOLDER + "/block_xp/). Move it there.";
  }

  static String folderNotAComponent(String path) {
    return "The folder " + path + " holds patches, but its name is neither 'moodle' nor a plugin's component"
        + " (type_name, such as block_xp). Rename it after the component its patches change.";
  }

  static String emptyPatch(String who, String path) {
    return who + ": the patch " + path + " is empty. Write the change into it (git format-patch, git diff,"
        + " or mvn moodle:patch), or delete it.";
  }

  static String notInSite(String who, String path) {
    return "The patch " + path + " changes " + who + ", which the site does not have. Declare the plugin in the"
        + " pom, or delete the folder " + PatchFiles.FOLDER + "/" + who + ".";
  }

  static String patchGone(String who, String path) {
    return who + ": the patch " + path + " was removed while the build ran. Build again.";
  }

  static String patchChanged(String who, String path) {
    return who + ": the patch " + path + " changed while the build ran. Build again.";
  }

  static String malformed(String who, String path, List<String> errors) {
    return who + ": " + path + " is not a patch git can read" + (errors.isEmpty() ? " (it changes no file)" : ": "
        + String.join("; ", errors)) + ". Write it again with git format-patch or git diff in the component's"
        + " repository, or with mvn moodle:patch.";
  }

  static String pathLeaves(String who, String path, String file) {
    return who + ": the patch " + path + " changes '" + file + "', outside the component's folder. Paths in a"
        + " patch are relative to the component's folder, as git format-patch writes them in its repository.";
  }

  static String applied(String who, String path, List<String> files) {
    return "[" + who + "] applied " + path + " (" + (files.size() <= 3 ? String.join(", ", files)
        : String.join(", ", files.subList(0, 3)) + " and " + (files.size() - 3) + " more") + ")";
  }

  static String doesNotApply(String who, String path, List<String> errors, List<String> files, Patcher.Moved moved) {
    return who + ": the patch " + path + " does not apply to the pinned version: " + String.join("; ", errors) + "."
        + movedSince(moved, files)
        + " Rebase the patch on this version" + (moved == null ? "" : " (" + abbrev(moved.after()) + ")")
        + ", or pin the version it was written for" + (moved == null ? "" : " (" + abbrev(moved.before()) + ")") + ".";
  }

  static String alreadyUpstream(String who, String path, Patcher.Moved moved, String by) {
    return who + ": the patch " + path + " is already in the pinned version: it applies in reverse, so upstream took"
        + " the change" + brought(moved, by) + ". Delete the patch file, or build with -D" + PropertyNames.SKIP_APPLIED_PATCHES
        + " to leave it out for now.";
  }

  static String alreadyUpstreamSkipped(String who, String path, Patcher.Moved moved, String by) {
    return who + ": the patch " + path + " is already in the pinned version" + brought(moved, by)
        + "; left out (" + PropertyNames.SKIP_APPLIED_PATCHES + "). Delete the patch file.";
  }

  private static String brought(Patcher.Moved moved, String by) {
    return by != null ? " (brought by " + by + ")"
        : moved == null || moved.commits().isEmpty() ? ""
        : " (in one of " + String.join(", ", moved.commits()) + ")";
  }

  private static String movedSince(Patcher.Moved moved, List<String> files) {
    if (moved == null) {
      return "";
    }
    return " The pin moved from " + abbrev(moved.before()) + " to " + abbrev(moved.after())
        + (moved.commits().isEmpty() ? "; no commit in between changed " + String.join(", ", files) + "."
            : "; the commits in between that changed " + String.join(", ", files) + ": " + String.join(", ", moved.commits()) + ".");
  }

  private static String abbrev(String commit) {
    return commit.length() > 10 ? commit.substring(0, 10) : commit;
  }

  static String failed(List<String> problems) {
    return "The site's patches could not be applied (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "), nothing was assembled or released:\n  - " + String.join("\n  - ", problems);
  }

  static String captureNotInSite(String component, java.util.Collection<String> plugins) {
    return "moodle:patch: the site has no component " + component + ". Name 'moodle' or one of its plugins: "
        + String.join(", ", plugins) + ".";
  }

  static String nothingToCapture(java.nio.file.Path dir) {
    return "moodle:patch: " + dir + " is not there to compare. Run mvn package (with the work tree on), edit the files"
        + " in target/moodle, then capture the changes.";
  }

  static String binaryNotCaptured(String component, List<String> files) {
    return "moodle:patch: " + component + ": " + String.join(", ", files) + (files.size() == 1 ? " is a binary file" :
        " are binary files") + ", which a patch written here cannot carry. Write that patch in the component's"
        + " repository with git format-patch --binary, or undo the change in target/moodle.";
  }

  static String noChanges(String component, String where) {
    return component + ": nothing under " + where + " differs from the code base: no patch written.";
  }

  static String captured(String component, String path, int files, String where) {
    return component + ": wrote " + path + " (" + files + (files == 1 ? " file" : " files") + " changed under " + where
        + "). The next build applies it; commit it with the pom.";
  }

  static String stillApplies(String who, String version, String path) {
    return who + " " + version + ": " + path + " still applies.";
  }

  static String wouldStopApplying(String who, String version, String path) {
    return who + " " + version + ": " + path + " would stop applying. Rebase it on that version when you take the update.";
  }

  static String wouldBeUpstream(String who, String version, String path) {
    return who + " " + version + ": " + path + " is already in that version. Delete the patch file when you take the update.";
  }
}
