package dev.keypool.config;

import java.time.Duration;
import java.util.Map;

/**
 * Active health checks of provider keys: whether the schedule runs, how often each key is checked (with
 * up to {@code jitter} added at random, so keys checked together drift apart), how many checks run at
 * once, each check's timeout, and per provider what the probe is.
 *
 * @param providers per provider id; a provider without an entry is checked with the models probe at
 *     the section's interval
 */
public record HealthChecksConfig(boolean enabled, Duration interval, Duration jitter, int concurrency,
    Duration timeout, Map<String, ProviderCheck> providers) {

  public static final HealthChecksConfig DEFAULTS = new HealthChecksConfig(false, ConfigDefaults.HEALTH_CHECK_INTERVAL,
      ConfigDefaults.HEALTH_CHECK_JITTER, ConfigDefaults.HEALTH_CHECK_CONCURRENCY, ConfigDefaults.HEALTH_CHECK_TIMEOUT,
      Map.of());

  public HealthChecksConfig {
    providers = Map.copyOf(providers);
  }

  /** The check settings of one provider. */
  public ProviderCheck provider(String id) {
    ProviderCheck p = providers.get(id);
    return p == null ? new ProviderCheck(true, interval, Probe.MODELS, null) : p;
  }

  /** What a check asks the upstream. */
  public enum Probe {
    /** The provider's model list: costs nothing where the provider serves one. */
    MODELS,
    /** A one-token completion on {@link ProviderCheck#model}: for providers without a free model list. */
    COMPLETION
  }

  /**
   * @param enabled false leaves this provider's keys out of the schedule (on-demand checks still run)
   * @param model the upstream model a completion probe asks; null for a models probe
   */
  public record ProviderCheck(boolean enabled, Duration interval, Probe probe, String model) {}
}
