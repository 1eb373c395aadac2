package io.github.moodlecbm.core.verify;

import io.github.moodlecbm.core.BuildLog;
import io.github.moodlecbm.core.CodebaseException;
import io.github.moodlecbm.core.Workspace;
import io.github.moodlecbm.core.assembly.Assembled;
import io.github.moodlecbm.core.assembly.ObjectSources;
import io.github.moodlecbm.core.layout.TreeFiles;
import io.github.moodlecbm.core.resolve.LockFile;
import io.github.moodlecbm.core.verify.CodebaseVerifier.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;

/**
 * The third stage: {@link Assembled} becomes {@link Verified} when every check of
 * {@link CodebaseVerifier} passes, read from the code base's own git objects. The findings are kept
 * under {@code target/} with the digest of the lock and the options: an unchanged code base is not
 * checked again. With a PHP program, {@code php -l} runs on every PHP file of the plugins.
 */
public final class VerifyStage {
  private final Workspace workspace;
  private final BuildLog log;

  public VerifyStage(Workspace workspace) {
    this.workspace = workspace;
    this.log = workspace.log();
  }

  /**
   * The verification as a build runs it: the checks, a JUnit report for CI servers, the summary
   * table and every warning in the log; any error stops the build with all of them, grouped by
   * component.
   *
   * @param lint the PHP program that runs {@code php -l}, or null
   * @param report the JUnit XML report's file
   */
  public Verified verify(Assembled assembled, CodebaseVerifier.Options options, Path lint, Path report)
      throws CodebaseException, IOException {
    long start = System.nanoTime();
    Checked checked = checked(assembled, options, lint);
    Verification v = checked.verification();
    long millis = (System.nanoTime() - start) / 1_000_000;
    // Findings taken from the record are those of the report the build that checked them wrote.
    if (!checked.recorded() || !Files.isRegularFile(report)) {
      VerificationReport.writeJUnit(v, report);
    }
    VerificationReport.table(v).forEach(log::info);
    for (Finding w : v.warnings()) {
      log.warn(w.message());
    }
    if (!v.errors().isEmpty()) {
      throw new CodebaseException(VerificationReport.failureMessage(v));
    }
    log.info(VerifyMessages.verified(v, millis));
    return Verified.passed(assembled, v);
  }

  /** A code base whose verification the user skipped, said loudly. */
  public Verified skip(Assembled assembled) {
    VerifyMessages.skipped().forEach(log::warn);
    return Verified.skipped(assembled);
  }

  /**
   * Every check's finding, errors included, from the code base's own files; with {@code lint}, also
   * {@code php -l} on every PHP file of the plugins (never cached: it depends on that program).
   */
  public Verification check(Assembled assembled, CodebaseVerifier.Options options, Path lint)
      throws CodebaseException, IOException {
    return checked(assembled, options, lint).verification();
  }

  /** What the checks found, and whether it was the record of an earlier build's checks. */
  private record Checked(Verification verification, boolean recorded) {}

  private Checked checked(Assembled assembled, CodebaseVerifier.Options options, Path lint)
      throws CodebaseException, IOException {
    VerificationCache cache = new VerificationCache(workspace.settings().workDir().resolve("verification.json"));
    String key = VerificationCache.key(LockFile.render(assembled.lock()), options);
    if (lint == null) {
      Optional<Verification> known = cache.find(key);
      if (known.isPresent()) {
        return new Checked(known.get(), true);
      }
    }
    try (ObjectSources sources = workspace.objects(assembled.lock())) {
      Verification v = new CodebaseVerifier(new TreeFiles(sources.keepingWhatIsRead())).verify(assembled.tree(), assembled.lock(), options);
      cache.put(key, v);
      if (lint == null) {
        return new Checked(v, false);
      }
      List<Finding> findings = new ArrayList<>(v.findings());
      try (Repository repo = workspace.store().open()) {
        findings.addAll(new PhpLint(lint).check(repo, assembled.tree(), assembled.lock()));
      }
      return new Checked(new Verification(findings, v.rows()), false);
    }
  }
}
