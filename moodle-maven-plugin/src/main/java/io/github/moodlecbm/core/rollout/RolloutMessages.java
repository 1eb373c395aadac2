package io.github.moodlecbm.core.rollout;

import io.github.moodlecbm.core.PropertyNames;
import io.github.moodlecbm.core.assembly.WorkTreeWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** What rollouts and rollbacks say: every sentence of this package, in one place. */
final class RolloutMessages {
  private RolloutMessages() {}

  private static String env(String name) {
    return PropertyNames.flag(PropertyNames.ENV, name);
  }

  // ---- the environment

  static String noEnvironmentNamed(String known) {
    return "Name the environment: " + env("<name>") + ", one of " + known + ".";
  }

  static String noSuchEnvironment(String name, Path environments, String known, Path folder) {
    return "There is no environment '" + name + "' in " + environments + " (environments: " + known + "). Create " + folder
        + " with its config.php and environment.properties.";
  }

  static String noProperties(String who, Path folder) {
    return who + "no " + Environment.PROPERTIES + " in " + folder + ". Add one with at least " + Environment.DIR
        + "=<the folder on the server that holds releases/ and current>.";
  }

  static String unknownSetting(String who, Path propertiesFile, String key, Collection<String> settings) {
    return who + propertiesFile + " has an unknown setting " + key + " (settings: " + String.join(", ", settings) + ").";
  }

  static String noDir(String who, Path propertiesFile, String name) {
    return who + propertiesFile + " does not say where the environment lives: add " + Environment.DIR + "=/srv/moodle/" + name
        + " (releases go to <dir>/releases/, the web server points at <dir>/current).";
  }

  static String badKeep(String who, String value, Path propertiesFile) {
    return who + Environment.KEEP + "=" + value + " in " + propertiesFile
        + " is not a number of releases: use 2 or more (the live one and one to roll back to).";
  }

  static String badHookTimeout(String who, String value, Path propertiesFile) {
    return who + Environment.HOOK_TIMEOUT + "=" + value + " in " + propertiesFile + " is not a number of seconds: use a whole"
        + " number above 0, such as " + Environment.HOOK_TIMEOUT + "=1800 for 30 minutes (default "
        + Environment.DEFAULT_HOOK_TIMEOUT.toSeconds() + ").";
  }

  static String unknownGroup(String who, String group, Path propertiesFile) {
    return who + "there is no group '" + group + "' on this machine (" + Environment.GROUP + " in " + propertiesFile
        + "). Name the web server's group, e.g. www-data.";
  }

  static String configAndTemplate(String who, Path folder) {
    return who + folder + " has both " + Environment.CONFIG + " and " + Environment.CONFIG_TEMPLATE
        + ": keep one (the template, to keep secrets out of git).";
  }

  static String noConfig(String who, Path folder) {
    return who + "no " + Environment.CONFIG + " in " + folder + ". Moodle cannot run without one: add "
        + Environment.CONFIG_TEMPLATE + " (placeholders such as ${env.MOODLE_DB_PASSWORD} are filled at rollout) or "
        + Environment.CONFIG + ".";
  }

  static String missingPlaceholders(String file, Collection<String> missing) {
    return file + " has placeholders without a value: " + String.join("; ", missing) + ". Set the environment variables, add"
        + " the <server> entries to ~/.m2/settings.xml or the properties to environment.properties, or give a default as in"
        + " ${env.NAME:-value}.";
  }

  static String configGroupRefused(String environment, String group) {
    return "Environment " + environment + ": config.php cannot be given group '" + group + "': the user running the rollout"
        + " must be a member of it.";
  }

  // ---- the environment's folder on the server

  static String folderOfAnother(Path dir, String theirEnvironment, String theirSite, String environment, String site) {
    return dir + " belongs to environment '" + theirEnvironment + "' of site " + theirSite + ", not to '" + environment + "' of "
        + site + ". Check " + Environment.DIR + " in src/main/environments/" + environment + "/" + Environment.PROPERTIES
        + ": each environment needs its own folder.";
  }

  static String currentNotALink(Path current) {
    return current + " is not a symbolic link: something other than moodle:rollout put it there. Move it away; rollouts"
        + " manage current as a link to releases/<tag>.";
  }

  static String foreignFolder(Path dir, String marker, String environment) {
    return dir + " holds files but was not made by moodle:rollout (no " + marker + "): nothing is written there. Give"
        + " environment " + environment + " a new or empty folder in " + Environment.DIR + ".";
  }

  static String folderIsAFile(Path dir, String environment) {
    return dir + " is a file, not a folder. Check " + Environment.DIR + " of environment " + environment + ".";
  }

  static String waitingForAnother(String environment, Path lock) {
    return "Another rollout or rollback of environment " + environment + " is running (" + lock + "): waiting for it to end.";
  }

  // ---- rollouts

  static String noManifest(String tag) {
    return "Release " + tag + " has no manifest in its tag: it was not made by moodle:release, and is not rolled out.";
  }

  static String unverified(String tag, String environment) {
    return "Release " + tag + " was made with its verification skipped (" + PropertyNames.flag(PropertyNames.VERIFY_SKIP)
        + "): it is not rolled out to " + environment + ". Roll out a verified release, or add "
        + PropertyNames.flag(PropertyNames.ALLOW_UNVERIFIED) + " to take it anyway.";
  }

  static String noReleaseYet(String branch, Path repository) {
    return "There is no release on branch " + branch + " of the release repository " + repository + " yet: make one with mvn"
        + " package, or name one with " + PropertyNames.flag(PropertyNames.RELEASE, "<tag>") + ".";
  }

  static String untaggedHead(String branch) {
    return "The newest commit of branch " + branch + " has no release tag. Name the release with "
        + PropertyNames.flag(PropertyNames.RELEASE, "<tag>") + " (see mvn moodle:history).";
  }

  static String removedLeftover(Path folder) {
    return "Removed " + folder + ", left by an interrupted rollout.";
  }

  static String configWrittenAgain(String tag, String environment) {
    return "config.php of " + tag + " written again from environment " + environment + ".";
  }

  static String kept(String tag, Path folder, WorkTreeWriter.Result files) {
    return "Release " + tag + " was kept in " + folder + ": " + describe(files) + ".";
  }

  static String writing(String tag, Path folder, String sharingWith) {
    return "Writing release " + tag + " into " + folder + (sharingWith == null ? "" : ", sharing the unchanged files of " + sharingWith);
  }

  static String written(String tag, WorkTreeWriter.Result files, String environment) {
    return "Release " + tag + " written: " + describe(files) + "; config.php of environment " + environment + " placed (mode 0640).";
  }

  static String alreadyLive(String tag, String environment) {
    return "Release " + tag + " is already live in " + environment + ": nothing switched.";
  }

  static String live(String tag, String environment, Path current, String folder) {
    return "Release " + tag + " is live in " + environment + ": " + current + " -> " + EnvironmentDir.RELEASES + "/" + folder;
  }

  static String removedReleases(List<String> removed, Path releases, int keep) {
    return "Removed " + String.join(", ", removed) + " from " + releases + " (" + Environment.KEEP + "=" + keep + ").";
  }

  static String webRoot(Path webRoot) {
    return "The web server's document root: " + webRoot;
  }

  /** What writing (or checking) a release's folder did, in a few words. */
  static String describe(WorkTreeWriter.Result files) {
    int total = files.written() + files.unchanged();
    if (files.written() == 0 && files.removed() == 0) {
      return total + " files, as the release has them";
    }
    return total + " files: " + files.linked() + " shared with the live release, " + (files.written() - files.linked())
        + " written" + (files.removed() > 0 ? ", " + files.removed() + " removed" : "")
        + (files.unchanged() > 0 ? ", " + files.unchanged() + " unchanged" : "");
  }

  // ---- rollbacks

  static String nothingRolledOut(String environment, Path dir) {
    return "Nothing was rolled out to environment " + environment + " (" + dir + ") yet: there is nothing to roll back.";
  }

  static String nothingLive(String environment, Path current) {
    return "No release is live in environment " + environment + " (" + current + " is missing): roll one out with mvn"
        + " moodle:rollout " + env(environment) + ".";
  }

  static String nothingToGoBackTo(String environment, String live) {
    return "Nothing to roll back to in environment " + environment + ": " + live + " is the only release kept that was live"
        + " there. Roll out another with mvn moodle:rollout " + env(environment) + " "
        + PropertyNames.flag(PropertyNames.RELEASE, "<tag>") + ".";
  }

  static String notWhole(String back, String live, Path folder, String environment) {
    return "Release " + back + ", live before " + live + ", is no longer whole in " + folder + ". Roll it out again: mvn"
        + " moodle:rollout " + env(environment) + " " + PropertyNames.flag(PropertyNames.RELEASE, back) + ".";
  }

  static String changedOnDisk(String back, WorkTreeWriter.Result files) {
    return "Release " + back + " had been changed on disk: " + files.written() + " files written back, " + files.removed()
        + " removed, as the release has them.";
  }

  static String notInRepository(String back) {
    return "Release " + back + " is not in the release repository here: its folder is taken as it is.";
  }

  static String rolledBack(String environment, String back, String live) {
    return "Rolled back environment " + environment + ": " + back + " is live again (was " + live + ").";
  }

  static String lowersVersions(String live, String back, List<String> lower) {
    return "Going back from " + live + " to " + back + " lowers versions: " + String.join(", ", lower) + ". Moodle refuses to"
        + " run code older than its database: if the upgrade of " + live + " ran, restore the database (and moodledata)"
        + " backup taken before it went live.";
  }

  // ---- dry runs

  static String dryRun() {
    return "Dry run: nothing is changed.";
  }

  static String wouldClaim(Path dir, String environment) {
    return "Would make " + dir + " the folder of environment " + environment + ".";
  }

  static String wouldCheckKept(Path folder, String tag) {
    return "Would check " + folder + " against release " + tag + " (kept from an earlier rollout).";
  }

  static String wouldWrite(String tag, Path folder, String sharingWith) {
    return "Would write release " + tag + " into " + folder + (sharingWith == null ? "" : ", sharing the unchanged files of " + sharingWith);
  }

  static String wouldPlaceConfig(int bytes, String group, Path from, Collection<String> filling) {
    return "Would place config.php (" + bytes + " bytes, mode 0640" + (group == null ? "" : ", group " + group) + ") from "
        + from.getFileName() + (filling.isEmpty() ? "" : ", filling " + String.join(", ", filling));
  }

  static String wouldNotSwitch(String tag) {
    return tag + " is already live: nothing would be switched.";
  }

  static String wouldSwitch(Path current, String live, String tag) {
    return "Would switch " + current + (live == null ? "" : " from " + live) + " to " + tag + ".";
  }

  static String wouldKeep(int keep, Path releases) {
    return "Would keep " + keep + " releases in " + releases + ".";
  }

  static String wouldCheckBack(Path folder, String back) {
    return "Would check " + folder + " against release " + back + " and write back any file that differs.";
  }

  static String wouldSwitchBack(Path current, String live, String back) {
    return "Would switch " + current + " from " + live + " back to " + back + " (with the config.php it went live with).";
  }

  static String wouldRun(Hook hook) {
    return "Would run " + hook.setting() + ": " + hook.shown();
  }

  // ---- the environment's commands and what a failure of one leaves

  static String running(Hook hook) {
    return "Running " + hook.setting() + ": " + hook.shown();
  }

  static String nothingSwitched(String live) {
    return live == null ? "Nothing was switched; nothing was live yet." : "Nothing was switched: " + live + " is still live.";
  }

  static String liveAfterRollout(String tag, String environment) {
    return tag + " is live (the switch happened). Fix the cause and run the command by hand, or go back with mvn"
        + " moodle:rollback " + env(environment) + ".";
  }

  static String liveAfterRollback(String back) {
    return back + " is live (the switch happened). Fix the cause and run the command by hand.";
  }

  static String hookFailed(String setting, int exitCode, String command, String consequence) {
    return setting + " failed (exit code " + exitCode + "): " + command + ". " + consequence;
  }

  static String hookInterrupted(String setting, String consequence) {
    return setting + " was interrupted. " + consequence;
  }

  static String hookTimedOut(String setting, Duration limit, String command, Path propertiesFile, String consequence) {
    return setting + " ran out of time: it was still running after " + limit.toSeconds() + " s and was stopped, with every"
        + " process it started: " + command + ". " + consequence + " To give it more time, set " + Environment.HOOK_TIMEOUT
        + "=<seconds> in " + propertiesFile + ".";
  }
}
