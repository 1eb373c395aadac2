package io.github.moodlecbm.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What every catalogue of sentences shares: URLs and errors without credentials, lists of names
 * cut to a readable length, the nearest names first. The sentences themselves are in one
 * catalogue per package ({@code ResolveMessages}, {@code ReleaseMessages}...): what failed (naming
 * the component), what was found, and the fix in pom or command-line terms.
 */
public final class Messages {
  private static final int LIST_LIMIT = 15;
  private static final Pattern USER_INFO_ANYWHERE = Pattern.compile("(://)[^/@\\s]*@");

  private Messages() {}

  /**
   * A failure nobody foresaw (a disk error, a JGit internal error, a bug), in words, without a stack
   * trace or a credential.
   */
  public static String unexpected(Throwable e) {
    String what;
    if (e instanceof java.nio.file.FileSystemException f) {
      what = f.getClass().getSimpleName() + " on " + f.getFile() + (f.getOtherFile() == null ? "" : " and " + f.getOtherFile())
          + (f.getReason() == null ? "" : ": " + f.getReason());
    } else {
      what = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return redact("The build stopped on a failure of its environment or of moodle-maven-plugin itself (" + what + ")."
        + " Run it again with -X to see where; if it happens again, report it with that log.");
  }

  /** Removes user-info from any URL inside a text, such as a transport error. */
  public static String redact(String text) {
    return text == null ? "" : USER_INFO_ANYWHERE.matcher(text).replaceAll("$1");
  }

  /** A transport failure in words: the root cause, named when its message alone says too little. */
  public static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof java.net.UnknownHostException) {
      return "unknown host " + t.getMessage();
    }
    if (t instanceof java.net.ConnectException) {
      return "connection refused (" + t.getMessage() + ")";
    }
    // the sentence goes on after it: no full stop of its own
    return rootMessage(e).replaceFirst("\\.+$", "");
  }

  /** The message of the innermost cause, or its class name when it has none. */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /** Moodle release branches first, newest first, then main and master, then the rest. */
  public static List<String> preferred(Collection<String> names) {
    List<String> result = names.stream().filter(n -> n.matches("MOODLE_\\d+_STABLE"))
        .sorted(java.util.Comparator.comparingInt((String n) -> Integer.parseInt(n.replaceAll("\\D", ""))).reversed())
        .collect(Collectors.toList());
    names.stream().filter(n -> n.equals("main") || n.equals("master")).sorted().forEach(result::add);
    names.stream().filter(n -> !result.contains(n)).sorted().forEach(result::add);
    return result;
  }

  /** The names closest to what was asked for first (edit distance), the given order among equals. */
  public static List<String> nearest(String wanted, List<String> names) {
    String w = wanted.toLowerCase(java.util.Locale.ROOT);
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(java.util.Comparator.comparingInt(n -> distance(w, n.toLowerCase(java.util.Locale.ROOT))));
    return sorted;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  public static List<String> newestFirst(Collection<String> names) {
    return names.stream().sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList());
  }

  public static String list(List<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    if (names.size() <= LIST_LIMIT) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, LIST_LIMIT)) + " and " + (names.size() - LIST_LIMIT) + " more";
  }
}
