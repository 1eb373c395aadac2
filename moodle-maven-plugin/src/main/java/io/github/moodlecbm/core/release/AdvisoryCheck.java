package io.github.moodlecbm.core.release;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.resolve.Lock;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What a release knows of published advisories: those affecting a lock's code base, so that the
 * manifest records them and the changelog says which the release removed.
 */
public interface AdvisoryCheck {
  /** Where the advisories are read. */
  String source();

  /** The advisories affecting the code base of {@code lock}; empty when it could not be checked. */
  Optional<List<Manifest.Advisory>> affecting(Lock lock) throws CodebaseException, IOException;
}
