package io.github.moodlecbm.core.config;

/**
 * A user name and password (or token) for git over https, from a {@code <server>} of Maven's
 * settings.xml. The password never leaves this object except to the transport.
 */
public record ServerCredentials(String id, String username, String password) {
  @Override
  public String toString() {
    return "server " + id;
  }
}
