package dev.keypool.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Set;

/**
 * A price as the admin API and {@code keypool prices import} take it: {@code input} and {@code output}
 * in USD per million tokens, {@code cache_read} and {@code cache_write} defaulting to the input price.
 */
public final class PriceJson {
  public static final Set<String> FIELDS = Set.of("input", "output", "cache_read", "cache_write");

  private PriceJson() {}

  /** The price {@code body} gives; an IllegalArgumentException naming the field that is wrong. */
  public static Price read(JsonNode body) {
    BigDecimal input = amount(body, "input", null);
    BigDecimal output = amount(body, "output", null);
    return new Price(input, output, amount(body, "cache_read", input), amount(body, "cache_write", input));
  }

  private static BigDecimal amount(JsonNode body, String field, BigDecimal fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        throw new IllegalArgumentException("'" + field + "' is required (USD per million tokens).");
      }
      return fallback;
    }
    if (!v.isNumber() || v.decimalValue().signum() < 0) {
      throw new IllegalArgumentException("'" + field + "' must be a number >= 0 (USD per million tokens).");
    }
    return v.decimalValue();
  }
}
