package io.github.moodlecbm.core.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.fixture.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.apache.commons.compress.archivers.zip.X000A_NTFS;
import org.apache.commons.compress.archivers.zip.X5455_ExtendedTimestamp;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodebaseZipTest {
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  @TempDir Path tmp;

  @Test
  void theZipKeepsExecutableBitsAndSymbolicLinksInGitsOrderAtTheGivenTimeInAnyTimeZone() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("r.git"))) {
      git.onBranch("main").commit("code", c -> c.file("version.php", "<?php\n").executable("admin/cli/install.php", "#!/usr/bin/env php\n")
          .symlink("lib/current.php", "../version.php").file("lib/a.php", "a"));
      ObjectId tree = git.tree(git.head());
      List<byte[]> zips = new ArrayList<>();
      TimeZone zone = TimeZone.getDefault();
      try {
        for (String id : List.of("UTC", "Pacific/Auckland", "America/Los_Angeles", "Asia/Kolkata")) {
          TimeZone.setDefault(TimeZone.getTimeZone(id));
          Path zip = tmp.resolve(id.replace('/', '-') + ".zip");
          assertEquals(4, CodebaseZip.write(git.repository(), tree, T0, zip), "files, folders not counted");
          zips.add(Files.readAllBytes(zip));
        }
      } finally {
        TimeZone.setDefault(zone);
      }
      for (byte[] other : zips) {
        assertArrayEquals(zips.get(0), other, "the same bytes in every time zone");
      }

      Path zip = tmp.resolve("UTC.zip");
      try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
        List<String> names = new ArrayList<>();
        z.getEntriesInPhysicalOrder().asIterator().forEachRemaining(e -> names.add(e.getName()));
        assertEquals(List.of("admin/", "admin/cli/", "admin/cli/install.php", "lib/", "lib/a.php", "lib/current.php", "version.php"),
            names, "git's order, a folder before what it holds");

        ZipArchiveEntry exec = z.getEntry("admin/cli/install.php");
        assertEquals(0100755, exec.getUnixMode());
        assertEquals("#!/usr/bin/env php\n", new String(z.getInputStream(exec).readAllBytes(), StandardCharsets.UTF_8));

        ZipArchiveEntry link = z.getEntry("lib/current.php");
        assertTrue(link.isUnixSymlink());
        assertEquals("../version.php", z.getUnixSymlink(link));

        z.getEntries().asIterator().forEachRemaining(e -> {
          assertEquals(null, e.getExtraField(X5455_ExtendedTimestamp.HEADER_ID), e.getName());
          assertEquals(null, e.getExtraField(X000A_NTFS.HEADER_ID), e.getName());
        });

        ZipArchiveEntry plain = z.getEntry("version.php");
        assertFalse(plain.isUnixSymlink());
        assertEquals(0, plain.getUnixMode() & 0111, "not executable");
        assertEquals("<?php\n", new String(z.getInputStream(plain).readAllBytes(), StandardCharsets.UTF_8));
      }
      // The JDK's reader: every entry's time is the given one, as a UTC wall clock in the DOS
      // fields (no extended timestamp, which a reader would convert to its own zone).
      try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
        z.stream().forEach(e -> assertEquals(LocalDateTime.of(2026, 11, 26, 9, 0), e.getTimeLocal(), e.getName()));
      }
      try (var files = Files.list(tmp)) {
        assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file left");
      }
    }
  }

  @Test
  void aTimeBeforeDosTimesBeganIsItsFirstDay() throws Exception {
    try (GitFixture git = GitFixture.init(tmp.resolve("r.git"))) {
      git.onBranch("main").commit("code", c -> c.file("version.php", "<?php\n"));
      Path zip = tmp.resolve("old.zip");
      CodebaseZip.write(git.repository(), git.tree(git.head()), Instant.EPOCH, zip);
      try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
        assertEquals(LocalDateTime.of(1980, 1, 2, 0, 0), z.getEntry("version.php").getTimeLocal());
      }
    }
  }
}
