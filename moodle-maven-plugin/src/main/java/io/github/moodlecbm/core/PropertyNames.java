package io.github.moodlecbm.core;

/**
 * Every user property the plugin reads, named after its place in the pom: the mojos declare their
 * parameters with these names and the message catalogues quote them, so that no sentence spells a
 * {@code -Dmoodle.*} name by hand.
 */
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
  public static final String RELEASE_REPOSITORY = "moodle.releaseRepository";
  public static final String RELEASE_BRANCH = "moodle.releaseBranch";
  public static final String RELEASE_REMOTE = "moodle.releaseRemote";
  public static final String RELEASE_SERVER_ID = "moodle.releaseServerId";
  public static final String TAG_FORMAT = "moodle.tagFormat";
  public static final String ALLOW_REMOVAL = "moodle.allowRemoval";
  public static final String ATTACH_ZIP = "moodle.attachZip";
  public static final String RELEASE = "moodle.release";
  public static final String CHECKOUT_DIR = "moodle.checkoutDir";
  public static final String FROM = "moodle.from";
  public static final String TO = "moodle.to";
  public static final String PLUGIN_DIRECTORY = "moodle.pluginDirectory";
  public static final String FAIL_IF_OUTDATED = "moodle.failIfOutdated";
  public static final String INCLUDES = "moodle.includes";
  public static final String TARGET = "moodle.target";
  public static final String FAIL_ON_BLOCKERS = "moodle.failOnBlockers";
  public static final String ENV = "moodle.env";
  public static final String ENVIRONMENTS = "moodle.environments";
  public static final String DRY_RUN = "moodle.dryRun";
  public static final String ALLOW_UNVERIFIED = "moodle.allowUnverified";
  public static final String INSTALL_TEST = "moodle.installTest";
  public static final String INSTALL_TEST_HOST = "moodle.installTest.host";
  public static final String INSTALL_TEST_PORT = "moodle.installTest.port";
  public static final String INSTALL_TEST_SERVER_ID = "moodle.installTest.serverId";
  public static final String INSTALL_TEST_FROM = "moodle.installTest.from";
  public static final String INSTALL_TEST_TIMEOUT = "moodle.installTest.timeout";
  public static final String COMPONENT = "moodle.component";
  public static final String SOURCE = "moodle.source";
  public static final String TAG = "moodle.tag";
  public static final String PATCH_NAME = "moodle.patchName";
  public static final String SKIP_APPLIED_PATCHES = "moodle.skipAppliedPatches";
  public static final String ADVISORIES = "moodle.advisories";
  public static final String FAIL_ON_ADVISORIES = "moodle.failOnAdvisories";
  public static final String SECURITY_ONLY = "moodle.securityOnly";
  public static final String IMAGE = "moodle.image";
  public static final String IMAGE_FROM = "moodle.image.from";
  public static final String IMAGE_TO = "moodle.image.to";
  public static final String IMAGE_TAR = "moodle.image.tar";
  public static final String IMAGE_CODE_DIR = "moodle.image.codeDir";
  public static final String IMAGE_SERVER_ID = "moodle.image.serverId";
  public static final String IMAGE_ALLOW_INSECURE = "moodle.image.allowInsecureRegistries";

  /** The property as given on the command line: {@code -Dmoodle.update}. */
  public static String flag(String property) {
    return "-D" + property;
  }

  /** The property with a value, as given on the command line: {@code -Dmoodle.env=staging}. */
  public static String flag(String property, String value) {
    return "-D" + property + "=" + value;
  }

  private PropertyNames() {}
}
