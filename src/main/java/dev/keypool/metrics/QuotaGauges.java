package dev.keypool.metrics;

import dev.keypool.gatewaykey.GatewayKey;
import dev.keypool.quota.Limit;
import dev.keypool.quota.LimitResolver;
import dev.keypool.quota.QuotaEngine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quota usage as gauges, so dashboards and alert managers see how close keys, users and orgs are to
 * their allowances: {@code keypool_quota_used} (what the counter holds in the current window) and
 * {@code keypool_quota_limit} (its maximum), labelled by scope, subject id, kind and period. Every quota
 * of every usable gateway key is read ({@link Limit#isQuota()}: hourly or longer windows; a user's or
 * org's quota once however many keys share it; of two limits on one counter the smaller), through the
 * quota engine, so with Redis the figures are the deployment's, not this instance's.
 *
 * <p>{@link #sample()} reads the counters (the Redis engine answers over the network: call it off the
 * event loops) and at most {@link #MAX_SERIES} quotas, so a huge tenancy cannot flood the metrics; a quota
 * that is gone (key deleted or disabled, limit removed) loses its series at the next sample.
 */
public final class QuotaGauges {
  private static final Logger log = LoggerFactory.getLogger(QuotaGauges.class);
  /** Quotas exported at most; past it the rest are left out and that is logged once. */
  static final int MAX_SERIES = 2_000;

  private final Supplier<Collection<GatewayKey>> keys;
  private final LimitResolver resolver;
  private final QuotaEngine engine;
  private final MeterRegistry registry;
  private final Clock clock;
  private final Map<String, Series> series = new HashMap<>();
  private boolean toldTruncated;

  /** One quota's gauges and the figures they show. */
  private static final class Series {
    final Gauge used;
    final Gauge limit;
    volatile double usedValue;
    volatile double limitValue;

    Series(Limit quota, MeterRegistry registry) {
      Tags tags = Tags.of("scope", quota.scope().name().toLowerCase(Locale.ROOT), "subject", quota.id(),
          "kind", quota.kind().name().toLowerCase(Locale.ROOT), "period", quota.period().label());
      used = Gauge.builder("keypool.quota.used", this, s -> s.usedValue).tags(tags)
          .description("What a quota's counter holds in its current window (requests, tokens or nanos of a USD)")
          .register(registry);
      limit = Gauge.builder("keypool.quota.limit", this, s -> s.limitValue).tags(tags)
          .description("A quota's maximum per window, in the unit of keypool_quota_used").register(registry);
    }
  }

  public QuotaGauges(Supplier<Collection<GatewayKey>> keys, LimitResolver resolver, QuotaEngine engine,
      MeterRegistry registry, Clock clock) {
    this.keys = keys;
    this.resolver = resolver;
    this.engine = engine;
    this.registry = registry;
    this.clock = clock;
  }

  /** Reads every quota's counter and updates the gauges; blocks while the engine answers. */
  public synchronized void sample() {
    Map<String, Limit> quotas = quotas(clock.instant());
    for (Map.Entry<String, Limit> e : quotas.entrySet()) {
      long used;
      try {
        used = engine.current(e.getValue());
      } catch (RuntimeException failure) {
        // Redis gone between two samples: the gauges keep the last figures; the engine says why elsewhere.
        log.debug("cannot read quota {}: {}", e.getKey(), failure.toString());
        continue;
      }
      Series s = series.computeIfAbsent(e.getKey(), name -> new Series(e.getValue(), registry));
      s.usedValue = used;
      s.limitValue = e.getValue().max();
    }
    series.entrySet().removeIf(e -> {
      if (quotas.containsKey(e.getKey())) {
        return false;
      }
      registry.remove(e.getValue().used);
      registry.remove(e.getValue().limit);
      return true;
    });
  }

  /** The quotas to show, by counter, each with the smallest maximum set on that counter. */
  private Map<String, Limit> quotas(Instant now) {
    Map<String, Limit> out = new LinkedHashMap<>();
    for (GatewayKey key : keys.get()) {
      if (!key.usable(now)) {
        continue;
      }
      for (Limit limit : resolver.forKey(key).limits()) {
        if (!limit.isQuota()) {
          continue;
        }
        Limit held = out.get(limit.counterName());
        if (held == null && out.size() >= MAX_SERIES) {
          if (!toldTruncated) {
            toldTruncated = true;
            log.warn("more than {} quotas: the keypool_quota_* gauges show the first {} only", MAX_SERIES, MAX_SERIES);
          }
          continue;
        }
        if (held == null || limit.max() < held.max()) {
          out.put(limit.counterName(), limit);
        }
      }
    }
    return out;
  }
}
