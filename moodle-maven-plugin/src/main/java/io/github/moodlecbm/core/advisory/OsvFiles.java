package io.github.moodlecbm.core.advisory;

import io.github.moodlecbm.core.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A local copy of OSV's records, for a site without internet access: a folder of OSV JSON files
 * (searched to any depth) or a zip of them, as OSV's bulk export of an ecosystem ({@code
 * Packagist/all.zip}) holds them. The build matches the records itself: a package by its ecosystem's
 * version ranges, a commit by the GIT ranges of its repository, read in the plugin's mirror. A file
 * that is not an OSV record is named, and the copy answers nothing: an audit from part of a
 * database would say "no advisories" where it does not know.
 */
public final class OsvFiles implements AdvisorySource {
  private final Path location;
  private final Function<Query, CommitGraph> graphs;
  private List<OsvRecord> records;
  private String problem;

  /** @param graphs the history a commit query's commit is looked up in (its plugin's mirror) */
  public OsvFiles(Path location, Function<Query, CommitGraph> graphs) {
    this.location = location;
    this.graphs = graphs;
  }

  @Override
  public String describe() {
    return location.toString();
  }

  @Override
  public Map<Query, Answer> ask(List<Query> queries) {
    load();
    Map<Query, Answer> answers = new LinkedHashMap<>();
    for (Query q : queries) {
      if (problem != null) {
        answers.put(q, Answer.unanswered(problem));
        continue;
      }
      List<OsvRecord> affecting = new ArrayList<>();
      for (OsvRecord r : records) {
        if (q.isCommit() ? r.affectsCommit(q.repo(), q.commit(), graphs.apply(q))
            : r.affectsPackage(q.ecosystem(), q.name(), q.version())) {
          affecting.add(r);
        }
      }
      answers.put(q, Answer.of(affecting, null));
    }
    return answers;
  }

  private void load() {
    if (records != null || problem != null) {
      return;
    }
    List<OsvRecord> read = new ArrayList<>();
    List<String> malformed = new ArrayList<>();
    try {
      if (Files.isDirectory(location)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(location)) {
          files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path f : files) {
          try (InputStream in = Files.newInputStream(f)) {
            read.add(OsvRecord.parse(in));
          } catch (IOException e) {
            malformed.add(location.relativize(f) + " (" + e.getMessage() + ")");
          }
        }
      } else if (Files.isRegularFile(location)) {
        try (ZipFile zip = new ZipFile(location.toFile())) {
          Enumeration<? extends ZipEntry> entries = zip.entries();
          while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.isDirectory() || !e.getName().endsWith(".json")) {
              continue;
            }
            try (InputStream in = zip.getInputStream(e)) {
              read.add(OsvRecord.parse(in));
            } catch (IOException bad) {
              malformed.add(e.getName() + " (" + bad.getMessage() + ")");
            }
          }
        }
      } else {
        problem = AdvisoryMessages.localMissing(location);
        return;
      }
    } catch (IOException e) {
      problem = AdvisoryMessages.localUnreadable(location, Messages.rootMessage(e));
      return;
    }
    if (!malformed.isEmpty()) {
      problem = AdvisoryMessages.localMalformed(location, malformed);
      return;
    }
    records = read;
  }
}
