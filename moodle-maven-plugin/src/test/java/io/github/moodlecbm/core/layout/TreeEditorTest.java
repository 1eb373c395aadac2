package io.github.moodlecbm.core.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's trees must be exactly the trees git itself builds from the same files. */
class TreeEditorTest {
  @TempDir Path tmp;

  @Test
  void graftingGivesTheTreeGitBuildsFromTheSameFiles() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("r.git"))) {
      git.onBranch("core").commit("core", c -> c.file("a.txt", "a").file("lib/x.php", "x").file("mod/forum/lib.php", "f")
          .file("mod/forum.php", "f2").file("mod/forum-x/y", "y").file("remove/me", "r"));
      ObjectId core = git.tree(git.head());
      git.onBranch("plugin").commit("plugin", c -> c.delete("a.txt").delete("lib").delete("mod").delete("remove")
          .file("version.php", "v").executable("cli/run.php", "r").file("db/access.php", "d"));
      ObjectId plugin = git.tree(git.head());
      // What git builds from the combined files.
      git.onBranch("expected").commit("expected", c -> c.delete("version.php").delete("cli").delete("db")
          .file("a.txt", "a").file("lib/x.php", "x").file("mod/forum/lib.php", "f").file("mod/forum.php", "f2")
          .file("mod/forum-x/y", "y").file("mod/attendance/version.php", "v").executable("mod/attendance/cli/run.php", "r")
          .file("mod/attendance/db/access.php", "d").file("mod/forum/element/text/version.php", "v").executable("mod/forum/element/text/cli/run.php", "r")
          .file("mod/forum/element/text/db/access.php", "d"));
      ObjectId expected = git.tree(git.head());

      try (ObjectReader reader = git.repository().newObjectReader();
          ObjectInserter inserter = git.repository().newObjectInserter()) {
        ObjectId first = new TreeEditor()
            .put("mod/attendance", FileMode.TREE, plugin)
            .remove("remove")
            .apply(reader, inserter, core);
        ObjectId result = new TreeEditor().put("mod/forum/element/text", FileMode.TREE, plugin).apply(reader, inserter, first);
        inserter.flush();
        assertEquals(expected, result);
      }
    }
  }

  @Test
  void aFileReplacedByAFolderAndBack() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("r.git"))) {
      git.onBranch("a").commit("a", c -> c.file("x", "file").file("x.y", "z"));
      ObjectId base = git.tree(git.head());
      git.onBranch("b").commit("b", c -> c.delete("x").file("x/inner", "i"));
      ObjectId expected = git.tree(git.head());
      Map<String, Map.Entry<FileMode, ObjectId>> files = git.files(git.head());
      try (ObjectReader reader = git.repository().newObjectReader();
          ObjectInserter inserter = git.repository().newObjectInserter()) {
        ObjectId result = new TreeEditor().put("x/inner", FileMode.REGULAR_FILE, files.get("x/inner").getValue()).apply(reader, inserter, base);
        assertEquals(expected, result);
      }
    }
  }
}
