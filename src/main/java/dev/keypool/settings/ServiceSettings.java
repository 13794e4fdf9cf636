package dev.keypool.settings;

import dev.keypool.config.AdminConfig;
import dev.keypool.config.GatewayConfig;
import dev.keypool.config.ListenersConfig;
import dev.keypool.config.QuotasConfig;
import dev.keypool.config.RoutingConfig;
import dev.keypool.config.StorageConfig;
import dev.keypool.quota.LimitRules;

/**
 * The sections that configure the gateway itself (listeners, storage, admin access, limits, header
 * forwarding, routing defaults, request records, billing, quotas, balances): file, environment and defaults only.
 */
final class ServiceSettings {

  private ServiceSettings() {}

  static void collect(GatewayConfig config, SettingsCollector out) {
    listener(out, "listeners.proxy", config.listeners().proxy());
    out.put("listeners.proxy.health_path", config.listeners().proxy().healthPath());
    listener(out, "listeners.admin", config.listeners().admin());
    storage(out, config.storage());
    admin(out, config.admin());
    out.put("limits.max_body_bytes", config.limits().maxBodyBytes());
    out.put("limits.header_timeout", config.limits().headerTimeout());
    out.put("limits.body_timeout", config.limits().bodyTimeout());
    out.put("limits.drain_timeout", config.limits().drainTimeout());
    out.put("headers.forward", config.headers().forward());
    routing(out, config.routing());
    out.put("tracking.enabled", config.tracking().enabled());
    out.put("tracking.retention", config.tracking().retention());
    out.put("tracking.hourly_retention", config.tracking().hourlyRetention());
    out.put("billing.sell_multiplier", config.billing().sellMultiplier());
    config.billing().groups().forEach((id, g) -> {
      out.put("billing.groups." + id + ".name", g.name());
      out.put("billing.groups." + id + ".sell_multiplier", g.sellMultiplier());
    });
    out.put("billing.default_group", config.billing().defaultGroup());
    quotas(out, config.quotas());
    out.put("health_checks.enabled", config.healthChecks().enabled());
    out.put("health_checks.interval", config.healthChecks().interval());
    out.put("health_checks.jitter", config.healthChecks().jitter());
    out.put("health_checks.concurrency", config.healthChecks().concurrency());
    out.put("health_checks.timeout", config.healthChecks().timeout());
    balances(out, config.balances());
    if (config.proxy() != null) {
      out.secret("proxy.url", config.proxy().display());
      out.put("proxy.no_proxy", config.proxy().noProxy());
    }
  }

  private static void balances(SettingsCollector out, dev.keypool.config.BalancesConfig b) {
    out.put("balances.enabled", b.enabled());
    out.put("balances.interval", b.interval());
    out.put("balances.jitter", b.jitter());
    out.put("balances.concurrency", b.concurrency());
    out.put("balances.timeout", b.timeout());
    b.exchangeRates().forEach((currency, rate) -> out.put("balances.exchange_rates." + currency, rate.toPlainString()));
  }

  private static void listener(SettingsCollector out, String path, ListenersConfig.Listener l) {
    out.put(path + ".host", l.host());
    out.put(path + ".port", l.port());
    out.put(path + ".max_connections", l.maxConnections());
    out.put(path + ".trusted_proxies", l.trustedProxies().entries());
  }

  private static void storage(SettingsCollector out, StorageConfig s) {
    // The URL is shown (which database, where) with any password in it masked.
    out.put("storage.url", Redaction.url(s.url()));
    out.put("storage.user", s.user());
    out.secret("storage.password", Redaction.mask(s.password()));
    out.secret("storage.encryption_key", Redaction.mask(s.encryptionKey()));
    out.put("storage.pool_size", s.poolSize());
  }

  private static void admin(SettingsCollector out, AdminConfig a) {
    out.secret("admin.token", Redaction.mask(a.token()));
    out.put("admin.username", a.username());
    out.secret("admin.password", Redaction.mask(a.password()));
    out.put("admin.session_ttl", a.sessionTtl());
    out.put("admin.login_max_failures", a.loginMaxFailures());
    out.put("admin.login_window", a.loginWindow());
    out.put("admin.trusted_origins", a.trustedOrigins());
  }

  private static void routing(SettingsCollector out, RoutingConfig r) {
    out.put("routing.default_strategy", r.defaultStrategy());
    out.put("routing.max_attempts", r.maxAttempts());
    out.put("routing.total_timeout", r.totalTimeout());
    out.put("routing.calls_per_rotation", r.callsPerRotation());
    out.put("routing.default_cooldown", r.defaultCooldown());
    out.put("routing.ban.status_codes", r.ban().statusCodes());
    out.put("routing.ban.threshold", r.ban().threshold());
    out.put("routing.ban.window", r.ban().window());
    out.put("routing.ban.duration", r.ban().duration());
    out.put("routing.ban.max_duration", r.ban().maxDuration());
  }

  private static void quotas(SettingsCollector out, QuotasConfig q) {
    if (q.redis().isEmpty()) {
      out.put("quotas.redis", null);
    } else {
      QuotasConfig.Redis redis = q.redis().get();
      out.put("quotas.redis.url", Redaction.url(redis.url()));
      out.put("quotas.redis.timeout", redis.timeout());
      out.put("quotas.redis.prefix", redis.prefix());
      out.put("quotas.redis.shared_key_state", redis.sharedKeyState());
    }
    out.put("quotas.daily_reset", q.dailyReset());
    rules(out, "quotas.gateway_key", q.gatewayKey());
    rules(out, "quotas.client_ip", q.clientIp());
    rules(out, "quotas.user", q.user());
    rules(out, "quotas.org", q.org());
  }

  static void rules(SettingsCollector out, String path, LimitRules rules) {
    out.put(path, rules.toMap());
  }
}
