package dev.keypool.server;

import dev.keypool.config.QuotasConfig;
import dev.keypool.quota.BalanceHolds;
import dev.keypool.quota.FailoverQuotaEngine;
import dev.keypool.quota.LimitResolver;
import dev.keypool.quota.LocalQuotaEngine;
import dev.keypool.quota.PrepaidBalances;
import dev.keypool.quota.QuotaEngine;
import dev.keypool.quota.RedisLink;
import dev.keypool.quota.RedisQuotaEngine;
import dev.keypool.quota.Tenancy;
import dev.keypool.relay.QuotaGate;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the quota side of an instance from {@code quotas:}: the in-memory engine alone, or Redis with
 * local fallback, with the {@link Tenancy} and {@link PrepaidBalances} {@link Gateway} gives it (the
 * directory's, or scripted ones in tests).
 */
public final class Quotas {
  /** A concurrency slot never settled (an instance died mid-request) is freed after this. */
  static final Duration CONCURRENCY_LEASE = Duration.ofMinutes(30);

  /** Who owns gateway keys and their prepaid balances; {@link #NONE}: nobody, no balance. */
  public record Extensions(Tenancy tenancy, PrepaidBalances balances) {
    public static final Extensions NONE = new Extensions(Tenancy.NONE, PrepaidBalances.NONE);
  }

  private Quotas() {}

  /** The gate and, when Redis is configured, its link (closed with the gate by {@link Gateway}). */
  record Built(QuotaGate gate, RedisLink link) implements AutoCloseable {
    @Override
    public void close() {
      gate.close();
      if (link != null) {
        link.close();
      }
    }
  }

  static Built build(QuotasConfig config, Clock clock, Extensions extensions) {
    LocalQuotaEngine local = new LocalQuotaEngine(clock, config.dailyReset());
    RedisLink link = null;
    QuotaEngine engine = local;
    if (config.redis().isPresent()) {
      QuotasConfig.Redis redis = config.redis().get();
      link = new RedisLink(redis.url(), redis.timeout(), Duration.ofSeconds(2), Duration.ofSeconds(1));
      engine = new FailoverQuotaEngine(
          new RedisQuotaEngine(link, redis.prefix(), clock, config.dailyReset(), CONCURRENCY_LEASE), local);
    }
    LimitResolver resolver = new LimitResolver(config, extensions.tenancy());
    return new Built(new QuotaGate(engine, resolver, new BalanceHolds(extensions.balances())), link);
  }
}
