package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import io.github.moodlecbm.core.layout.TreeFiles;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * What a plugin's tree may not bring into a code base: {@code .git} entries, symbolic links that
 * are absolute or lead out of the plugin's folder, gitlinks left without a submodule URL. Names
 * that differ only by case are reported: on a case-insensitive file system one would hide the
 * other.
 */
final class PluginTreeCheck {
  private final ObjectReader reader;
  private final BuildLog log;

  PluginTreeCheck(ObjectReader reader, BuildLog log) {
    this.reader = reader;
    this.log = log;
  }

  /** @return whether the tree drew no warning */
  boolean check(String who, AnyObjectId pluginTree) throws CodebaseException, IOException {
    boolean clean = true;
    Deque<Map.Entry<String, ObjectId>> folders = new ArrayDeque<>();
    folders.push(Map.entry("", pluginTree.copy()));
    while (!folders.isEmpty()) {
      Map.Entry<String, ObjectId> folder = folders.pop();
      String prefix = folder.getKey();
      Map<String, String> byLowerCase = new HashMap<>();
      for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, folder.getValue()); !p.eof(); p.next()) {
        String name = p.getEntryPathString();
        String path = prefix + name;
        FileMode mode = p.getEntryFileMode();
        if (name.equalsIgnoreCase(".git")) {
          throw new CodebaseException(AssemblyMessages.gitEntryInPlugin(who, path));
        }
        String other = byLowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        if (other != null) {
          log.warn(AssemblyMessages.caseCollision(who, prefix + other, path));
          clean = false;
        }
        if (mode == FileMode.TREE) {
          folders.push(Map.entry(path + "/", p.getEntryObjectId()));
        } else if (mode == FileMode.SYMLINK) {
          String target = new String(reader.open(p.getEntryObjectId()).getCachedBytes(), StandardCharsets.UTF_8);
          if (TreeFiles.linkLeaves(prefix, target)) {
            throw new CodebaseException(AssemblyMessages.symlinkEscapes(who, path, target));
          }
        } else if (mode == FileMode.GITLINK) {
          throw new CodebaseException(AssemblyMessages.strayGitlink(who, path));
        }
      }
    }
    return clean;
  }
}
