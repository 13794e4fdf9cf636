package dev.keypool.tenancy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money at the API edge: decimal US dollars ({@code "12.50"}) outside, nanos of a dollar inside, so
 * sums of many tiny request costs stay exact.
 */
public final class Usd {
  private static final int NANOS_SCALE = 9;

  private Usd() {}

  /** Dollars to nanos; throws {@link IllegalArgumentException} for text that is not a decimal number or too many digits. */
  public static long toNanos(String dollars) {
    try {
      BigDecimal d = new BigDecimal(dollars.trim());
      if (d.scale() > NANOS_SCALE) {
        throw new IllegalArgumentException("'" + dollars + "' has more than 9 decimal places");
      }
      return d.movePointRight(NANOS_SCALE).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + dollars + "' is not an amount of US dollars such as \"12.50\"");
    }
  }

  /** Nanos as dollars with at least two decimals: {@code "12.50"}, {@code "0.000125"}. */
  public static String format(long nanos) {
    BigDecimal d = BigDecimal.valueOf(nanos, NANOS_SCALE).stripTrailingZeros();
    return d.setScale(Math.max(2, d.scale()), RoundingMode.UNNECESSARY).toPlainString();
  }
}
