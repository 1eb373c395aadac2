package io.github.moodlecbm.core.assembly;

import io.github.moodlecbm.core.PropertyNames;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.lib.ObjectId;

/** What the assembly of a code base says: every sentence of this package, in one place. */
final class AssemblyMessages {
  private AssemblyMessages() {}

  static String lockWritten(Path lockFile, ObjectId tree) {
    return "Wrote " + lockFile.getFileName() + " (code base tree " + tree.name() + ")";
  }

  /** The code base in one line, with what writing its files did ({@code files} null: not written). */
  static String codebase(Assembled a, WorkTreeWriter.Result files, double seconds) {
    String written = files == null
        ? "work tree not written (" + PropertyNames.WORK_TREE + "=false)"
        : files.written() + " files written, " + files.removed() + " removed, " + files.unchanged() + " unchanged"
            + String.format(Locale.ROOT, " in %.2f s", seconds);
    return "Code base " + a.tree().name() + ": Moodle " + a.lock().moodle().release() + ", " + a.lock().plugins().size()
        + " plugins, " + written;
  }

  static String writtenTo(Path relative) {
    return "Code base written to " + relative;
  }
}
