package dev.keypool.settings;

import dev.keypool.billing.Price;
import dev.keypool.billing.PriceTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Prices in USD per million tokens, one entry per model: shipped ({@code default}), from the file's
 * {@code prices:} or changed at run time ({@code database}); a price removed at run time is a
 * {@code null} value from the database. A run-time price equal to the one it replaced reads as that
 * one, as in {@code /api/prices}.
 */
final class PriceSettings {
  /** The fields of one price in the file. */
  private static final List<String> FIELDS = List.of("input", "output", "cache_read", "cache_write");

  private PriceSettings() {}

  /**
   * @param declared the file's {@code prices:} by model id as written
   * @param base the prices without run-time changes (shipped, then the file's)
   * @param effective the prices in effect
   */
  static void collect(Map<String, Price> declared, Map<String, Price> base, Map<String, Price> effective,
      SettingsCollector out) {
    Map<String, String> fileKeys = new HashMap<>();
    declared.keySet().forEach(key -> fileKeys.put(PriceTable.idOf(key), key));
    TreeSet<String> models = new TreeSet<>(base.keySet());
    models.addAll(effective.keySet());
    for (String model : models) {
      Price now = effective.get(model);
      String path = "prices." + model;
      if (!Objects.equals(now, base.get(model))) {
        out.atRunTime().put(path, now == null ? null : value(now));
        continue;
      }
      String fileKey = fileKeys.get(model);
      if (fileKey == null) {
        out.put(path, value(now), List.of());
      } else {
        String written = "prices." + fileKey;
        List<String> originPaths = new ArrayList<>(List.of(written));
        FIELDS.forEach(field -> originPaths.add(written + "." + field));
        out.put(path, value(now), originPaths);
      }
    }
  }

  private static Map<String, Object> value(Price p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("input", p.inputPerMillion());
    out.put("output", p.outputPerMillion());
    out.put("cache_read", p.cacheReadPerMillion());
    out.put("cache_write", p.cacheWritePerMillion());
    return out;
  }
}
