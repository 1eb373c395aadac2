package io.github.moodlecbm.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoTest {
  @TempDir Path tmp;

  record Answer(String text, int count) {}

  private static final TypeReference<TreeMap<String, Answer>> TYPE = new TypeReference<>() {};

  @Test
  void keepsWhatThisBuildFoundOrPutAndNothingElse() throws Exception {
    Path file = tmp.resolve("memo.json");
    Memo<Answer> first = Memo.at(file, TYPE);
    assertEquals(Optional.empty(), first.find("a"));
    first.put("a", new Answer("read a", 1));
    first.put("b", new Answer("read b", 2));
    first.write();

    Memo<Answer> second = Memo.at(file, TYPE);
    assertEquals(Optional.of(new Answer("read a", 1)), second.find("a"));
    second.put("c", new Answer("read c", 3));
    second.write();

    Memo<Answer> third = Memo.at(file, TYPE);
    assertTrue(third.find("a").isPresent());
    assertFalse(third.find("b").isPresent(), "not asked for by the build before: gone");
    assertEquals(Optional.of(new Answer("read c", 3)), third.find("c"));
  }

  @Test
  void theSameEntriesAreNotWrittenAgainAndAnUnreadableFileIsNoEntry() throws Exception {
    Path file = tmp.resolve("memo.json");
    Memo<Answer> first = Memo.at(file, TYPE);
    first.put("a", new Answer("read a", 1));
    first.write();
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, written);
    Memo<Answer> same = Memo.at(file, TYPE);
    same.find("a");
    same.write();
    assertEquals(written, Files.getLastModifiedTime(file), "a build that found what it kept writes nothing");

    Files.writeString(file, "{ not json");
    Memo<Answer> unreadable = Memo.at(file, TYPE);
    assertEquals(Optional.empty(), unreadable.find("a"));
    unreadable.put("a", new Answer("read again", 1));
    unreadable.write();
    assertEquals(Optional.of(new Answer("read again", 1)), Memo.at(file, TYPE).find("a"));

    Memo<Answer> none = Memo.none();
    none.put("a", new Answer("x", 1));
    none.write();
    assertEquals(Optional.empty(), none.find("a"));
  }
}
