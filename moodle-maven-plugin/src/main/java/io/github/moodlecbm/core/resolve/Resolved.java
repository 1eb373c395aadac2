package io.github.moodlecbm.core.resolve;

import io.github.moodlecbm.core.config.Site;

/**
 * The first stage's result: every pin of the site resolved to a commit of its source, with the
 * reason each version was taken, each plugin placed at its install path and each submodule at its
 * commit, all in the {@link Lock}. The code base's tree is the next stage's work, unless
 * {@code unchanged}: the lock is then the last build's, tree included, because nothing it depends on
 * changed since (see {@link ResolutionStamp}).
 */
public record Resolved(Site site, Lock lock, boolean unchanged) {}
