package dev.keypool.balance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Converts balances to US dollars with the configured rates (dollars per unit of a currency), and says
 * which rates it used: a total across currencies is only as good as the rates the operator gave. The
 * rates are those in effect at each conversion (a configuration reload may change them).
 */
public final class ExchangeRates {
  private final Supplier<Map<String, BigDecimal>> usdPerUnit;

  public ExchangeRates(Map<String, BigDecimal> usdPerUnit) {
    Map<String, BigDecimal> fixed = Map.copyOf(usdPerUnit);
    this.usdPerUnit = () -> fixed;
  }

  /** @param usdPerUnit the rates in effect (an immutable map), read once per conversion */
  public ExchangeRates(Supplier<Map<String, BigDecimal>> usdPerUnit) {
    this.usdPerUnit = usdPerUnit;
  }

  /**
   * The sum of {@code amounts} in dollars.
   *
   * @param usd null when a currency has no rate (then {@code missing} names it)
   * @param rates the rates used, by currency (USD itself needs none)
   */
  public record Total(BigDecimal usd, Map<String, BigDecimal> rates, List<String> missing) {}

  public Total toUsd(List<BalanceAmount> amounts) {
    Map<String, BigDecimal> rates = usdPerUnit.get();
    BigDecimal sum = BigDecimal.ZERO;
    Map<String, BigDecimal> used = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    for (BalanceAmount a : amounts) {
      BigDecimal rate = a.currency().equals("USD") ? BigDecimal.ONE : rates.get(a.currency());
      if (rate == null) {
        missing.add(a.currency());
        continue;
      }
      if (!a.currency().equals("USD")) {
        used.put(a.currency(), rate);
      }
      sum = sum.add(a.amount().multiply(rate, MathContext.DECIMAL64));
    }
    return new Total(missing.isEmpty() && !amounts.isEmpty() ? Decimals.plain(sum) : null, used, missing);
  }

  /** One amount in dollars, or null without a rate. */
  public BigDecimal usd(BalanceAmount a) {
    BigDecimal rate = a.currency().equals("USD") ? BigDecimal.ONE : usdPerUnit.get().get(a.currency());
    return rate == null ? null : a.amount().multiply(rate, MathContext.DECIMAL64);
  }
}
