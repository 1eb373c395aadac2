package io.github.moodlecbm.core.patch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patch's reverse takes the patched tree back to the tree it was written for, whatever it changed. */
class ReversePatchTest {
  @TempDir Path tmp;

  @Test
  void theReverseOfAPatchUndoesItsChangesAdditionsDeletionsAndModes() throws Exception {
    try (Git git = Git.init().setDirectory(tmp.toFile()).call()) {
      write("lib.php", "<?php\n// one\n// two\n// three\n");
      write("gone.php", "<?php\n// removed by the patch\n");
      write("cli/run.php", "<?php\n");
      git.add().addFilepattern(".").call();
      RevCommit before = commit(git, "before");
      write("lib.php", "<?php\n// one\n// 2\n// three\n// four\n");
      Files.delete(tmp.resolve("gone.php"));
      write("classes/added.php", "<?php\n// new\n");
      Files.setPosixFilePermissions(tmp.resolve("cli/run.php"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      git.add().addFilepattern(".").call();
      git.rm().addFilepattern("gone.php").call();
      RevCommit after = commit(git, "after");
      ByteArrayOutputStream diff = new ByteArrayOutputStream();
      git.diff().setOldTree(parser(git.getRepository(), before)).setNewTree(parser(git.getRepository(), after))
          .setOutputStream(diff).call();
      String forward = diff.toString(StandardCharsets.UTF_8);
      assertTrue(forward.contains("new mode 100755") && forward.contains("deleted file mode") && forward.contains("new file mode"),
          forward);

      Repository repo = git.getRepository();
      assertEquals(after.getTree().getId(), apply(repo, before, forward.getBytes(StandardCharsets.UTF_8)));
      byte[] reverse = ReversePatch.of(forward.getBytes(StandardCharsets.UTF_8));
      assertEquals(before.getTree().getId(), apply(repo, after, reverse), new String(reverse, StandardCharsets.UTF_8));
      assertEquals(forward, new String(ReversePatch.of(reverse), StandardCharsets.UTF_8), "the reverse of the reverse");
    }
  }

  @Test
  void aBinaryPatchesTwoBlocksSwapAndAHunkWithoutCountsKeepsItsForm() {
    String binary = "diff --git a/pix/a.png b/pix/a.png\nindex 1111111..2222222 100644\nGIT binary patch\nliteral 3\n"
        + "forward\n\nliteral 2\nbackward\n\n";
    assertEquals("diff --git a/pix/a.png b/pix/a.png\nindex 2222222..1111111 100644\nGIT binary patch\nliteral 2\nbackward\n\n"
        + "literal 3\nforward\n\n", new String(ReversePatch.of(binary.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    String single = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n-- \n2.43.0\n";
    assertEquals("--- a/x\n+++ b/x\n@@ -1 +1 @@\n+a\n-b\n-- \n2.43.0\n",
        new String(ReversePatch.of(single.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8),
        "a format-patch signature after the last hunk stays as it is");
  }

  private void write(String path, String text) throws Exception {
    Path f = tmp.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private static RevCommit commit(Git git, String message) throws Exception {
    return git.commit().setMessage(message).setSign(false).setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();
  }

  private static org.eclipse.jgit.treewalk.CanonicalTreeParser parser(Repository repo, RevCommit c) throws Exception {
    try (var reader = repo.newObjectReader()) {
      return new org.eclipse.jgit.treewalk.CanonicalTreeParser(null, reader, c.getTree());
    }
  }

  private static ObjectId apply(Repository repo, RevCommit base, byte[] patch) throws Exception {
    Patch p = new Patch();
    p.parse(new ByteArrayInputStream(patch));
    try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
      PatchApplier.Result r = new PatchApplier(repo, walk.parseTree(base.getTree()), inserter).applyPatch(p);
      inserter.flush();
      assertEquals(Set.of(), Set.copyOf(r.getErrors().stream().map(Object::toString).toList()));
      return r.getTreeId();
    }
  }
}
