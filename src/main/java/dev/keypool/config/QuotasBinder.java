package dev.keypool.config;

import dev.keypool.quota.LimitRules;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Binds and validates the {@code quotas} section. */
final class QuotasBinder {

  private QuotasBinder() {}

  static QuotasConfig bind(FieldReader r) {
    Optional<QuotasConfig.Redis> redis = r.has("redis") ? Optional.of(redis(r.object("redis"))) : Optional.empty();
    LocalTime reset = dailyReset(r);
    var quotas = new QuotasConfig(redis, reset, rules(r, "gateway_key"), rules(r, "client_ip"), rules(r, "user"),
        rules(r, "org"), r.duration("metrics_interval", QuotasConfig.DEFAULT_METRICS_INTERVAL, true));
    r.finish();
    return quotas;
  }

  private static QuotasConfig.Redis redis(FieldReader r) {
    String url = r.secret("url").trim();
    if (url.isEmpty()) {
      r.errors().add(r.path("url"), "required (e.g. redis://127.0.0.1:6379)");
    } else if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
      r.errors().add(r.path("url"), "must start with redis:// or rediss://");
    }
    var redis = new QuotasConfig.Redis(url, r.duration("timeout", ConfigDefaults.QUOTA_REDIS_TIMEOUT, false),
        r.string("prefix", ConfigDefaults.QUOTA_REDIS_PREFIX), r.bool("shared_key_state", true));
    r.finish();
    return redis;
  }

  private static LocalTime dailyReset(FieldReader r) {
    String text = r.string("daily_reset", null);
    if (text == null) {
      return ConfigDefaults.DAILY_RESET;
    }
    try {
      if (text.trim().matches("\\d\\d:\\d\\d")) {
        return LocalTime.parse(text.trim());
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    r.errors().add(r.path("daily_reset"), "must be a UTC time of day HH:MM, e.g. \"07:00\" (was \"" + text + "\")");
    return ConfigDefaults.DAILY_RESET;
  }

  /** One scope's rules in the same JSON form the admin API uses (LimitRules), errors naming the field. */
  private static LimitRules rules(FieldReader r, String scope) {
    try {
      return LimitRules.parse(r.stringMap(scope));
    } catch (IllegalArgumentException e) {
      r.errors().add(r.path(scope), e.getMessage());
      return LimitRules.NONE;
    }
  }
}
