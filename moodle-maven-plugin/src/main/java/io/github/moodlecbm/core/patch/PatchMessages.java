package io.github.moodlecbm.core.patch;

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

  static String doesNotApply(String who, String path, List<String> errors) {
    return who + ": the patch " + path + " does not apply to the pinned version: " + String.join("; ", errors)
        + ". Rebase the patch on this version, or pin the version it was written for.";
  }

  static String failed(List<String> problems) {
    return "The site's patches could not be applied (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
        + "), nothing was assembled or released:\n  - " + String.join("\n  - ", problems);
  }
}
