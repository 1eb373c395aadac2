package io.github.moodlecbm.core.advisory;

/**
 * The orderings of version strings that OSV ranges use: Packagist's (PHP's {@code version_compare})
 * and SemVer 2.0.0 precedence. Both accept any string and never throw, so that an odd version in an
 * advisory sorts somewhere instead of failing the build.
 */
public final class Versions {
  /** PHP's special forms in their order; a part matches the first whose name it starts with. */
  private static final String[] FORMS = {"dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p"};
  private static final int[] FORM_ORDER = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};
  /** What PHP compares a number with when only one side has one. */
  private static final String NUMBER = "#N#";

  private Versions() {}

  /**
   * Compares two Composer versions as OSV orders the Packagist ecosystem: a leading {@code v} or
   * {@code V} is dropped, then PHP's {@code version_compare()} decides (php-src
   * {@code ext/standard/versioning.c}, ported as it is). Both are canonicalized ({@code -},
   * {@code _}, {@code +} and other punctuation become {@code .}, and a {@code .} separates digits
   * from letters: {@code 4.5.0-RC1} is {@code 4.5.0.RC.1}), then compared part by part: numbers
   * numerically; words by their special form, any other word &lt; {@code dev} &lt; {@code alpha} =
   * {@code a} &lt; {@code beta} = {@code b} &lt; {@code RC} = {@code rc} &lt; a number &lt;
   * {@code pl} = {@code p} (a word is the first form it starts with, case-sensitively). When one
   * version runs out, an extra number makes the longer one greater and an extra word is compared
   * with a number: {@code 4.5 < 4.5.0}, {@code 4.5.0-beta < 4.5.0 < 4.5.0pl1}.
   *
   * @return negative, zero or positive as {@code a} is lower than, equal to or greater than {@code b}
   */
  public static int comparePackagist(String a, String b) {
    return phpCompare(stripV(a), stripV(b));
  }

  /**
   * Compares two versions by SemVer 2.0.0 precedence: a leading {@code v} or {@code V} is dropped
   * and build metadata ({@code +…}) ignored; the dotted core is compared number by number (a
   * missing number is 0); a version with a pre-release is lower than the same without; pre-release
   * identifiers compare numerically when both are numbers, in ASCII order when both are not, a
   * number below a word, and a shorter list below a longer one it starts.
   *
   * @return negative, zero or positive as {@code a} is lower than, equal to or greater than {@code b}
   */
  public static int compareSemver(String a, String b) {
    String[] x = splitSemver(stripV(a));
    String[] y = splitSemver(stripV(b));
    int c = compareDotted(x[0].split("\\.", -1), y[0].split("\\.", -1), true);
    if (c != 0) {
      return c;
    }
    if (x[1] == null || y[1] == null) {
      return x[1] == null ? (y[1] == null ? 0 : 1) : -1;
    }
    return compareDotted(x[1].split("\\.", -1), y[1].split("\\.", -1), false);
  }

  private static String stripV(String version) {
    String v = version == null ? "" : version.trim();
    return v.startsWith("v") || v.startsWith("V") ? v.substring(1) : v;
  }

  /** Core and pre-release (null when there is none), build metadata dropped. */
  private static String[] splitSemver(String v) {
    int plus = v.indexOf('+');
    if (plus >= 0) {
      v = v.substring(0, plus);
    }
    int dash = v.indexOf('-');
    return dash < 0 ? new String[] {v, null} : new String[] {v.substring(0, dash), v.substring(dash + 1)};
  }

  /**
   * Compares dotted identifiers: a core pads the shorter with zeros; a pre-release ranks the
   * shorter lower when all its identifiers are equal.
   */
  private static int compareDotted(String[] x, String[] y, boolean core) {
    int n = Math.max(x.length, y.length);
    for (int i = 0; i < n; i++) {
      if (i >= x.length || i >= y.length) {
        if (!core) {
          return i >= x.length ? -1 : 1;
        }
      }
      String p = i < x.length && !(core && x[i].isEmpty()) ? x[i] : "0";
      String q = i < y.length && !(core && y[i].isEmpty()) ? y[i] : "0";
      boolean pn = isNumber(p);
      boolean qn = isNumber(q);
      int c = pn && qn ? compareNumbers(p, q) : pn ? -1 : qn ? 1 : p.compareTo(q);
      if (c != 0) {
        return Integer.signum(c);
      }
    }
    return 0;
  }

  private static boolean isNumber(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Compares two strings of digits by value, however long (PHP's strtol() stops at 2^63 - 1). */
  private static int compareNumbers(String p, String q) {
    p = p.replaceFirst("^0+(?=.)", "");
    q = q.replaceFirst("^0+(?=.)", "");
    return p.length() != q.length() ? Integer.compare(p.length(), q.length()) : Integer.signum(p.compareTo(q));
  }

  // PHP's version_compare(); the comments name the C code's variables.

  private static int phpCompare(String v1, String v2) {
    if (v1.isEmpty() || v2.isEmpty()) {
      return v1.isEmpty() && v2.isEmpty() ? 0 : v1.isEmpty() ? -1 : 1;
    }
    String c1 = v1.charAt(0) == '#' ? v1 : canonicalize(v1);
    String c2 = v2.charAt(0) == '#' ? v2 : canonicalize(v2);
    int p1 = 0;
    int p2 = 0;
    // n1, n2: the dot ending the current part, -1 for NULL (the last part)
    int n1 = 0;
    int n2 = 0;
    int compare = 0;
    while (p1 < c1.length() && p2 < c2.length() && n1 >= 0 && n2 >= 0) {
      n1 = c1.indexOf('.', p1);
      n2 = c2.indexOf('.', p2);
      String s1 = c1.substring(p1, n1 < 0 ? c1.length() : n1);
      String s2 = c2.substring(p2, n2 < 0 ? c2.length() : n2);
      boolean d1 = startsWithDigit(s1);
      boolean d2 = startsWithDigit(s2);
      if (d1 && d2) {
        compare = compareNumbers(leadingDigits(s1), leadingDigits(s2));
      } else if (!d1 && !d2) {
        compare = compareForms(s1, s2);
      } else {
        compare = d1 ? compareForms(NUMBER, s2) : compareForms(s1, NUMBER);
      }
      if (compare != 0) {
        break;
      }
      if (n1 >= 0) {
        p1 = n1 + 1;
      }
      if (n2 >= 0) {
        p2 = n2 + 1;
      }
    }
    if (compare == 0) {
      if (n1 >= 0) {
        String rest = c1.substring(p1);
        compare = startsWithDigit(rest) ? 1 : phpCompare(rest, NUMBER);
      } else if (n2 >= 0) {
        String rest = c2.substring(p2);
        compare = startsWithDigit(rest) ? -1 : phpCompare(NUMBER, rest);
      }
    }
    return compare;
  }

  /** php_canonicalize_version(): the first character as it is, then the rules above. */
  private static String canonicalize(String version) {
    StringBuilder q = new StringBuilder(version.length() * 2);
    char lp = version.charAt(0);
    q.append(lp);
    for (int i = 1; i < version.length(); i++) {
      char p = version.charAt(i);
      char lq = q.charAt(q.length() - 1);
      if (p == '-' || p == '_' || p == '+') {
        if (lq != '.') {
          q.append('.');
        }
      } else if ((isNonDigit(lp) && isDigit(p)) || (isDigit(lp) && isNonDigit(p))) {
        if (lq != '.') {
          q.append('.');
        }
        q.append(p);
      } else if (!isAlnum(p)) {
        if (lq != '.') {
          q.append('.');
        }
      } else {
        q.append(p);
      }
      lp = p;
    }
    return q.toString();
  }

  private static int compareForms(String form1, String form2) {
    return Integer.signum(formOrder(form1) - formOrder(form2));
  }

  private static int formOrder(String form) {
    for (int i = 0; i < FORMS.length; i++) {
      if (form.startsWith(FORMS[i])) {
        return FORM_ORDER[i];
      }
    }
    return -1;
  }

  private static String leadingDigits(String s) {
    int end = 0;
    while (end < s.length() && isDigit(s.charAt(end))) {
      end++;
    }
    return s.substring(0, end);
  }

  private static boolean startsWithDigit(String s) {
    return !s.isEmpty() && isDigit(s.charAt(0));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** PHP's isndig(): neither a digit nor a dot. */
  private static boolean isNonDigit(char c) {
    return !isDigit(c) && c != '.';
  }

  /** C's isalnum() in the C locale: ASCII letters and digits only. */
  private static boolean isAlnum(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
