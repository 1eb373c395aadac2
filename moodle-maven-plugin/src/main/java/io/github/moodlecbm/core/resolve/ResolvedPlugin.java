package io.github.moodlecbm.core.resolve;

import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One plugin's pin resolved: where it came from, the commit and why, its tree (its {@code <path>}
 * inside the repository), its submodules, its version.php and its db/subplugins.json.
 */
record ResolvedPlugin(String source, ObjectId commit, String why, ObjectId tree, List<Lock.Submodule> submodules,
    Optional<String> versionPhp, Optional<String> subplugins) {}
