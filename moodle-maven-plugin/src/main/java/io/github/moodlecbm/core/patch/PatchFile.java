package io.github.moodlecbm.core.patch;

/**
 * One patch of the site's own, as the site project holds it.
 *
 * @param component {@code moodle}, or the plugin whose tree it changes
 * @param path the file, from the site project's folder, with '/' between names
 * @param sha256 the digest of its bytes
 */
public record PatchFile(String component, String path, String sha256) {}
