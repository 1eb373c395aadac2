package io.github.moodlecbm.core.advisory;

/**
 * The commits of a repository, as far as an advisory's {@code GIT} ranges need them. Commits are
 * full ids (40 hex digits) in any case; an id the graph does not know is never an ancestor.
 */
public interface CommitGraph {
  /** Whether the repository has this commit. */
  boolean has(String commit);

  /** Whether {@code ancestor} is an ancestor of {@code descendant} or the same commit. */
  boolean isAncestor(String ancestor, String descendant);

  /** A graph that knows no commits: a commit is only its own ancestor. */
  static CommitGraph none() {
    return new CommitGraph() {
      @Override
      public boolean has(String commit) {
        return false;
      }

      @Override
      public boolean isAncestor(String ancestor, String descendant) {
        return ancestor != null && ancestor.equalsIgnoreCase(descendant);
      }
    };
  }
}
