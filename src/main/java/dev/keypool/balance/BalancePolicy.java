package dev.keypool.balance;

import dev.keypool.config.BalancesConfig;
import dev.keypool.keypool.KeyPool;
import java.math.BigDecimal;
import java.util.stream.Collectors;

/**
 * The optional policy: a key whose reading shows every balance at or below the provider's
 * {@code min_balance} (each in its own currency), or that the provider says cannot be used, leaves
 * rotation with the reason {@code balance_exhausted}; a later reading with money puts it back. Only
 * successful readings count: a failed read changes nothing. An operator's disable is another state,
 * which this never touches.
 */
final class BalancePolicy {
  private final KeyPool pool;

  BalancePolicy(KeyPool pool) {
    this.pool = pool;
  }

  void apply(BalanceReading r, BalancesConfig.Provider settings) {
    if (!r.ok()) {
      return;
    }
    BigDecimal min = settings == null ? null : settings.minBalance();
    pool.balanceExhausted(r.keyId(), min == null ? null : exhaustion(r, min));
  }

  /** Why {@code r} means the key is out of money, or null when it has some. */
  static String exhaustion(BalanceReading r, BigDecimal min) {
    if (Boolean.FALSE.equals(r.available())) {
      return "the provider says the balance cannot pay for calls (" + amounts(r) + ")";
    }
    if (r.amounts().isEmpty()) {
      return null;
    }
    for (BalanceAmount a : r.amounts()) {
      if (a.amount().compareTo(min) > 0) {
        return null;
      }
    }
    return "balance " + amounts(r) + " at or below min_balance " + min.toPlainString();
  }

  private static String amounts(BalanceReading r) {
    return r.amounts().isEmpty() ? "no amount" : r.amounts().stream()
        .map(a -> a.amount().toPlainString() + " " + a.currency()).collect(Collectors.joining(", "));
  }
}
