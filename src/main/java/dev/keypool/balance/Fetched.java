package dev.keypool.balance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What an adapter read from a provider, before it becomes a {@link BalanceReading}.
 *
 * @param amounts one per currency; empty when the provider gave no amount (an OpenRouter key without a
 *     limit, whose account credits the key may not read)
 * @param available the provider's own verdict on whether the key can be used for calls, or null
 * @param details further figures, by name (granted vs. topped up, daily usage...)
 * @param note a remark on the reading, or null
 */
public record Fetched(List<BalanceAmount> amounts, Boolean available, Map<String, BigDecimal> details, String note) {

  public Fetched {
    amounts = List.copyOf(amounts);
    details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }

  static Fetched of(BalanceAmount amount) {
    return new Fetched(List.of(amount), null, Map.of(), null);
  }
}
