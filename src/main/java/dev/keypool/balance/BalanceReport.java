package dev.keypool.balance;

import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.KeySnapshot;
import dev.keypool.keypool.KeyState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The admin API's view of balances: per key the latest reading with its age and the latest error, the
 * burn rate from the cost Keypool recorded over the last 24 hours and 7 days, the days left at each rate,
 * a reconciliation of the last two readings against the recorded cost, and the history; per provider
 * the same over its keys. Amounts are decimal strings, exactly as read; dollar totals say which
 * exchange rates made them. Everything but {@link #summary} blocks on the database.
 */
public final class BalanceReport {
  /** Readings looked at for a reconciliation when the history asked for is shorter. */
  private static final int RECONCILE_WINDOW = 50;

  private final BalanceService service;
  private final KeyPool pool;
  private final RecordedCost cost;
  private final ExchangeRates rates;
  private final Clock clock;

  public BalanceReport(BalanceService service, KeyPool pool, DataSource ds, Clock clock) {
    this.service = service;
    this.pool = pool;
    this.cost = new RecordedCost(ds);
    this.rates = new ExchangeRates(() -> service.config().exchangeRates());
    this.clock = clock;
  }

  /** A key's balance in full, with its latest {@code historyLimit} readings. */
  public Map<String, Object> key(String keyId, String providerId, int historyLimit) {
    Map<String, Object> out = keyBase(keyId, providerId);
    BalanceState s = service.state(keyId);
    BigDecimal usd = s == null || s.lastOk() == null ? null : rates.toUsd(s.lastOk().amounts()).usd();
    out.putAll(burn("provider_key_id", keyId, usd));
    List<BalanceReading> recent = service.history(keyId, Math.max(historyLimit, RECONCILE_WINDOW));
    out.put("reconciliation", reconcile(keyId, recent));
    out.put("history", recent.stream().limit(historyLimit).map(this::reading).toList());
    return out;
  }

  /** Every key of a provider (without history), the provider's total, burn rate and days left. */
  public Map<String, Object> provider(String providerId) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("provider", providerId);
    out.put("adapter", service.adapterName(providerId));
    List<Map<String, Object>> keys = new ArrayList<>();
    List<BalanceAmount> all = new ArrayList<>();
    boolean unread = false;
    for (KeySnapshot k : pool.snapshots()) {
      if (!k.providerId().equals(providerId)) {
        continue;
      }
      keys.add(keyBase(k.id(), providerId));
      BalanceState s = service.state(k.id());
      if (s == null || s.lastOk() == null || s.lastOk().amounts().isEmpty()) {
        unread = true;
      } else {
        all.addAll(s.lastOk().amounts());
      }
    }
    ExchangeRates.Total total = rates.toUsd(all);
    BigDecimal usd = unread ? null : total.usd();
    Map<String, Object> sum = new LinkedHashMap<>();
    sum.put("usd", str(usd));
    sum.put("rates", strings(total.rates()));
    sum.put("missing_rates", total.missing());
    sum.put("keys_without_reading", unread);
    // Keys of one account each report the account's balance; the sum then counts it once per key.
    sum.put("note", "sum of the keys' latest readings; keys sharing one account count its balance once each");
    out.put("total", sum);
    out.putAll(burn("provider_id", providerId, usd));
    out.put("keys", keys);
    return out;
  }

  /** The latest reading of a key from memory only, for listings; null when none was made. */
  public Map<String, Object> summary(String keyId) {
    BalanceState s = service.state(keyId);
    if (s == null || s.lastAttempt() == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    BalanceReading ok = s.lastOk();
    out.put("amounts", ok == null ? List.of() : amounts(ok.amounts()));
    out.put("fetched_at", ok == null ? null : ok.fetchedAt().toString());
    out.put("age_seconds", ok == null ? null : age(ok.fetchedAt()));
    out.put("error", s.error());
    return out;
  }

  private Map<String, Object> keyBase(String keyId, String providerId) {
    BalanceState s = service.state(keyId);
    KeySnapshot live = pool.snapshot(keyId);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key_id", keyId);
    out.put("name", live == null ? null : live.name());
    out.put("provider", providerId);
    out.put("adapter", service.adapterName(providerId));
    BalanceReading ok = s == null ? null : s.lastOk();
    out.put("balance", ok == null ? null : reading(ok));
    out.put("age_seconds", ok == null ? null : age(ok.fetchedAt()));
    out.put("last_attempt_at", s == null || s.lastAttempt() == null ? null : s.lastAttempt().fetchedAt().toString());
    out.put("error", s == null ? null : s.error());
    out.put("refreshing", s != null && s.refreshing());
    out.put("next_refresh_at", s == null || s.nextDue() == null ? null : s.nextDue().toString());
    out.put("balance_exhausted", live != null && live.state() == KeyState.BALANCE_EXHAUSTED);
    return out;
  }

  private Map<String, Object> burn(String column, String id, BigDecimal balanceUsd) {
    Instant now = clock.instant();
    Map<String, Object> burn = new LinkedHashMap<>();
    Map<String, Object> daysLeft = new LinkedHashMap<>();
    BigDecimal highest = BigDecimal.ZERO;
    for (int hours : DaysLeft.WINDOWS) {
      String window = hours == 24 ? "24h" : hours / 24 + "d";
      Instant from = RecordedCost.windowStart(now, hours);
      BigDecimal spent = cost.since(column, id, from);
      BigDecimal perDay = DaysLeft.perDay(spent, from, now);
      highest = highest.max(perDay);
      burn.put("cost_" + window + "_usd", spent.toPlainString());
      burn.put("per_day_" + window + "_usd", perDay.toPlainString());
      daysLeft.put("at_" + window + "_rate", DaysLeft.days(balanceUsd, perDay));
    }
    // What the balance_days_left rule judges: the higher of the two rates.
    daysLeft.put("estimate", DaysLeft.days(balanceUsd, highest));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("burn", burn);
    out.put("days_left", daysLeft);
    return out;
  }

  /** The last two successful readings in dollars against the cost recorded between them; null without two. */
  private Map<String, Object> reconcile(String keyId, List<BalanceReading> newestFirst) {
    List<BalanceReading> ok = newestFirst.stream().filter(r -> r.ok() && rates.toUsd(r.amounts()).usd() != null)
        .limit(2).toList();
    if (ok.size() < 2) {
      return null;
    }
    BalanceReading later = ok.get(0);
    BalanceReading earlier = ok.get(1);
    BigDecimal drop = rates.toUsd(earlier.amounts()).usd().subtract(rates.toUsd(later.amounts()).usd());
    BigDecimal recorded = cost.between(keyId, earlier.fetchedAt(), later.fetchedAt());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", earlier.fetchedAt().toString());
    out.put("to", later.fetchedAt().toString());
    out.put("balance_drop_usd", Decimals.plain(drop).toPlainString());
    out.put("recorded_cost_usd", recorded.toPlainString());
    out.put("drift_usd", Decimals.plain(drop.subtract(recorded)).toPlainString());
    out.put("topped_up", drop.signum() < 0);
    return out;
  }

  private Map<String, Object> reading(BalanceReading r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fetched_at", r.fetchedAt().toString());
    out.put("adapter", r.adapter());
    out.put("amounts", amounts(r.amounts()));
    out.put("available", r.available());
    Map<String, String> details = new LinkedHashMap<>();
    r.details().forEach((k, v) -> details.put(k, v.toPlainString()));
    out.put("details", details);
    out.put("note", r.note());
    out.put("error", r.error());
    if (r.ok()) {
      ExchangeRates.Total total = rates.toUsd(r.amounts());
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("usd", str(total.usd()));
      t.put("rates", strings(total.rates()));
      t.put("missing_rates", total.missing());
      out.put("total", t);
    }
    return out;
  }

  private static List<Map<String, Object>> amounts(List<BalanceAmount> amounts) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (BalanceAmount a : amounts) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("currency", a.currency());
      m.put("amount", a.amount().toPlainString());
      m.put("total", str(a.total()));
      m.put("used", str(a.used()));
      out.add(m);
    }
    return out;
  }

  private long age(Instant at) {
    return Math.max(0, Duration.between(at, clock.instant()).toSeconds());
  }

  private static Map<String, String> strings(Map<String, BigDecimal> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.toPlainString()));
    return out;
  }

  private static String str(BigDecimal n) {
    return n == null ? null : n.toPlainString();
  }
}
