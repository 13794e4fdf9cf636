package dev.keypool.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The list price of one model in USD per million tokens, one figure per {@link dev.keypool.usage.Usage}
 * bucket. Reasoning tokens have no price of their own: they are output.
 *
 * @param inputPerMillion uncached input
 * @param outputPerMillion output, reasoning included
 * @param cacheReadPerMillion input served from the prompt cache
 * @param cacheWritePerMillion input written to the prompt cache
 */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cacheReadPerMillion,
    BigDecimal cacheWritePerMillion) {

  /** Trailing zeros are stripped so that prices compare by value: {@code 2.50} equals {@code 2.5}. */
  public Price {
    inputPerMillion = check("inputPerMillion", inputPerMillion);
    outputPerMillion = check("outputPerMillion", outputPerMillion);
    cacheReadPerMillion = check("cacheReadPerMillion", cacheReadPerMillion);
    cacheWritePerMillion = check("cacheWritePerMillion", cacheWritePerMillion);
  }

  /**
   * A price from decimal strings ({@code "2.50"}); the cache prices default to the input price, as for
   * a model without prompt caching.
   */
  public static Price of(String input, String output) {
    BigDecimal in = new BigDecimal(input);
    return new Price(in, new BigDecimal(output), in, in);
  }

  /** A price from decimal strings, every bucket given. */
  public static Price of(String input, String output, String cacheRead, String cacheWrite) {
    return new Price(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cacheRead),
        new BigDecimal(cacheWrite));
  }

  @Override
  public String toString() {
    return "Price[input=" + inputPerMillion.toPlainString() + ", output=" + outputPerMillion.toPlainString()
        + ", cacheRead=" + cacheReadPerMillion.toPlainString() + ", cacheWrite=" + cacheWritePerMillion.toPlainString()
        + " USD/M]";
  }

  private static BigDecimal check(String name, BigDecimal value) {
    Objects.requireNonNull(value, name);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 (was " + value.toPlainString() + ")");
    }
    return value.stripTrailingZeros();
  }
}
