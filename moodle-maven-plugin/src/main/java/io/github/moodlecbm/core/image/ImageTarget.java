package io.github.moodlecbm.core.image;

import java.nio.file.Path;

/** Where an image goes: a registry, an OCI tar file, or the local Docker daemon. */
public sealed interface ImageTarget {
  /** A registry, by the image's reference ({@code registry.example.org/moodle/campus}), with the settings.xml server of its credentials. */
  record Registry(String image, String serverId) implements ImageTarget {}

  /** A tar file, named {@code image} inside (what {@code docker load} or {@code podman load} names it). */
  record Tar(Path file, String image) implements ImageTarget {}

  /** The local Docker daemon ({@code docker load}). */
  record Docker(String image) implements ImageTarget {}
}
