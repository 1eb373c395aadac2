package io.github.moodlecbm.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A table as the build's log prints it: one line per row, every column as wide as its widest cell,
 * columns two spaces apart, no trailing spaces. Plain text, so that a {@code -B} log and a CI
 * server's console both show it aligned.
 */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();

  /** Adds a row; rows may have fewer cells than others. */
  public Table row(String... cells) {
    rows.add(cells.clone());
    return this;
  }

  public List<String> lines() {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], cell(row, i).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = cell(row, i);
        line.append(i == 0 ? "" : "  ").append(cell).append(" ".repeat(width[i] - cell.length()));
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static String cell(String[] row, int i) {
    return row[i] == null ? "" : row[i];
  }
}
