package io.github.moodlecbm.core.installtest;

import io.github.moodlecbm.core.resolve.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Moodle's plugin manager says of every plugin after the install: a CLI script run in the
 * scratch copy (never in the code base), and the reading of its output.
 */
final class PluginCheck {
  /** One line per plugin: component, status, and the required plugins not satisfied. */
  static final String SCRIPT = """
      <?php
      // Written by the install test of moodle-cbm into its scratch copy of the code base.
      define('CLI_SCRIPT', true);
      require(__DIR__ . '/config.php');
      $manager = core_plugin_manager::instance();
      foreach ($manager->get_plugins() as $type => $plugins) {
          foreach ($plugins as $name => $info) {
              $unmet = [];
              foreach ((array) $info->get_other_required_plugins() as $required => $version) {
                  if (!$manager->are_dependencies_satisfied([$required => $version])) {
                      $unmet[] = $required . '@' . $version;
                  }
              }
              echo 'plugin', "\\t", $info->component, "\\t", $info->get_status(), "\\t", implode(',', $unmet), "\\n";
          }
      }
      echo "plugins: end\\n";
      """;

  private PluginCheck() {}

  /** Every plugin of the lock installed and up to date, none missing from disk, every dependency met; else what is not. */
  static String problems(List<String> output, Lock lock) {
    Map<String, String[]> seen = new TreeMap<>();
    boolean ended = false;
    for (String line : output) {
      String[] f = line.split("\t", -1);
      if (f.length >= 3 && f[0].equals("plugin")) {
        seen.put(f[1], f);
      } else if (line.strip().equals("plugins: end")) {
        ended = true;
      }
    }
    if (!ended) {
      return InstallTestMessages.pluginCheckCutShort(InstallTest.last(output));
    }
    List<String> problems = new ArrayList<>();
    for (String component : lock.plugins().keySet()) {
      String[] f = seen.get(component);
      if (f == null) {
        problems.add(InstallTestMessages.unknownToPluginManager(component));
      } else if (!f[2].equals("uptodate")) {
        problems.add(InstallTestMessages.notUpToDate(component, f[2]));
      }
    }
    for (String[] f : seen.values()) {
      if (f[2].equals("missing")) {
        problems.add(InstallTestMessages.missingFromDisk(f[1]));
      }
      if (f.length > 3 && !f[3].isEmpty()) {
        problems.add(InstallTestMessages.unmetDependencies(f[1], f[3]));
      }
    }
    return problems.isEmpty() ? null : InstallTestMessages.pluginManagerProblems(problems);
  }
}
