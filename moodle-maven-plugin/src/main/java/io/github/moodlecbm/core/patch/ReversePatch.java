package io.github.moodlecbm.core.patch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patch that undoes a patch, as {@code git apply -R} reads it: each file's old and new sides
 * swapped (paths, modes, blob ids, added and removed lines, the two blocks of a binary patch). A
 * patch whose reverse applies to a tree is already in it: upstream took the change.
 */
final class ReversePatch {
  private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@(.*)");
  private static final Pattern DIFF_GIT = Pattern.compile("diff --git a/(.*) b/(.*)");
  private static final Pattern INDEX = Pattern.compile("index ([0-9a-f]+)\\.\\.([0-9a-f]+)(.*)");

  private ReversePatch() {}

  static byte[] of(byte[] patch) {
    String text = new String(patch, StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    List<String> out = new ArrayList<>();
    int oldLeft = 0;
    int newLeft = 0;
    String minus = null;
    String oldMode = null;
    String renameFrom = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (oldLeft > 0 || newLeft > 0) {
        if (line.startsWith("+")) {
          out.add("-" + line.substring(1));
          newLeft--;
        } else if (line.startsWith("-")) {
          out.add("+" + line.substring(1));
          oldLeft--;
        } else if (line.startsWith("\\")) {
          out.add(line);
        } else {
          out.add(line);
          oldLeft--;
          newLeft--;
        }
        continue;
      }
      Matcher m;
      if ((m = HUNK.matcher(line)).matches()) {
        String oldStart = m.group(1);
        String oldCount = m.group(2);
        String newStart = m.group(3);
        String newCount = m.group(4);
        oldLeft = oldCount == null ? 1 : Integer.parseInt(oldCount);
        newLeft = newCount == null ? 1 : Integer.parseInt(newCount);
        out.add("@@ -" + newStart + (newCount == null ? "" : "," + newCount) + " +" + oldStart
            + (oldCount == null ? "" : "," + oldCount) + " @@" + m.group(5));
      } else if ((m = DIFF_GIT.matcher(line)).matches()) {
        out.add("diff --git a/" + m.group(2) + " b/" + m.group(1));
      } else if (line.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")) {
        minus = line.substring(4);
      } else if (line.startsWith("+++ ") && minus != null) {
        String plus = line.substring(4);
        out.add("--- " + side(plus, "a/"));
        out.add("+++ " + side(minus, "b/"));
        minus = null;
      } else if (line.startsWith("new file mode ")) {
        out.add("deleted file mode " + line.substring("new file mode ".length()));
      } else if (line.startsWith("deleted file mode ")) {
        out.add("new file mode " + line.substring("deleted file mode ".length()));
      } else if (line.startsWith("old mode ")) {
        oldMode = line.substring("old mode ".length());
      } else if (line.startsWith("new mode ") && oldMode != null) {
        out.add("old mode " + line.substring("new mode ".length()));
        out.add("new mode " + oldMode);
        oldMode = null;
      } else if (line.startsWith("rename from ")) {
        renameFrom = line.substring("rename from ".length());
      } else if (line.startsWith("rename to ") && renameFrom != null) {
        out.add("rename from " + line.substring("rename to ".length()));
        out.add("rename to " + renameFrom);
        renameFrom = null;
      } else if ((m = INDEX.matcher(line)).matches()) {
        out.add("index " + m.group(2) + ".." + m.group(1) + m.group(3));
      } else if (line.equals("GIT binary patch")) {
        out.add(line);
        // Two blocks, each a "literal" or "delta" line and its data, ended by an empty line: swapped.
        List<String> forward = new ArrayList<>();
        int j = i + 1;
        while (j < lines.length && !lines[j].isEmpty()) {
          forward.add(lines[j++]);
        }
        List<String> reverse = new ArrayList<>();
        j++;
        while (j < lines.length && !lines[j].isEmpty()) {
          reverse.add(lines[j++]);
        }
        out.addAll(reverse);
        out.add("");
        out.addAll(forward);
        out.add("");
        i = j;
      } else {
        out.add(line);
      }
    }
    return String.join("\n", out).getBytes(StandardCharsets.UTF_8);
  }

  /** A path of a {@code ---} or {@code +++} line as the other side writes it. */
  private static String side(String path, String prefix) {
    if (path.startsWith("/dev/null")) {
      return path;
    }
    return path.startsWith("a/") || path.startsWith("b/") ? prefix + path.substring(2) : path;
  }
}
