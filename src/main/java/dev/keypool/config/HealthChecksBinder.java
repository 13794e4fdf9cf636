package dev.keypool.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Binds the {@code health_checks} section to {@link HealthChecksConfig}. */
final class HealthChecksBinder {
  private HealthChecksBinder() {}

  static HealthChecksConfig bind(FieldReader r) {
    boolean enabled = r.bool("enabled", false);
    Duration interval = r.duration("interval", ConfigDefaults.HEALTH_CHECK_INTERVAL, false);
    Duration jitter = r.duration("jitter", ConfigDefaults.HEALTH_CHECK_JITTER, true);
    int concurrency = r.integer("concurrency", ConfigDefaults.HEALTH_CHECK_CONCURRENCY, 1, 1000);
    Duration timeout = r.duration("timeout", ConfigDefaults.HEALTH_CHECK_TIMEOUT, false);
    Map<String, HealthChecksConfig.ProviderCheck> providers = new LinkedHashMap<>();
    for (var e : r.entries("providers").entrySet()) {
      if (!ProviderBinder.ID.matcher(e.getKey()).matches()) {
        r.errors().add(r.path("providers"), "\"" + e.getKey() + "\" is not a provider id ([a-z0-9_-]+)");
      }
      providers.put(e.getKey(), provider(e.getValue(), interval));
    }
    r.finish();
    return new HealthChecksConfig(enabled, interval, jitter, concurrency, timeout, providers);
  }

  private static HealthChecksConfig.ProviderCheck provider(FieldReader r, Duration interval) {
    boolean enabled = r.bool("enabled", true);
    Duration own = r.duration("interval", interval, false);
    HealthChecksConfig.Probe probe = r.choice("probe", HealthChecksConfig.Probe.class, HealthChecksConfig.Probe.MODELS);
    String model = r.string("model", "").trim();
    if (probe == HealthChecksConfig.Probe.COMPLETION && model.isEmpty()) {
      r.errors().add(r.path("model"), "required for probe: completion (the upstream model asked for one output token)");
    }
    r.finish();
    return new HealthChecksConfig.ProviderCheck(enabled, own, probe, model.isEmpty() ? null : model);
  }
}
