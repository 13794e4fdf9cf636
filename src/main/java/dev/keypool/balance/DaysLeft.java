package dev.keypool.balance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * How many days a key's balance lasts at the rate Keypool recorded spending on it: the balance in US
 * dollars over the cost per day, taking the higher of the last 24 hours' and the last 7 days' rates, so
 * a key that just got busy (or is only a day old) is not judged by a quiet week. Computed after each
 * successful reading (off the event loop, it reads the hourly rollups) and kept in memory for the
 * {@code balance_days_left} alert rule, the admin API and the metrics.
 */
public final class DaysLeft {
  /** The burn-rate windows, in hours: the last 24 hours and the last 7 days. */
  static final int[] WINDOWS = {24, 24 * 7};
  private static final BigDecimal DAY_MS = BigDecimal.valueOf(86_400_000L);

  /**
   * One key's estimate.
   *
   * @param perDayUsd the cost per day the estimate divides by (zero when nothing was spent)
   * @param days null when nothing was spent recently (the balance does not run out at this rate)
   */
  public record Estimate(String keyId, String providerId, Instant readAt, BigDecimal balanceUsd,
      BigDecimal perDayUsd, BigDecimal days) {}

  private final RecordedCost cost;
  private final ExchangeRates rates;
  private final Clock clock;
  private final Map<String, Estimate> latest = new ConcurrentHashMap<>();

  public DaysLeft(DataSource ds, ExchangeRates rates, Clock clock) {
    this.cost = new RecordedCost(ds);
    this.rates = rates;
    this.clock = clock;
  }

  /**
   * Estimates the days left of a successful reading and keeps the estimate; forgets the key's estimate
   * when the reading has no amount in dollars (no rate for its currency). Blocks on the database.
   */
  Estimate update(BalanceReading r) {
    BigDecimal usd = r.ok() && !r.amounts().isEmpty() ? rates.toUsd(r.amounts()).usd() : null;
    if (usd == null) {
      latest.remove(r.keyId());
      return null;
    }
    BigDecimal perDay = BigDecimal.ZERO;
    Instant now = clock.instant();
    for (int hours : WINDOWS) {
      perDay = perDay.max(perDay(cost, "provider_key_id", r.keyId(), now, hours));
    }
    Estimate e = new Estimate(r.keyId(), r.providerId(), r.fetchedAt(), usd, perDay, days(usd, perDay));
    latest.put(r.keyId(), e);
    return e;
  }

  /** The latest estimate of {@code keyId}, from memory; null when its balance was not read in dollars. */
  public Estimate latest(String keyId) {
    return latest.get(keyId);
  }

  /** Forgets a deleted key. */
  public void forget(String keyId) {
    latest.remove(keyId);
  }

  /** The cost per day recorded for a key or provider over the rollup window covering the last {@code hours}. */
  static BigDecimal perDay(RecordedCost cost, String column, String id, Instant now, int hours) {
    Instant from = RecordedCost.windowStart(now, hours);
    return perDay(cost.since(column, id, from), from, now);
  }

  /** {@code spent} between {@code from} and {@code now} per day, to the micro-dollar. */
  static BigDecimal perDay(BigDecimal spent, Instant from, Instant now) {
    BigDecimal days = BigDecimal.valueOf(Duration.between(from, now).toMillis()).divide(DAY_MS, MathContext.DECIMAL64);
    return Decimals.plain(spent.divide(days, MathContext.DECIMAL64).setScale(6, RoundingMode.HALF_UP));
  }

  /** {@code balanceUsd / perDayUsd} to one decimal (a negative balance counts as none); null without spending. */
  static BigDecimal days(BigDecimal balanceUsd, BigDecimal perDayUsd) {
    if (balanceUsd == null || perDayUsd == null || perDayUsd.signum() <= 0) {
      return null;
    }
    return balanceUsd.max(BigDecimal.ZERO).divide(perDayUsd, MathContext.DECIMAL64).setScale(1, RoundingMode.HALF_UP);
  }
}
