package dev.keypool.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses byte sizes: a plain number of bytes, or a whole number with a binary unit {@code B},
 * {@code KiB}, {@code MiB}, {@code GiB}. Decimal units ({@code MB}) are refused on purpose: whether
 * they mean 10^6 or 2^20 depends on who wrote them.
 */
public final class ByteSizes {

  public static final String EXAMPLES = "use e.g. 10485760, 512KiB, 10MiB";

  private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*(B|KiB|MiB|GiB)?");

  private ByteSizes() {}

  /** The number of bytes {@code text} denotes; throws IllegalArgumentException naming the forms. */
  public static long parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size \"" + text + "\" (" + EXAMPLES + ")");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2);
    int shift =
        switch (unit) {
          case "KiB" -> 10;
          case "MiB" -> 20;
          case "GiB" -> 30;
          default -> 0;
        };
    if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException("size too large \"" + text + "\"");
    }
    return n << shift;
  }
}
