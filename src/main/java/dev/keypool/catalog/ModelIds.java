package dev.keypool.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ids a model may be known under (in the price table, the limits catalog), most specific first: as given, without the provider prefix
 * ({@code openai/gpt-4o} -> {@code gpt-4o}), and without a date suffix ({@code -20250929},
 * {@code -2024-08-06}, or Vertex's {@code @20250929}). Ids are compared lower-cased.
 */
public final class ModelIds {

  private ModelIds() {}

  public static String normalize(String model) {
    return model.trim().toLowerCase(Locale.ROOT);
  }

  /** The lookup order for {@code model}: full, bare, undated full, undated bare; no repeats. */
  public static List<String> candidates(String model) {
    String full = normalize(model);
    int slash = full.lastIndexOf('/');
    String bare = slash < 0 ? full : full.substring(slash + 1);
    List<String> out = new ArrayList<>(4);
    addOnce(out, full);
    addOnce(out, bare);
    addOnce(out, undated(full));
    addOnce(out, undated(bare));
    return out;
  }

  /** {@code id} without a trailing {@code -YYYYMMDD}, {@code -YYYY-MM-DD} or {@code @YYYYMMDD}. */
  public static String undated(String id) {
    int n = id.length();
    if (n > 9 && digits(id, n - 8, n) && isSeparator(id.charAt(n - 9))) {
      return id.substring(0, n - 9);
    }
    if (n > 11 && digits(id, n - 10, n - 6) && id.charAt(n - 6) == '-' && digits(id, n - 5, n - 3)
        && id.charAt(n - 3) == '-' && digits(id, n - 2, n) && isSeparator(id.charAt(n - 11))) {
      return id.substring(0, n - 11);
    }
    return id;
  }

  private static boolean isSeparator(char c) {
    return c == '-' || c == '@';
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static void addOnce(List<String> out, String id) {
    if (!id.isEmpty() && !out.contains(id)) {
      out.add(id);
    }
  }
}
