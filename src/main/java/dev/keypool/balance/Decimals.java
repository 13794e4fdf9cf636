package dev.keypool.balance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;

/**
 * Exact amounts from JSON: providers send money as numbers ({@code 49.58894}) or strings ({@code "110.00"});
 * both are read as written, never through a double.
 */
final class Decimals {
  /** Reads floating-point numbers as {@link BigDecimal}, so {@code 0.1} stays 0.1. */
  static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private Decimals() {}

  /** {@code n} without trailing zeros, never in exponent form (50, not 5E+1). */
  static BigDecimal plain(BigDecimal n) {
    BigDecimal s = n.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /** The number at {@code node}, or null when it is missing or null. */
  static BigDecimal optional(JsonNode node, String what) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      try {
        return new BigDecimal(node.asText().trim());
      } catch (NumberFormatException e) {
        throw new BalanceException(what + " is not a number");
      }
    }
    throw new BalanceException(what + " is not a number");
  }

  /** The number at {@code node}; fails naming {@code what} when it is missing. */
  static BigDecimal required(JsonNode node, String what) {
    BigDecimal n = optional(node, what);
    if (n == null) {
      throw new BalanceException("the answer has no " + what);
    }
    return n;
  }
}
