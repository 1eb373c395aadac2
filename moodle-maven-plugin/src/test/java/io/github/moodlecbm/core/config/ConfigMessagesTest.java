package io.github.moodlecbm.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigMessagesTest {
  @Test
  void aMalformedRewriteNamesThePomElementAndTheFlag() {
    assertEquals("URL rewrite 'github.com' is not of the form FROM=TO. Fix <rewrites> in pom.xml or -Dmoodle.rewrites,"
        + " e.g. https://github.com/=https://git.example.org/github/.", ConfigMessages.malformedRewrite("github.com"));
  }
}
