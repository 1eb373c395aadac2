package io.github.moodlecbm.core.advisory;

import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What this package says: every sentence of it, in one place. */
public final class AdvisoryMessages {
  private AdvisoryMessages() {}

  static String offline() {
    return "offline";
  }

  static String asked(String source, int queries, int downloaded, long nanos) {
    return "Advisories: asked " + source + " about " + queries + (queries == 1 ? " component" : " components") + ", "
        + downloaded + (downloaded == 1 ? " advisory" : " advisories") + " downloaded ("
        + String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9) + ").";
  }

  static String notAskedAgain(String why) {
    return why + "; not asked again for an hour, unless " + PropertyNames.flag(PropertyNames.UPDATE) + " asks";
  }

  static String neverAnswered(String source) {
    return "offline, and " + source + " was never asked about it (build once online, or point "
        + PropertyNames.flag(PropertyNames.ADVISORIES) + " at a folder or zip of OSV records)";
  }

  static String unreachable(String source, String why) {
    return source + " cannot be reached (" + why + ") and the cache has no answer for it; point "
        + PropertyNames.flag(PropertyNames.ADVISORIES) + " at a folder or zip of OSV records (OSV's export of Packagist) to check offline";
  }

  static String offlineCopy(String source, Duration age) {
    return "Offline: the advisories are the answers " + source + " gave " + age(age) + " ago.";
  }

  static String usingOldCopy(String source, String why, Duration age) {
    return source + " cannot be reached (" + why + "): the advisories are its answers of " + age(age) + " ago.";
  }

  static String cacheUnusable(Path folder, String why) {
    return "the advisories' cache " + folder + " cannot be used (" + why + ")";
  }

  static String recordMissing(String id, String source) {
    return "the cache lacks the record of " + id + "; build online with " + PropertyNames.flag(PropertyNames.UPDATE)
        + " to download it from " + source;
  }

  static String tooManyPages(int pages) {
    return "more than " + pages + " pages of answers";
  }

  static String notOsvJson(String url, String why) {
    return "the answer of " + url + " is not OSV JSON (" + why + "): is " + PropertyNames.flag(PropertyNames.ADVISORIES)
        + " the base URL of an OSV API, such as " + OsvApi.DEFAULT + "?";
  }

  static String localMissing(Path location) {
    return location + " does not exist: point " + PropertyNames.flag(PropertyNames.ADVISORIES)
        + " at a folder of OSV JSON records or a zip of them (such as OSV's Packagist/all.zip)";
  }

  static String localUnreadable(Path location, String why) {
    return location + " cannot be read (" + why + "): give a folder of OSV JSON records or a zip of them";
  }

  static String localMalformed(Path location, List<String> files) {
    return files.size() + (files.size() == 1 ? " file" : " files") + " of " + location + " are not OSV records: "
        + String.join("; ", files.subList(0, Math.min(10, files.size()))) + (files.size() > 10 ? "; ..." : "")
        + ". Remove or fix " + (files.size() == 1 ? "it" : "them") + ": an audit from part of a database would miss advisories";
  }

  public static String badLocation(String location) {
    return PropertyNames.ADVISORIES + "=" + io.github.moodlecbm.core.Messages.redact(location) + " is not a place to read advisories:"
        + " give the base URL of an OSV API (default " + OsvApi.DEFAULT + "), a folder or zip of OSV JSON records, or "
        + AdvisorySources.NONE + " to check nothing.";
  }

  public static String unknownSeverityName(String name) {
    return "Unknown severity '" + name + "' in " + PropertyNames.flag(PropertyNames.FAIL_ON_ADVISORIES)
        + ": use low, medium, high or critical (the build fails on advisories at or above it).";
  }

  public static String securityUpdate(String component, List<String> ids) {
    return "Security update of " + (component.equals("moodle") ? "Moodle" : component) + ": removes " + String.join(", ", ids) + ".";
  }

  public static String noSecurityUpdate() {
    return "No update removes a published advisory: nothing taken (" + PropertyNames.flag(PropertyNames.SECURITY_ONLY) + ").";
  }

  public static String notChecked() {
    return "Advisories are not checked (" + PropertyNames.ADVISORIES + "=" + AdvisorySources.NONE + ").";
  }

  static String unknownSeverity() {
    return "of unknown severity";
  }

  static String checked(String source, int components, Duration age) {
    return "Advisories of " + source + " for " + components + (components == 1 ? " component" : " components")
        + (age == null ? ", asked now." : ", answers of " + age(age) + " ago (" + PropertyNames.flag(PropertyNames.UPDATE)
        + " asks again).");
  }

  static String componentHeader(String component, String locked, int count, String severities, String allFixedIn) {
    String who = component.equals("moodle") ? "Moodle " + locked : component + " " + locked;
    return who + " is affected by " + count + " published " + (count == 1 ? "advisory" : "advisories") + " (" + severities + ")"
        + (allFixedIn == null ? ":" : ", " + (count == 1 ? "" : "all ") + "fixed in " + allFixedIn + ": " + updateCommand(component));
  }

  static String componentPrefix(String component, String locked) {
    return (component.equals("moodle") ? "Moodle " : component + " ") + locked + ": ";
  }

  /** One advisory: its identifiers, severity, title and fix. */
  static String advisoryLine(Audit.Finding f) {
    String ids = String.join(", ", f.advisory().identifiers());
    String severity = f.severity().map(Severity::word).orElse("severity unknown");
    String title = f.advisory().title().isEmpty() ? "" : " " + f.advisory().title();
    return ids + " (" + severity + ")" + title + " - " + fix(f) + (f.patched() ? " (the site's patches change "
        + f.component() + ": they may fix it)" : "");
  }

  private static String fix(Audit.Finding f) {
    Audit.Fix fix = f.fix();
    if (fix.version() == null) {
      return fix.equals(Audit.Fix.NONE) ? "no fixed version is published" : "fixed upstream, but no version of "
          + f.component() + " that has the fix runs on this Moodle yet";
    }
    if (f.weeklyMayHaveIt()) {
      return "possibly fixed in this weekly build (" + f.locked() + "); fixed in " + fix.version() + ": " + updateCommand(f.component());
    }
    if (fix.otherBranch()) {
      String branch = fix.version().replaceFirst("^(\\d+\\.\\d+).*", "$1");
      return "fixed only in " + fix.version() + ", on another branch: mvn moodle:upgrade-check "
          + PropertyNames.flag(PropertyNames.TARGET, branch);
    }
    if (!fix.onLine()) {
      return "fixed in " + fix.version() + ", which the pin does not follow: pin it in pom.xml";
    }
    return "fixed in " + fix.version() + ": " + updateCommand(f.component());
  }

  static String updateCommand(String component) {
    return "mvn moodle:update " + PropertyNames.flag(PropertyNames.INCLUDES, component);
  }

  static String unchecked(String component, String why) {
    return "Could not check " + (component.equals("moodle") ? "Moodle" : component) + " for advisories: " + why + ".";
  }

  static String noneFound(int components) {
    return "No published advisory affects the code base (" + components + (components == 1 ? " component" : " components")
        + " checked).";
  }

  static String noneFoundShort(String source, int components, Duration age) {
    return "Advisories: none affects the code base (" + components + " components, " + source
        + (age == null ? "" : ", answers of " + age(age) + " ago") + ").";
  }

  static String summary(int advisories, int components, int checked, String severities) {
    return advisories + (advisories == 1 ? " advisory" : " advisories") + " (" + severities + ") affect " + components + " of "
        + checked + " components.";
  }

  static String failOn(Severity threshold, List<Audit.Finding> over) {
    String which = over.stream().map(f -> f.component() + ": " + f.advisory().id()
        + " (" + f.severity().map(Severity::word).orElse("severity unknown") + ")").distinct().collect(Collectors.joining(", "));
    return over.size() + (over.size() == 1 ? " published advisory" : " published advisories") + " at or above " + threshold.word()
        + " affect the code base: " + which + ". Take the fixes the warnings above name (mvn moodle:update "
        + PropertyNames.flag(PropertyNames.SECURITY_ONLY) + " takes them all), then build again. Nothing was released.";
  }

  static String couldNotCheck(Severity threshold, Map<String, String> unchecked) {
    return "The code base could not be checked for advisories (" + unchecked.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).distinct().limit(3).collect(Collectors.joining("; ")) + "), and "
        + PropertyNames.flag(PropertyNames.FAIL_ON_ADVISORIES, threshold.word())
        + " needs the check. Nothing was released.";
  }

  public static String auditCouldNotCheck(Map<String, String> unchecked) {
    return "The code base could not be checked for advisories: " + unchecked.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).distinct().limit(3).collect(Collectors.joining("; ")) + ".";
  }

  /** {@code 3 h}, {@code 2 days}: an age as the user reads it. */
  static String age(Duration age) {
    long minutes = age.toMinutes();
    if (minutes < 60) {
      return minutes + " min";
    }
    if (minutes < 48 * 60) {
      return age.toHours() + " h";
    }
    return age.toDays() + " days";
  }
}
