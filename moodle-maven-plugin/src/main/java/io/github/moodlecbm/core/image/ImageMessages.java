package io.github.moodlecbm.core.image;

import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** What this package says: every sentence of it, in one place. */
public final class ImageMessages {
  private ImageMessages() {}

  static String unverified(String tag) {
    return "Release " + tag + " was made without verification (" + PropertyNames.flag(PropertyNames.VERIFY_SKIP) + "): it is not"
        + " made an image. Build and release a verified code base, or give " + PropertyNames.flag(PropertyNames.ALLOW_UNVERIFIED)
        + " to make an image of it anyway.";
  }

  static String configInCodebase(String tag, String path, String layer) {
    return "Release " + tag + " has a config.php in its code base (" + path + ", from " + layer + "): an image never carries one,"
        + " since every container of it would share its secrets. Remove it from the code base; the container's config.php is"
        + " mounted at run time (" + PropertyNames.flag(PropertyNames.ENV) + " renders an environment's for it).";
  }

  static String badCodeDir(String dir) {
    return PropertyNames.IMAGE_CODE_DIR + "=" + dir + " is not an absolute path inside the image, such as /var/www/moodle.";
  }

  /** @param base the base image's reference ({@code moodle.image.from}), else the target's */
  static String badReference(String reference, boolean base) {
    return "'" + reference + "' is not an image reference (" + (base ? PropertyNames.IMAGE_FROM : PropertyNames.IMAGE_TO)
        + "): write it as docker does, such as registry.example.org/moodle/campus or " + ImageBuild.DEFAULT_FROM
        + (base ? ", or tar:///path/base.tar for a docker save archive." : ".");
  }

  static String baseArchiveMissing(Path archive) {
    return "The base image archive " + archive + " does not exist. Make it where the base image can be pulled: docker pull "
        + ImageBuild.DEFAULT_FROM + " && docker save " + ImageBuild.DEFAULT_FROM + " -o base.tar, and give "
        + PropertyNames.flag(PropertyNames.IMAGE_FROM, "tar:///path/base.tar") + ".";
  }

  static String baseUnreachable(String from, String why, boolean offline) {
    return "The base image " + from + " cannot be " + (offline ? "pulled offline" : "reached") + " (" + why + "). Offline or behind"
        + " a firewall, build on a docker save archive of it: docker save " + from + " -o base.tar where it can be pulled, then "
        + PropertyNames.flag(PropertyNames.IMAGE_FROM, "tar:///path/base.tar") + ".";
  }

  static String registryRefused(String registry, String repository, String serverId) {
    return "The registry " + registry + " refused to let this build push " + repository + ". Give the credentials of an account"
        + " allowed to push there in a <server> of ~/.m2/settings.xml with <id>" + serverId + "</id> (or name another with "
        + PropertyNames.flag(PropertyNames.IMAGE_SERVER_ID) + "), or log in with docker login " + registry + ".";
  }

  static String insecureRegistry(String why) {
    return why + ". A registry's credentials are never sent over plain HTTP, and one whose certificate cannot be verified is"
        + " refused: serve it over HTTPS, or give " + PropertyNames.flag(PropertyNames.IMAGE_ALLOW_INSECURE)
        + " for one inside your network.";
  }

  static String buildFailed(String tag, String why) {
    return "The image of release " + tag + " could not be built: " + why + ".";
  }

  static String cannotWrite(String why) {
    return "The image cannot be written: " + why + ".";
  }

  static String interrupted() {
    return "The image build was interrupted.";
  }

  static String linkFollowed(String path, String layer) {
    return "The image has the file a symbolic link points to, not the link: " + path + " (" + layer + ").";
  }

  static String jib(String message) {
    return "Jib: " + message;
  }

  public static String built(String reference, String digest, Map<String, Integer> layers, double seconds, boolean pushed) {
    StringBuilder s = new StringBuilder("Image ").append(reference).append(pushed ? " pushed" : " built").append(": ")
        .append(digest).append(", ").append(layers.size()).append(" layers (");
    int shown = 0;
    for (Map.Entry<String, Integer> e : layers.entrySet()) {
      if (shown++ == 6) {
        s.append(", ...");
        break;
      }
      s.append(shown == 1 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
    }
    return s.append(" files) in ").append(String.format(Locale.ROOT, "%.1f s", seconds)).append('.').toString();
  }

  public static String writtenTar(Path tar) {
    return "Load it with docker load -i " + tar + " (or podman load -i).";
  }

  public static String configForContainer(Path file, String codeDir, String env) {
    return "The config.php of environment " + env + " for the container: " + file + " (never in the image). Mount it read-only:"
        + " -v " + file + ":" + codeDir + "/config.php:ro";
  }

  public static String noConfigForContainer(String codeDir) {
    return "The image has no config.php: mount one at " + codeDir + "/config.php when the container starts ("
        + PropertyNames.flag(PropertyNames.ENV) + " renders an environment's next to the image).";
  }
}
