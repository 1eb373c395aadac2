package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.resolve.Lock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the plugin at fault in the output of Moodle's installer: the file named by a PHP error
 * ({@code in /…/mod/x/lib.php:12}, {@code in /…/lib.php on line 12}) or by Moodle's own stack
 * ({@code line 12 of /mod/x/lib.php}), mapped to the plugin whose install path holds it.
 */
final class Blame {
  /** A plugin named, with the output line that names its file, and that file. */
  record Culprit(String component, String file, String line) {}

  private static final Pattern PHP = Pattern.compile(" in (/\\S+?\\.php)(?::(\\d+)| on line (\\d+))");
  private static final Pattern MOODLE = Pattern.compile("line (\\d+) of (/\\S+?\\.php)");

  private final String codeDir;
  private final String codeRoot;
  private final Map<String, Lock.Plugin> plugins;

  /**
   * @param codeDir the folder the code base was written to, as PHP sees it
   * @param codeRoot {@code ""} or {@code "public"}: where Moodle's own paths start
   */
  Blame(String codeDir, String codeRoot, Map<String, Lock.Plugin> plugins) {
    this.codeDir = codeDir.endsWith("/") ? codeDir : codeDir + "/";
    this.codeRoot = codeRoot == null || codeRoot.isEmpty() ? "" : codeRoot + "/";
    this.plugins = plugins;
  }

  /** The first line of the output that names a file of a plugin of the site. */
  Optional<Culprit> find(List<String> output) {
    for (String line : output) {
      for (String file : files(line)) {
        Optional<String> component = owner(file);
        if (component.isPresent()) {
          return Optional.of(new Culprit(component.get(), file, line.strip()));
        }
      }
    }
    return Optional.empty();
  }

  /** The files a line names, as paths inside the code base. */
  private List<String> files(String line) {
    java.util.List<String> found = new java.util.ArrayList<>();
    Matcher php = PHP.matcher(line);
    while (php.find()) {
      relative(php.group(1)).ifPresent(found::add);
    }
    Matcher moodle = MOODLE.matcher(line);
    while (moodle.find()) {
      String path = moodle.group(2);
      Optional<String> inCode = relative(path);
      found.add(inCode.orElse(codeRoot + path.substring(1)));
    }
    return found;
  }

  private Optional<String> relative(String absolute) {
    return absolute.startsWith(codeDir) ? Optional.of(absolute.substring(codeDir.length())) : Optional.empty();
  }

  /** The plugin whose install path holds a file, the deepest one (a subplugin before its parent). */
  Optional<String> owner(String file) {
    String best = null;
    int length = -1;
    for (Map.Entry<String, Lock.Plugin> e : plugins.entrySet()) {
      String path = e.getValue().installPath() + "/";
      if (file.startsWith(path) && path.length() > length) {
        best = e.getKey();
        length = path.length();
      }
    }
    return Optional.ofNullable(best);
  }
}
