package io.github.moodlecbm.core.advisory;

import java.time.Duration;
import java.util.List;

/**
 * What the advisory database answered to one query: the advisories affecting it (withdrawn ones
 * left out), how old the answer is when it comes from the cache ({@code null}: asked now, or a
 * local database), or why no answer could be had ({@code problem}; then no advisories).
 */
public record Answer(List<OsvRecord> advisories, Duration age, String problem) {
  public Answer {
    advisories = advisories.stream().filter(a -> !a.isWithdrawn()).toList();
  }

  static Answer of(List<OsvRecord> advisories, Duration age) {
    return new Answer(advisories, age, null);
  }

  static Answer unanswered(String problem) {
    return new Answer(List.of(), null, problem);
  }

  public boolean answered() {
    return problem == null;
  }
}
