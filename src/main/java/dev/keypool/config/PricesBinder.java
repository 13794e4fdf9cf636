package dev.keypool.config;

import dev.keypool.billing.Price;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binds and validates the {@code prices} section: model id -> {@code {input, output, cache_read,
 * cache_write}} in USD per million tokens; the cache prices default to the input price. Model ids
 * are matched without regard to case, so two that differ only in case are duplicates.
 */
final class PricesBinder {

  private PricesBinder() {}

  static PricesConfig bind(FieldReader root) {
    Map<String, Price> models = new LinkedHashMap<>();
    Uniqueness ids = new Uniqueness("price model id", false);
    for (var e : root.entries("prices").entrySet()) {
      FieldReader r = e.getValue();
      String id = ModelIdKeys.check(e.getKey(), r, ids);
      Price price = price(r);
      if (price != null) {
        models.put(id, price);
      }
    }
    return new PricesConfig(models);
  }

  private static Price price(FieldReader r) {
    BigDecimal input = r.decimal("input", null, "USD per million uncached input tokens, e.g. 2.50");
    BigDecimal output = r.decimal("output", null, "USD per million output tokens, e.g. 10.00");
    BigDecimal cacheRead = r.decimal("cache_read", input, "");
    BigDecimal cacheWrite = r.decimal("cache_write", input, "");
    r.finish();
    if (input == null || output == null) {
      return null;
    }
    return new Price(input, output, cacheRead, cacheWrite);
  }
}
