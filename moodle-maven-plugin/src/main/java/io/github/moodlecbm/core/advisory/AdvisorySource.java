package io.github.moodlecbm.core.advisory;

import java.util.List;
import java.util.Map;

/**
 * Where published advisories are read: OSV's API (through the cache), or a local copy of OSV's
 * records. It never fails: a query it cannot answer gets an {@link Answer} that says why.
 */
public interface AdvisorySource {
  /** The source as the build names it to the user. */
  String describe();

  /** An answer for every query, in the queries' order. */
  Map<Query, Answer> ask(List<Query> queries);
}
