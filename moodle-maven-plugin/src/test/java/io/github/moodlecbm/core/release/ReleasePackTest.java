package io.github.moodlecbm.core.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.moodlecbm.core.assembly.BuildRepository;
import io.github.moodlecbm.core.assembly.ObjectSource;
import io.github.moodlecbm.fixture.GitFixture;
import io.github.moodlecbm.fixture.StandAloneRepository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The objects of a release as they reach the release repository: copied as the mirror's pack
 * stores them, in one pack that needs nothing else, only what the repository lacks, and never a
 * half-written pack in sight.
 */
class ReleasePackTest {
  @TempDir Path tmp;

  private GitFixture mirror;
  private Repository store;
  private ObjectId one;
  private ObjectId two;
  private Path releases;
  private static final PersonIdent WHO = new PersonIdent("moodle-cbm", "moodle-cbm@localhost",
      Instant.parse("2026-11-26T09:00:00Z"), ZoneOffset.UTC);

  /**
   * A mirror of two commits of similar files, packed at compression level 1 (a level JGit's
   * default does not give back, so that bytes equal to the mirror's are bytes copied); the build's
   * store borrowing its objects and holding, loose, the code base's trees as the assembly writes
   * them: the mirror's tree under {@code sub/} and files of its own.
   */
  @BeforeEach
  void world() throws Exception {
    mirror = GitFixture.init(tmp.resolve("mirror.git"));
    mirror.onBranch("main").commit("one", c -> {
      for (int i = 0; i < 40; i++) {
        c.file("lib/f" + i + ".php", file(i, "one"));
      }
      c.file("readme.txt", "a plugin\n");
    });
    ObjectId first = mirror.head();
    mirror.commit("two", c -> {
      for (int i = 0; i < 40; i += 8) {
        c.file("lib/f" + i + ".php", file(i, "two"));
      }
      c.file("lib/new.php", file(99, "two"));
    });
    ObjectId second = mirror.head();
    mirror.repository().getConfig().setInt("pack", null, "compression", 1);
    mirror.repository().getConfig().save();
    mirror.pack();
    BuildRepository build = new BuildRepository(tmp.resolve("store.git"));
    build.prepare(List.of(mirror.directory()));
    store = build.open();
    one = codebase(mirror.tree(first), "first");
    two = codebase(mirror.tree(second), "second");
    releases = tmp.resolve("releases.git");
  }

  private static String file(int n, String version) {
    StringBuilder s = new StringBuilder("<?php\n// file " + n + " of release " + version + "\n");
    for (int line = 0; line < 120; line++) {
      s.append("$value_").append(line).append(" = compute(").append(line * 7).append(", 'same in every file');\n");
    }
    return s.append("// end of ").append(n).append('\n').toString();
  }

  /** The root tree the assembly would write: the plugin under sub/, and files only the store has. */
  private ObjectId codebase(ObjectId plugin, String note) throws IOException {
    try (ObjectInserter inserter = store.newObjectInserter()) {
      TreeFormatter root = new TreeFormatter();
      root.append("README", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, bytes("code base " + note + "\n")));
      root.append("sub", FileMode.TREE, plugin);
      root.append("zz-last.txt", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, bytes("written last " + note + "\n")));
      ObjectId id = inserter.insert(root);
      inserter.flush();
      return id;
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Releases a tree as Releaser does: its objects, then the branch and the tag. */
  private ReleaseRepository.Written release(ObjectSource source, ObjectId tree, String tag) throws IOException {
    try (ReleaseRepository r = ReleaseRepository.open(releases)) {
      var head = r.head("main");
      ReleaseRepository.Written w = r.write(source, tree, head.orElse(null), "release " + tag + "\n", tag, "Release " + tag + "\n",
          WHO, WHO);
      r.publishLocally("main", head.orElse(null), w.commit(), tag, w.tag());
      return w;
    }
  }

  private ReleaseRepository.Written release(ObjectId tree, String tag) throws IOException {
    try (ObjectReader reader = store.newObjectReader()) {
      return release(ObjectSource.of(reader), tree, tag);
    }
  }

  @Test
  void aFirstReleaseCopiesTheMirrorsCompressedObjectsAsTheyAreDeltasIncluded() throws Exception {
    ReleaseRepository.Written w = release(one, "1.0");
    List<Path> packs = files(releases, ".pack");
    assertEquals(1, packs.size(), "one pack: " + packs);
    Map<ObjectId, Entry> released = entries(packs.get(0));
    Map<ObjectId, Entry> mirrored = new HashMap<>();
    for (Path p : files(mirror.directory(), ".pack")) {
      mirrored.putAll(entries(p));
    }
    assertEquals(released.size(), w.objects());
    int whole = 0;
    int deltas = 0;
    for (var e : released.entrySet()) {
      Entry mine = e.getValue();
      Entry theirs = mirrored.get(e.getKey());
      if (mine.isDelta()) {
        assertTrue(released.containsKey(mine.base()), "a delta's base is in the same pack: " + e.getKey().name());
      }
      if (theirs == null) {
        assertFalse(mine.isDelta(), "what only the store has (the assembly's trees, its files) is written whole");
      } else if (theirs.isDelta() && released.containsKey(theirs.base())) {
        assertEquals(theirs.base(), mine.base(), "the mirror's delta, on the same base: " + e.getKey().name());
        assertArrayEquals(theirs.data(), mine.data(), "the mirror's compressed delta: " + e.getKey().name());
        deltas++;
      } else if (!theirs.isDelta()) {
        assertEquals(theirs.type(), mine.type());
        assertArrayEquals(theirs.data(), mine.data(), "the mirror's compressed bytes: " + e.getKey().name());
        whole++;
      }
    }
    assertTrue(deltas >= 20, deltas + " deltas copied");
    assertTrue(whole >= 3, whole + " whole objects copied");
    assertEquals(whole + deltas, w.reused());
    assertEquals(deltas, w.deltas());
    // The mirror's level-1 bytes are not what compressing again would give: they were copied.
    long recompressible = released.values().stream()
        .filter(e -> !e.isDelta() && !Arrays.equals(e.data(), deflate(inflate(e.data())))).count();
    assertTrue(recompressible > 0, "some object's bytes differ from a new compression of it");
  }

  @Test
  void theReleaseRepositoryStandsAloneWithoutTheMirrorOrTheStore() throws Exception {
    release(one, "1.0");
    release(two, "1.1");
    store.close();
    mirror.close();
    FileUtils.delete(tmp.resolve("store.git").toFile(), FileUtils.RECURSIVE);
    FileUtils.delete(mirror.directory().toFile(), FileUtils.RECURSIVE);
    assertTrue(StandAloneRepository.check(releases, 2) > 40);
    for (Path pack : files(releases, ".pack")) {
      Map<ObjectId, Entry> entries = entries(pack);
      for (var e : entries.entrySet()) {
        if (e.getValue().isDelta()) {
          assertTrue(entries.containsKey(e.getValue().base()), "no thin pack: " + pack.getFileName() + " " + e.getKey().name());
        }
      }
    }
  }

  @Test
  void aLaterReleaseAddsOnlyTheObjectsTheRepositoryLacks() throws Exception {
    release(one, "1.0");
    Set<Path> before = new HashSet<>(files(releases, ".pack"));
    ReleaseRepository.Written w = release(two, "1.1");
    List<Path> added = files(releases, ".pack").stream().filter(p -> !before.contains(p)).toList();
    assertEquals(1, added.size());
    Set<ObjectId> expected = new HashSet<>();
    try (Repository repo = open(releases); ObjectWalk walk = new ObjectWalk(repo)) {
      walk.markStart(walk.parseTree(two));
      walk.markUninteresting(walk.parseTree(one));
      for (RevObject o; (o = walk.nextObject()) != null; ) {
        expected.add(o.copy());
      }
      // the release's commit and tag: beside the pack, not in it
      assertTrue(repo.getObjectDatabase().has(w.commit()));
      assertTrue(repo.getObjectDatabase().has(w.tag()));
    }
    // the two files of the root, the root, sub and sub/lib, lib/new.php and the five files changed
    assertEquals(11, expected.size(), expected.toString());
    assertEquals(expected, entries(added.get(0)).keySet());
    assertEquals(expected.size(), w.objects());
    // A release of a code base the repository has writes no pack at all.
    release(one, "1.2");
    assertEquals(before.size() + 1, files(releases, ".pack").size());
  }

  @Test
  void anInterruptedWriteLeavesTheEarlierReleasesAndTheNextWriteCleansUp() throws Exception {
    release(one, "1.0");
    Set<Path> before = Set.copyOf(listing(releases.resolve("objects/pack")));
    // The store's last file cannot be read: the write stops after every other object was written.
    ObjectId last;
    try (ObjectReader reader = store.newObjectReader()) {
      last = entryOf(reader, two, "zz-last.txt");
      IOException e = assertThrows(IOException.class, () -> release(failingOn(reader, last), two, "1.1"));
      assertEquals("disk gone", e.getMessage());
    }
    assertEquals(before, Set.copyOf(listing(releases.resolve("objects/pack"))), "no new file, no temporary file left");
    assertReleases("1.0");

    // What a write killed at any moment leaves: its temporary files, half written, or, between
    // the two moves, a pack whose index is not there yet.
    Path packDir = releases.resolve("objects/pack");
    byte[] pack = Files.readAllBytes(files(releases, ".pack").get(0));
    Files.write(packDir.resolve(ReleasePack.temporary("1f2e_3_4d", "pack")), Arrays.copyOf(pack, pack.length / 2));
    Files.write(packDir.resolve(ReleasePack.temporary("1f2e_3_4d", "idx")), new byte[] {(byte) 0xff, 't', 'O', 'c'});
    Files.write(packDir.resolve("pack-" + "5".repeat(40) + ".pack"), Arrays.copyOf(pack, pack.length - 7));
    assertReleases("1.0");
    assertTrue(StandAloneRepository.check(releases, 1) > 40);

    release(two, "1.1");
    assertReleases("1.1", "1.0");
    assertTrue(StandAloneRepository.check(releases, 2) > 40);
    assertEquals(List.of(), listing(packDir).stream().filter(p -> p.getFileName().toString().startsWith("tmp_")).toList(),
        "the next write removed what the killed one left");
  }

  private void assertReleases(String... newestFirst) throws IOException {
    try (ReleaseRepository r = ReleaseRepository.open(releases)) {
      assertEquals(List.of(newestFirst), new ReleaseHistory(r).list("main").stream().map(ReleaseHistory.Entry::tag).toList());
    }
  }

  /** A source whose reader fails on one object, as a disk that gives up half-way. */
  private static ObjectSource failingOn(ObjectReader reader, ObjectId bad) {
    ObjectReader failing = new ObjectReader() {
      @Override
      public ObjectReader newReader() {
        return reader.newReader();
      }

      @Override
      public Collection<ObjectId> resolve(AbbreviatedObjectId id) throws IOException {
        return reader.resolve(id);
      }

      @Override
      public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
        if (objectId.equals(bad)) {
          throw new IOException("disk gone");
        }
        return reader.open(objectId, typeHint);
      }

      @Override
      public Set<ObjectId> getShallowCommits() {
        return Set.of();
      }

      @Override
      public void close() {
        // the reader belongs to the test
      }
    };
    ObjectSource of = ObjectSource.of(reader);
    return new ObjectSource() {
      @Override
      public ObjectLoader open(String path, AnyObjectId id) throws IOException {
        return of.open(path, id);
      }

      @Override
      public ObjectSource fork() {
        return of.fork();
      }

      @Override
      public ObjectReader newReader() {
        return reader.newReader();
      }

      @Override
      public ObjectReader packedAt(String path) {
        return failing;
      }

      @Override
      public void close() {
        // nothing of its own
      }
    };
  }

  private static ObjectId entryOf(ObjectReader reader, ObjectId tree, String name) throws IOException {
    try (var walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(reader, name, tree)) {
      return walk.getObjectId(0);
    }
  }

  private static Repository open(Path gitDir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
  }

  private static List<Path> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /** The packs of a repository that git and JGit see: those with their index. */
  private static List<Path> files(Path gitDir, String ext) throws IOException {
    return listing(gitDir.resolve("objects/pack")).stream()
        .filter(p -> p.getFileName().toString().matches("pack-[0-9a-f]{40}\\" + ext))
        .filter(p -> Files.exists(p.resolveSibling(p.getFileName().toString().replace(ext, ".idx"))))
        .collect(Collectors.toList());
  }

  /**
   * An object as a pack stores it: its type (1 to 4 whole; 6 and 7 a delta), its delta base,
   * and its compressed bytes.
   */
  record Entry(int type, ObjectId base, byte[] data) {
    boolean isDelta() {
      return type == 6 || type == 7;
    }
  }

  /** The entries of a pack, read as git's pack format lays them out. */
  static Map<ObjectId, Entry> entries(Path pack) throws IOException {
    byte[] bytes = Files.readAllBytes(pack);
    TreeMap<Long, ObjectId> byOffset = new TreeMap<>();
    Path idx = pack.resolveSibling(pack.getFileName().toString().replace(".pack", ".idx"));
    for (PackIndex.MutableEntry e : PackIndex.open(idx.toFile())) {
      byOffset.put(e.getOffset(), e.toObjectId());
    }
    Map<ObjectId, Entry> result = new HashMap<>();
    for (var e : byOffset.entrySet()) {
      long offset = e.getKey();
      Long next = byOffset.higherKey(offset);
      int end = next == null ? bytes.length - Constants.OBJECT_ID_LENGTH : (int) (long) next;
      int p = (int) offset;
      int c = bytes[p++] & 0xff;
      int type = (c >> 4) & 7;
      while ((c & 0x80) != 0) {
        c = bytes[p++] & 0xff;
      }
      ObjectId base = null;
      if (type == Constants.OBJ_OFS_DELTA) {
        c = bytes[p++] & 0xff;
        long back = c & 127;
        while ((c & 128) != 0) {
          c = bytes[p++] & 0xff;
          back = ((back + 1) << 7) | (c & 127);
        }
        base = byOffset.get(offset - back);
        assertNotNull(base, "a delta's base at its offset");
      } else if (type == Constants.OBJ_REF_DELTA) {
        base = ObjectId.fromRaw(bytes, p);
        p += Constants.OBJECT_ID_LENGTH;
      }
      result.put(e.getValue(), new Entry(type, base, Arrays.copyOfRange(bytes, p, end)));
    }
    return result;
  }

  private static byte[] inflate(byte[] data) {
    try (InputStream in = new InflaterInputStream(new java.io.ByteArrayInputStream(data))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] deflate(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
      d.write(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
