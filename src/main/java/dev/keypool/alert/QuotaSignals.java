package dev.keypool.alert;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitResolver;
import dev.keypool.quota.QuotaEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Quotas of gateway keys, users and orgs past {@code quota_80} / {@code quota_95}'s share: the limits
 * of every usable key (each shared user or org limit once) with an hourly or longer window, read through
 * the quota engine's counters (memory, or Redis bounded by its command timeout: this runs on the alert
 * thread, never on a loop). Per-second and per-minute rates, concurrency and client-IP limits are rate
 * control, not quotas, and are left out. Both rules hold at once above 95 %.
 */
public final class QuotaSignals implements AlertSignals {
  /** Counters read at most per evaluation, so a huge tenancy cannot stretch a round indefinitely. */
  private static final int MAX_LIMITS = 10_000;

  private final Supplier<Collection<GatewayKey>> keys;
  private final LimitResolver resolver;
  private final QuotaEngine engine;
  private volatile Map<RuleKind, RuleSettings> rules;

  public QuotaSignals(Supplier<Collection<GatewayKey>> keys, LimitResolver resolver, QuotaEngine engine,
      Map<RuleKind, RuleSettings> rules) {
    this.keys = keys;
    this.resolver = resolver;
    this.engine = engine;
    this.rules = rules;
  }

  @Override
  public void configure(Map<RuleKind, RuleSettings> rules) {
    this.rules = rules;
  }

  @Override
  public Set<RuleKind> rules() {
    return EnumSet.of(RuleKind.QUOTA_80, RuleKind.QUOTA_95);
  }

  @Override
  public List<Condition> conditions(Instant now) {
    List<Condition> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (GatewayKey key : keys.get()) {
      if (!key.usable(now)) {
        continue;
      }
      for (Limit limit : resolver.forKey(key).limits()) {
        if (limit.isQuota() && seen.size() < MAX_LIMITS && seen.add(limit.counterName())) {
          check(limit, out);
        }
      }
    }
    return out;
  }

  private void check(Limit limit, List<Condition> out) {
    long used = engine.current(limit);
    BigDecimal share = BigDecimal.valueOf(used).divide(BigDecimal.valueOf(limit.max()), 4, RoundingMode.DOWN);
    for (RuleKind rule : List.of(RuleKind.QUOTA_80, RuleKind.QUOTA_95)) {
      RuleSettings s = rules.getOrDefault(rule, rule.defaults());
      if (s.enabled() && share.compareTo(s.threshold()) >= 0) {
        String percent = share.movePointRight(2).setScale(0, RoundingMode.DOWN).toPlainString() + " %";
        out.add(new Condition(rule, "quota:" + limit.counterName(), "Quota " + limit.describe() + " is " + percent
            + " used", "Past " + s.threshold().movePointRight(2).stripTrailingZeros().toPlainString()
            + " % of the limit in the current " + limit.period().label() + "; at 100 % requests are refused."));
      }
    }
  }
}
