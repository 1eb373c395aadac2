package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.mirror.Mirror;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One plugin's pin resolved: where it came from, the commit and why, its tree (its {@code <path>}
 * inside the repository), its submodules and its version.php.
 */
record ResolvedPlugin(String source, Mirror mirror, ObjectId commit, String why, ObjectId tree, List<Lock.Submodule> submodules,
    Optional<String> versionPhp) {}
