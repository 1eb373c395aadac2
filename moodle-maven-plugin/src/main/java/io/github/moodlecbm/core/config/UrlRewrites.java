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

  private UrlRewrites(List<Rule> rules) {
    this.rules = rules;
  }

  public static UrlRewrites none() {
    return new UrlRewrites(List.of());
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
            throw new CodebaseException(Messages.malformedRewrite(rule));
          }
          rules.add(new Rule(rule.substring(0, eq).trim(), rule.substring(eq + 1).trim()));
        }
      }
    }
    rules.sort(Comparator.comparingInt((Rule r) -> r.from().length()).reversed());
    return new UrlRewrites(List.copyOf(rules));
  }

  public String apply(String url) {
    for (Rule r : rules) {
      if (url.startsWith(r.from())) {
        return r.to() + url.substring(r.from().length());
      }
    }
    return url;
  }
}
