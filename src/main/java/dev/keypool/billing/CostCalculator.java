package dev.keypool.billing;

import dev.keypool.usage.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The cost of a request in nano-USD (1e-9 USD), exact: the sum over the usage buckets of tokens times
 * the bucket's price per million, computed in {@link BigDecimal} and rounded half-up to whole nanos
 * once per request, never per bucket. A nano is fine enough that a price of $0.001 per million tokens
 * still costs one nano per token.
 */
public final class CostCalculator {

  /** Nano-USD per USD (1e9) over tokens per price unit (1e6). */
  private static final BigDecimal NANOS_PER_USD_PER_MILLION = BigDecimal.valueOf(1_000);

  private CostCalculator() {}

  /** What {@code usage} costs at {@code price}, in nano-USD. */
  public static long costNanos(Usage usage, Price price) {
    BigDecimal usdTimesMillion = BigDecimal.valueOf(usage.inputTokens()).multiply(price.inputPerMillion())
        .add(BigDecimal.valueOf(usage.outputTokens()).multiply(price.outputPerMillion()))
        .add(BigDecimal.valueOf(usage.cacheReadTokens()).multiply(price.cacheReadPerMillion()))
        .add(BigDecimal.valueOf(usage.cacheWriteTokens()).multiply(price.cacheWritePerMillion()));
    return usdTimesMillion.multiply(NANOS_PER_USD_PER_MILLION).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  /** What the caller is charged for a cost: {@code costNanos × multiplier}, rounded half-up to whole nanos. */
  public static long chargedNanos(long costNanos, BigDecimal multiplier) {
    if (multiplier.signum() < 0) {
      throw new IllegalArgumentException("multiplier must be >= 0 (was " + multiplier.toPlainString() + ")");
    }
    return BigDecimal.valueOf(costNanos).multiply(multiplier).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }
}
