package io.github.moodlecbm.maven;

/** Every user property the plugin reads, named after its place in the pom. */
public final class PropertyNames {
  public static final String SKIP = "moodle.skip";
  public static final String CACHE_DIR = "moodle.cacheDir";
  public static final String UPDATE = "moodle.update";
  public static final String REWRITES = "moodle.rewrites";
  public static final String WORK_TREE = "moodle.workTree";
  public static final String LOCK_FILE = "moodle.lockFile";
  public static final String OUTPUT_DIRECTORY = "moodle.outputDirectory";
  public static final String SSH_DIRECTORY = "moodle.sshDirectory";
  public static final String VERIFY_SKIP = "moodle.verify.skip";
  public static final String ALLOW_UNSTABLE = "moodle.allowUnstable";
  public static final String PHP = "moodle.php";
  public static final String PHP_LINT = "moodle.phpLint";

  private PropertyNames() {}
}
