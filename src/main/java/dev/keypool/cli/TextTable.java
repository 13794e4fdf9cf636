package dev.keypool.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table for a terminal: a header row, then one row per item, columns padded to fit. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... header) {
    rows.add(header);
  }

  TextTable row(Object... cells) {
    String[] row = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      row[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
    }
    rows.add(row);
    return this;
  }

  void print(PrintWriter out) {
    int columns = rows.getFirst().length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        // The last column (a message) is not padded, so lines carry no trailing blanks.
        line.append(i == columns - 1 ? row[i] : String.format("%-" + width[i] + "s  ", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }
}
