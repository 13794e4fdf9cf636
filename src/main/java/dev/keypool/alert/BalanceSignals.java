package dev.keypool.alert;

import dev.keypool.balance.BalanceReading;
import dev.keypool.balance.BalanceService;
import dev.keypool.balance.ExchangeRates;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;

/**
 * Feeds the {@code balance_low} rule from balance readings: a key whose readable balance, in US dollars,
 * is at or below the rule's threshold raises the condition; a later reading above it clears it. A reading
 * that failed, or whose currency has no exchange rate, changes nothing (no news is not good news).
 */
public final class BalanceSignals {
  private BalanceSignals() {}

  public static void connect(BalanceService balances, AlertService alerts, ExchangeRates rates, KeyPool pool) {
    balances.onReading(reading -> apply(reading, alerts, rates, pool));
  }

  static void apply(BalanceReading reading, AlertService alerts, ExchangeRates rates, KeyPool pool) {
    RuleSettings rule = alerts.settings(RuleKind.BALANCE_LOW);
    if (!rule.enabled() || !reading.ok() || reading.amounts().isEmpty()) {
      return;
    }
    ExchangeRates.Total total = rates.toUsd(reading.amounts());
    if (total.usd() == null) {
      return;
    }
    String subject = "key:" + reading.keyId();
    if (total.usd().compareTo(rule.threshold()) > 0) {
      alerts.pushed().clear(RuleKind.BALANCE_LOW, subject);
      return;
    }
    ProviderKey key = pool.definition(reading.keyId());
    String name = key == null ? reading.keyId() : "'" + key.name() + "' (" + key.id() + ")";
    alerts.pushed().raise(new Condition(RuleKind.BALANCE_LOW, subject,
        "Provider key " + name + " of " + reading.providerId() + " is low on balance",
        "Balance $" + total.usd().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
            + " is at or below the alert threshold of $" + rule.threshold().stripTrailingZeros().toPlainString()
            + (total.rates().isEmpty() ? "" : " (converted at the configured exchange rates)") + "."));
  }
}
