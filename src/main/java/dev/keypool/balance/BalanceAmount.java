package dev.keypool.balance;

import java.math.BigDecimal;

/**
 * What a key has left in one currency, exactly as the provider stated it.
 *
 * @param currency ISO code, upper case
 * @param amount what is left to spend; may be negative (a debt)
 * @param total what was granted or bought in all, when the provider says; else null
 * @param used what was spent of {@code total}, when the provider says; else null
 */
public record BalanceAmount(String currency, BigDecimal amount, BigDecimal total, BigDecimal used) {

  public static BalanceAmount of(String currency, BigDecimal amount) {
    return new BalanceAmount(currency, amount, null, null);
  }
}
