package dev.keypool.config;

import dev.keypool.quota.LimitRules;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

/**
 * Quotas and rate limits: where counters live and the default rules per scope.
 *
 * @param redis shared counters for every instance using the same Redis and prefix; empty: this
 *     instance's memory
 * @param dailyReset when days (and months, on the 1st) start, in UTC
 * @param gatewayKey rules applied to every gateway key
 * @param clientIp rules applied to every client IP address
 * @param user rules applied to every user, once callers have users
 * @param org rules applied to every organisation, once callers have organisations
 * @param metricsInterval how often the quota counters are read for the {@code keypool_quota_used} and
 *     {@code keypool_quota_limit} gauges; zero turns the gauges off
 */
public record QuotasConfig(Optional<Redis> redis, LocalTime dailyReset, LimitRules gatewayKey, LimitRules clientIp,
    LimitRules user, LimitRules org, Duration metricsInterval) {

  /** How often the quota counters are read for the {@code keypool_quota_*} gauges unless set. */
  public static final Duration DEFAULT_METRICS_INTERVAL = Duration.ofSeconds(15);

  /** The rules alone, with the default gauge interval. */
  public QuotasConfig(Optional<Redis> redis, LocalTime dailyReset, LimitRules gatewayKey, LimitRules clientIp,
      LimitRules user, LimitRules org) {
    this(redis, dailyReset, gatewayKey, clientIp, user, org, DEFAULT_METRICS_INTERVAL);
  }

  /**
   * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://...}; may hold a password
   * @param timeout bound of one Redis command; past it the instance enforces locally until Redis answers
   * @param prefix prepended to every key, so several gateways (or tests) can share one Redis
   * @param sharedKeyState whether the instances also share their provider keys' state (cooldowns, bans,
   *     probes, rate-limit figures) through this Redis, so that they choose keys as one pool
   */
  public record Redis(String url, Duration timeout, String prefix, boolean sharedKeyState) {
    @Override
    public String toString() {
      return "Redis[url=" + redacted(url) + ", timeout=" + timeout + ", prefix=" + prefix + ", sharedKeyState="
          + sharedKeyState + "]";
    }

    private static String redacted(String url) {
      int at = url.lastIndexOf('@');
      int scheme = url.indexOf("://");
      return at < 0 || scheme < 0 ? url : url.substring(0, scheme + 3) + "***" + url.substring(at);
    }
  }
}
