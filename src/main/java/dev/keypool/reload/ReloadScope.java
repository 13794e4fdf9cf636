package dev.keypool.reload;

import dev.keypool.config.GatewayConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a reload swaps and what waits for a restart. Swapped: providers, model routes, gateway keys from
 * the file, the header allow-list, the default quota rules, and the settings sections read through the
 * configuration in effect or handed to their part at the reload (routing policy, prices, model limits,
 * CORS, alerts, health checks, billing, tracking, most of balances and logging). Everything else
 * (listeners, storage, admin, limits, the outbound proxy, Redis, the daily reset, the log file and
 * format, ...) is held by parts built once at start, so a changed value is reported as needing a restart
 * and the running one stays.
 */
final class ReloadScope {
  /** The sections a reload takes whole; {@code origins} and {@code providerPins} are their bookkeeping. */
  private static final Set<String> SWAPPED = Set.of("providers", "models", "gatewayKeys", "headers", "origins",
      "providerPins", "routing", "prices", "modelLimits", "cors", "alerts", "healthChecks", "billing", "tracking");
  /**
   * The sections a reload takes in part, with the parts it takes. The rest needs a restart:
   * {@code quotas.redis} and {@code daily_reset} are held by the quota engine's store and clock;
   * {@code logging.file} and {@code format} by appenders other threads write through, and
   * {@code recent_entries} by the ring of recent entries, which a resize could drop a line from; balances'
   * {@code timeout} is the connect timeout of its HTTP client.
   */
  private static final Map<String, Set<String>> PARTS = parts();
  /** The settings sections whose change a report names (the other swapped sections have reports of their own). */
  private static final List<String> SETTINGS = List.of("routing", "prices", "modelLimits", "cors", "alerts",
      "balances", "healthChecks", "billing", "tracking", "logging");

  private ReloadScope() {}

  private static Map<String, Set<String>> parts() {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    out.put("quotas", Set.of("gatewayKey", "clientIp", "user", "org"));
    out.put("logging", Set.of("level", "access"));
    out.put("balances", Set.of("enabled", "interval", "jitter", "concurrency", "providers", "historyRetention",
        "exchangeRates"));
    return out;
  }

  /** The fields of {@code next} that differ from {@code running} and need a restart, as the file names them. */
  static List<String> restartRequired(GatewayConfig running, GatewayConfig next) {
    List<String> out = new ArrayList<>();
    Set<String> skip = new HashSet<>(SWAPPED);
    skip.addAll(PARTS.keySet());
    RecordFields.differing(running, next, skip).forEach(f -> out.add(RecordFields.fileName(f)));
    PARTS.forEach((section, taken) -> RecordFields.differing(section(running, section), section(next, section), taken)
        .forEach(f -> out.add(RecordFields.fileName(section) + "." + RecordFields.fileName(f))));
    return out;
  }

  /**
   * The configuration in effect after the reload: {@code next}'s swapped parts, {@code running}'s others.
   * A swapped section equal to the running one keeps the running instance, so parts that notice a new
   * version by identity see none.
   */
  static GatewayConfig inEffect(GatewayConfig running, GatewayConfig next) {
    Set<String> taken = new HashSet<>();
    for (String s : SWAPPED) {
      if (!Objects.equals(section(running, s), section(next, s))) {
        taken.add(s);
      }
    }
    GatewayConfig out = RecordFields.merge(running, next, taken);
    for (Map.Entry<String, Set<String>> part : PARTS.entrySet()) {
      Record before = section(running, part.getKey());
      Record after = section(next, part.getKey());
      Set<String> changed = new HashSet<>(RecordFields.differing(before, after, Set.of()));
      changed.retainAll(part.getValue());
      if (!changed.isEmpty()) {
        out = RecordFields.with(out, part.getKey(), RecordFields.merge(before, after, changed));
      }
    }
    return out;
  }

  /** The settings sections (routing, prices, ...) that differ between {@code before} and {@code after}, as the file names them. */
  static List<String> settingsChanged(GatewayConfig before, GatewayConfig after) {
    List<String> out = new ArrayList<>();
    for (String s : SETTINGS) {
      if (!Objects.equals(section(before, s), section(after, s))) {
        out.add(RecordFields.fileName(s));
      }
    }
    return out;
  }

  private static <T> T section(GatewayConfig config, String name) {
    return RecordFields.component(config, name);
  }
}
