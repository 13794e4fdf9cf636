package dev.keypool.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, quoted with double quotes when they hold a comma, a quote or
 * a line break (a quote doubled inside). Records end with CRLF or LF.
 */
final class Csv {
  private Csv() {}

  /** One record, quoted where needed, without its line end. */
  static String line(List<String> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (i > 0) {
        out.append(',');
      }
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    return out.toString();
  }

  /** A parsed record and the line it starts on (1-based). */
  record Row(int line, List<String> fields) {}

  /** Every record of {@code text}; blank lines are skipped. Throws IllegalArgumentException on an unclosed quote. */
  static List<Row> parse(String text) {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean blank = true;
    int line = 1;
    int start = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        blank = false;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        blank = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (!blank || field.length() > 0) {
          fields.add(field.toString());
          rows.add(new Row(start, List.copyOf(fields)));
        }
        fields.clear();
        field.setLength(0);
        blank = true;
        line++;
        start = line;
      } else {
        field.append(c);
        blank = false;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("line " + start + ": a quoted field is not closed");
    }
    if (!blank || field.length() > 0) {
      fields.add(field.toString());
      rows.add(new Row(start, List.copyOf(fields)));
    }
    return rows;
  }
}
