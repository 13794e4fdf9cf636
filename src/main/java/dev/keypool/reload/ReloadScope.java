package dev.keypool.reload;

import dev.keypool.config.GatewayConfig;
import dev.keypool.config.QuotasConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a reload swaps and what waits for a restart. Providers, model routes, gateway keys from the
 * file, the header allow-list and the default quota rules are swapped; everything else (listeners,
 * storage, admin, logging, limits, routing policy, Redis, the daily reset, ...) is held by parts built
 * once at start, so a changed value is reported as needing a restart and the running one stays.
 */
final class ReloadScope {
  /** The sections of {@link GatewayConfig} a reload swaps, and the bookkeeping that follows them. */
  private static final Set<String> SWAPPED = Set.of("providers", "models", "gatewayKeys", "headers", "quotas",
      "origins", "providerPins");
  /** The parts of {@link QuotasConfig} a reload swaps: the default rules per scope. */
  private static final Set<String> QUOTA_RULES = Set.of("gatewayKey", "clientIp", "user", "org");

  private ReloadScope() {}

  /** The fields of {@code next} that differ from {@code running} and need a restart, as the file names them. */
  static List<String> restartRequired(GatewayConfig running, GatewayConfig next) {
    List<String> out = new ArrayList<>();
    RecordFields.differing(running, next, SWAPPED).forEach(f -> out.add(RecordFields.fileName(f)));
    RecordFields.differing(running.quotas(), next.quotas(), QUOTA_RULES)
        .forEach(f -> out.add("quotas." + RecordFields.fileName(f)));
    return out;
  }

  /** The configuration in effect after the reload: {@code next}'s swapped parts, {@code running}'s others. */
  static GatewayConfig inEffect(GatewayConfig running, GatewayConfig next) {
    QuotasConfig quotas = RecordFields.merge(running.quotas(), next.quotas(), QUOTA_RULES);
    return RecordFields.with(RecordFields.merge(running, next, SWAPPED), "quotas", quotas);
  }
}
