package dev.keypool.config;

import dev.keypool.keypool.Strategy;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** Binds and validates the {@code routing} section. */
final class RoutingBinder {

  private RoutingBinder() {}

  static RoutingConfig bind(FieldReader r) {
    Strategy strategy = r.choice("default_strategy", Strategy.class, ConfigDefaults.STRATEGY);
    int maxAttempts = r.integer("max_attempts", ConfigDefaults.MAX_ATTEMPTS, 1, 100);
    Duration totalTimeout = r.duration("total_timeout", ConfigDefaults.TOTAL_TIMEOUT, false);
    int callsPerRotation = r.integer("calls_per_rotation", ConfigDefaults.CALLS_PER_ROTATION, 1, Integer.MAX_VALUE);
    Duration cooldown = r.duration("default_cooldown", ConfigDefaults.DEFAULT_COOLDOWN, true);
    RoutingConfig.BanPolicy ban = ban(r.object("ban"));
    r.finish();
    return new RoutingConfig(strategy, maxAttempts, totalTimeout, callsPerRotation, cooldown, ban);
  }

  private static RoutingConfig.BanPolicy ban(FieldReader r) {
    Set<Integer> codes = new LinkedHashSet<>();
    var given = r.strings("status_codes", null);
    if (given == null) {
      codes.addAll(ConfigDefaults.BAN_STATUS_CODES);
    } else {
      for (int i = 0; i < given.size(); i++) {
        statusCode(r, i, given.get(i), codes);
      }
    }
    int threshold = r.integer("threshold", ConfigDefaults.BAN_THRESHOLD, 1, Integer.MAX_VALUE);
    Duration window = r.duration("window", ConfigDefaults.BAN_WINDOW, false);
    Duration duration = r.duration("duration", ConfigDefaults.BAN_DURATION, false);
    Duration maxDuration = r.duration("max_duration", ConfigDefaults.BAN_MAX_DURATION, false);
    if (maxDuration.compareTo(duration) < 0) {
      r.errors().add(r.path("max_duration"), "must be at least ban.duration (was " + Durations.format(maxDuration)
          + ", duration is " + Durations.format(duration) + ")");
    }
    r.finish();
    return new RoutingConfig.BanPolicy(codes, threshold, window, duration, maxDuration);
  }

  private static void statusCode(FieldReader r, int i, String text, Set<Integer> codes) {
    String path = ConfigPaths.index(r.path("status_codes"), i);
    try {
      int code = Integer.parseInt(text.trim());
      if (code < 100 || code > 599) {
        r.errors().add(path, "must be an HTTP status 100..599 (was " + code + ")");
      } else {
        codes.add(code);
      }
    } catch (NumberFormatException e) {
      r.errors().add(path, "must be an HTTP status 100..599 (was \"" + text + "\")");
    }
  }
}
