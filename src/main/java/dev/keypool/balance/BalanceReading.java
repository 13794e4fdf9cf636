package dev.keypool.balance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One attempt to read a key's balance: what the provider said, or why it could not be read.
 *
 * @param error null when the reading succeeded; otherwise what went wrong, secret-free
 */
public record BalanceReading(String keyId, String providerId, String adapter, Instant fetchedAt,
    List<BalanceAmount> amounts, Boolean available, Map<String, BigDecimal> details, String note, String error) {

  public BalanceReading {
    amounts = amounts == null ? List.of() : List.copyOf(amounts);
    details = details == null ? Map.of() : details;
  }

  static BalanceReading ok(String keyId, String providerId, String adapter, Instant at, Fetched f) {
    return new BalanceReading(keyId, providerId, adapter, at, f.amounts(), f.available(), f.details(), f.note(), null);
  }

  static BalanceReading failed(String keyId, String providerId, String adapter, Instant at, String error) {
    return new BalanceReading(keyId, providerId, adapter, at, List.of(), null, Map.of(), null, error);
  }

  public boolean ok() {
    return error == null;
  }

  /** The amount in {@code currency}, or null. */
  public BigDecimal amount(String currency) {
    for (BalanceAmount a : amounts) {
      if (a.currency().equals(currency)) {
        return a.amount();
      }
    }
    return null;
  }
}
