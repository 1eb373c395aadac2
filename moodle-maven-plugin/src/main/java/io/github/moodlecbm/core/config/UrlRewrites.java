package io.github.moodlecbm.core.config;

import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Prefix rewrites applied to every source and submodule URL, longest prefix first: the way a site
 * behind a firewall sends github.com to an internal mirror.
 */
public final class UrlRewrites {
  private record Rule(String from, String to) {}

  private final List<Rule> rules;
  /** git's own {@code url.<base>.insteadOf} rules, applied after the site's. */
  private final List<Rule> insteadOf;
  /** git's {@code url.<base>.pushInsteadOf} rules, for URLs pushed to. */
  private final List<Rule> pushInsteadOf;

  private UrlRewrites(List<Rule> rules, List<Rule> insteadOf, List<Rule> pushInsteadOf) {
    this.rules = rules;
    this.insteadOf = insteadOf;
    this.pushInsteadOf = pushInsteadOf;
  }

  public static UrlRewrites none() {
    return new UrlRewrites(List.of(), List.of(), List.of());
  }

  /**
   * Adds the {@code url.<base>.insteadOf} rules of a git configuration (the user's, normally), so
   * that an organisation's existing git setup works unchanged. As in git, the longest match wins.
   */
  public UrlRewrites withGitConfig(org.eclipse.jgit.lib.Config config) {
    return new UrlRewrites(rules, gitRules(config, "insteadOf"), gitRules(config, "pushInsteadOf"));
  }

  private static List<Rule> gitRules(org.eclipse.jgit.lib.Config config, String key) {
    List<Rule> git = new ArrayList<>();
    for (String base : config.getSubsections("url")) {
      for (String prefix : config.getStringList("url", base, key)) {
        git.add(new Rule(prefix, base));
      }
    }
    git.sort(LONGEST_FIRST);
    return List.copyOf(git);
  }

  /** The rules of the user's git configuration ({@code ~/.gitconfig}, {@code $XDG_CONFIG_HOME/git/config}). */
  public UrlRewrites withUserGitConfig() throws CodebaseException {
    io.github.moodlecbm.core.GitSetup.ensure();
    try {
      return withGitConfig(org.eclipse.jgit.util.SystemReader.getInstance().getUserConfig());
    } catch (java.io.IOException | org.eclipse.jgit.errors.ConfigInvalidException e) {
      throw new CodebaseException(ConfigMessages.unreadableGitConfig(e.getMessage()), e);
    }
  }

  /** Parses rules of the form {@code FROM=TO}; each list element may hold several, comma-separated. */
  public static UrlRewrites parse(List<String> specs) throws CodebaseException {
    List<Rule> rules = new ArrayList<>();
    if (specs != null) {
      for (String spec : specs) {
        for (String one : spec.split(",")) {
          String rule = one.trim();
          if (rule.isEmpty()) {
            continue;
          }
          int eq = rule.indexOf('=');
          if (eq <= 0 || eq == rule.length() - 1) {
            throw new CodebaseException(ConfigMessages.malformedRewrite(rule));
          }
          rules.add(new Rule(rule.substring(0, eq).trim(), rule.substring(eq + 1).trim()));
        }
      }
    }
    rules.sort(LONGEST_FIRST);
    return new UrlRewrites(List.copyOf(rules), List.of(), List.of());
  }

  private static final Comparator<Rule> LONGEST_FIRST =
      Comparator.comparingInt((Rule r) -> r.from().length()).reversed();

  /** The URL to fetch: the site's rewrites first, then git's {@code insteadOf}. */
  public String apply(String url) {
    return first(insteadOf, first(rules, url));
  }

  /**
   * The URL to push to (a release remote): the site's rewrites, then, as git does, a matching
   * {@code pushInsteadOf} rule, else the {@code insteadOf} rules.
   */
  public String applyForPush(String url) {
    String rewritten = first(rules, url);
    for (Rule r : pushInsteadOf) {
      if (rewritten.startsWith(r.from())) {
        return r.to() + rewritten.substring(r.from().length());
      }
    }
    return first(insteadOf, rewritten);
  }

  private static String first(List<Rule> rules, String url) {
    for (Rule r : rules) {
      if (url.startsWith(r.from())) {
        return r.to() + url.substring(r.from().length());
      }
    }
    return url;
  }
}
