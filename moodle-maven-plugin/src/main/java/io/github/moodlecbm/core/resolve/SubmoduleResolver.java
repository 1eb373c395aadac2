package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.mirror.Mirror;
import io.github.moodlecbm.core.mirror.MirrorCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Finds the submodules of a commit (recursively) and makes sure each one's mirror holds the
 * commit its gitlink names, so that assembly can flatten them into the code base.
 */
final class SubmoduleResolver {
  private final MirrorCache mirrors;
  private final boolean offline;
  private final BuildLog log;

  SubmoduleResolver(MirrorCache mirrors, boolean offline, BuildLog log) {
    this.mirrors = mirrors;
    this.offline = offline;
    this.log = log;
  }

  /** Every submodule under the commit, nested ones included, parents first. */
  List<Lock.Submodule> resolve(String who, Mirror mirror, String url, ObjectId commit)
      throws CodebaseException, IOException {
    List<Lock.Submodule> found = new ArrayList<>();
    collect(who, mirror, url, commit, "", found);
    return found;
  }

  private void collect(
      String who, Mirror mirror, String url, ObjectId commitId, String prefix, List<Lock.Submodule> out)
      throws CodebaseException, IOException {
    RevCommit commit = mirror.commit(commitId).orElseThrow();
    List<String[]> declared = new ArrayList<>();
    try (ObjectReader reader = mirror.repository().newObjectReader()) {
      Optional<String> gitmodules = new TreeFiles(reader).text(commit.getTree(), ".gitmodules");
      if (gitmodules.isEmpty()) {
        return;
      }
      Config config = new Config();
      try {
        config.fromText(gitmodules.get());
      } catch (ConfigInvalidException e) {
        throw new CodebaseException(ResolveMessages.badGitmodules(who, url, e.getMessage()), e);
      }
      for (String name : config.getSubsections("submodule")) {
        String path = config.getString("submodule", name, "path");
        String subUrl = config.getString("submodule", name, "url");
        if (path == null || subUrl == null) {
          continue;
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, path, commit.getTree())) {
          if (walk != null && walk.getFileMode(0) == FileMode.GITLINK) {
            declared.add(new String[] {path, absolute(url, subUrl), walk.getObjectId(0).name()});
          }
        }
      }
    }
    declared.sort((a, b) -> a[0].compareTo(b[0]));
    for (String[] d : declared) {
      String path = prefix + d[0];
      Mirror sub = mirrors.mirror(d[1]);
      ObjectId id = ObjectId.fromString(d[2]);
      if (sub.commit(id).isEmpty()) {
        if (offline) {
          throw new CodebaseException(ResolveMessages.offlineSubmoduleMissing(who, path, d[2], sub.url()));
        }
        sub.fetch(who + "/" + path);
        if (sub.commit(id).isEmpty()) {
          throw new CodebaseException(ResolveMessages.submoduleCommitMissing(who, path, d[2], sub.url()));
        }
      }
      log.debug("[" + who + "] submodule " + path + " at " + d[2] + " from " + sub.url());
      out.add(new Lock.Submodule(path, d[1], d[2]));
      collect(who, sub, d[1], id, path + "/", out);
    }
  }

  /** Resolves a relative submodule URL ({@code ../lib.git}) against its parent's URL, as git does. */
  static String absolute(String parentUrl, String url) {
    if (!url.startsWith("./") && !url.startsWith("../")) {
      return url;
    }
    String base = parentUrl;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    String rest = url;
    while (true) {
      if (rest.startsWith("./")) {
        rest = rest.substring(2);
      } else if (rest.startsWith("../")) {
        rest = rest.substring(3);
        int slash = base.lastIndexOf('/');
        base = slash > 0 ? base.substring(0, slash) : base;
      } else {
        break;
      }
    }
    return base + "/" + rest;
  }
}
