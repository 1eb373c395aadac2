package io.github.moodlecbm.core.advisory;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.moodlecbm.core.Json;
import io.github.moodlecbm.core.release.Manifest;

/**
 * One question to the advisory database, as OSV's API takes it: a package of an ecosystem at a
 * version (Moodle: {@code Packagist}, {@code moodle/moodle}, {@code 4.5.6}), or a commit (a
 * plugin's locked commit, with its repository for a local database to match GIT ranges).
 */
public record Query(String ecosystem, String name, String version, String commit, String repo) {
  /** Moodle's package on Packagist, as OSV names it. */
  public static final String PACKAGIST = "Packagist";
  public static final String MOODLE_PACKAGE = "moodle/moodle";

  public static Query ofPackage(String ecosystem, String name, String version) {
    return new Query(ecosystem, name, version, null, null);
  }

  public static Query ofCommit(String commit, String repo) {
    return new Query(null, null, null, commit, repo);
  }

  public boolean isCommit() {
    return commit != null;
  }

  /** The query's body for OSV's {@code /v1/query} and each item of {@code /v1/querybatch}. */
  ObjectNode body() {
    ObjectNode q = JsonNodeFactory.instance.objectNode();
    if (isCommit()) {
      q.put("commit", commit);
    } else {
      q.putObject("package").put("ecosystem", ecosystem).put("name", name);
      q.put("version", version);
    }
    return q;
  }

  /** A name for the query's cached answer: the digest of its body. */
  String key() {
    return Manifest.sha256(Json.render(body())).substring(0, 24);
  }
}
