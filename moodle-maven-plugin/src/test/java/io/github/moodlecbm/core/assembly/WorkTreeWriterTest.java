package io.github.moodlecbm.core.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkTreeWriterTest {
  @TempDir Path tmp;

  @Test
  void filesBecomeFoldersAndFoldersFilesBetweenBuilds() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("src.git"))) {
      git.onBranch("one").commit("one", c -> c.file("a", "file a").file("b/inner.txt", "inner").executable("run.sh", "#!/bin/sh\n")
          .file(".htaccess", "deny").symlink("link", "a"));
      ObjectId one = git.tree(git.head());
      git.onBranch("two").commit("two", c -> c.delete("a").file("a/now-a-folder.txt", "x").delete("b").file("b", "now a file")
          .file("run.sh", "#!/bin/sh\necho\n"));
      ObjectId two = git.tree(git.head());

      BuildRepository store = new BuildRepository(tmp.resolve("store.git"));
      store.prepare(List.of(git.directory()));
      WorkTreeWriter writer = new WorkTreeWriter(store);
      Path out = tmp.resolve("out");
      Path index = tmp.resolve("index");

      WorkTreeWriter.Result first = writer.write(one, out, index);
      assertEquals(5, first.written());
      assertTrue(Files.isExecutable(out.resolve("run.sh")));
      assertEquals("deny", Files.readString(out.resolve(".htaccess")));
      assertTrue(Files.isSymbolicLink(out.resolve("link")));

      WorkTreeWriter.Result second = writer.write(two, out, index);
      assertEquals("x", Files.readString(out.resolve("a/now-a-folder.txt")));
      assertEquals("now a file", Files.readString(out.resolve("b")));
      assertFalse(Files.isExecutable(out.resolve("run.sh")));
      assertEquals(3, second.written());
      assertEquals(2, second.removed());
      assertEquals(2, second.unchanged());

      WorkTreeWriter.Result third = writer.write(two, out, index);
      assertEquals(0, third.written());
      assertEquals(0, third.removed());
    }
  }
}
