package dev.keypool.alert;

import dev.keypool.balance.BalanceReading;
import dev.keypool.balance.BalanceService;
import dev.keypool.balance.DaysLeft;
import dev.keypool.balance.ExchangeRates;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.ProviderKey;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Feeds the balance rules from balance readings. {@code balance_low}: a key whose readable balance, in
 * US dollars, is at or below the rule's threshold raises the condition; a later reading above it clears
 * it. {@code balance_days_left}: a key whose balance lasts at most the rule's threshold in days at its
 * recorded spending ({@link DaysLeft}) raises it; a reading with more days left, or with no recent
 * spending, clears it. A reading that failed, or whose currency has no exchange rate, changes nothing
 * (no news is not good news).
 */
public final class BalanceSignals {
  private BalanceSignals() {}

  public static void connect(BalanceService balances, AlertService alerts, ExchangeRates rates, KeyPool pool) {
    balances.onReading(reading -> {
      apply(reading, alerts, rates, pool);
      if (reading.ok()) {
        applyDaysLeft(balances.daysLeft().latest(reading.keyId()), alerts, pool);
      }
    });
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
    alerts.pushed().raise(new Condition(RuleKind.BALANCE_LOW, subject,
        "Provider key " + name(pool, reading.keyId()) + " of " + reading.providerId() + " is low on balance",
        "Balance " + dollars(total.usd()) + " is at or below the alert threshold of $"
            + rule.threshold().stripTrailingZeros().toPlainString()
            + (total.rates().isEmpty() ? "" : " (converted at the configured exchange rates)") + "."));
  }

  /** Raises or clears {@code balance_days_left} from a key's latest estimate; null (no dollars) changes nothing. */
  static void applyDaysLeft(DaysLeft.Estimate e, AlertService alerts, KeyPool pool) {
    RuleSettings rule = alerts.settings(RuleKind.BALANCE_DAYS_LEFT);
    if (!rule.enabled() || e == null) {
      return;
    }
    String subject = "key:" + e.keyId();
    if (e.days() == null || e.days().compareTo(rule.threshold()) > 0) {
      alerts.pushed().clear(RuleKind.BALANCE_DAYS_LEFT, subject);
      return;
    }
    alerts.pushed().raise(new Condition(RuleKind.BALANCE_DAYS_LEFT, subject,
        "Provider key " + name(pool, e.keyId()) + " of " + e.providerId() + " has " + e.days().toPlainString()
            + " days of balance left",
        "Balance " + dollars(e.balanceUsd()) + " lasts " + e.days().toPlainString() + " days at the recorded spending of "
            + dollars(e.perDayUsd()) + " a day (the higher of the last 24 hours' and 7 days' rates); the alert"
            + " threshold is " + rule.threshold().stripTrailingZeros().toPlainString() + " days."));
  }

  private static String name(KeyPool pool, String keyId) {
    ProviderKey key = pool.definition(keyId);
    return key == null ? keyId : "'" + key.name() + "' (" + key.id() + ")";
  }

  private static String dollars(BigDecimal usd) {
    return "$" + usd.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
