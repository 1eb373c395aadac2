package io.github.moodlecbm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columnsAreAsWideAsTheirWidestCellTwoSpacesApartWithoutTrailingSpaces() {
    List<String> lines = new Table()
        .row("component", "locked", "newest")
        .row("moodle", "4.5.2 (Build: 20241007)", "")
        .row("block_xp", null, "v19.2")
        .row("mod_attendance_long_name", "x")
        .lines();
    assertEquals(List.of(
        "component                 locked                   newest",
        "moodle                    4.5.2 (Build: 20241007)",
        "block_xp                                           v19.2",
        "mod_attendance_long_name  x"), lines);
  }
}
