package dev.keypool.config;

import java.time.Duration;
import java.util.List;

/** Binds and validates a route's {@code affinity} mapping; absent, affinity is off. */
final class AffinityBinder {
  /** Keeps the per-instance memory of one route within reason (about 100 MB). */
  private static final int MAX_SESSIONS_LIMIT = 1_000_000;

  private AffinityBinder() {}

  static AffinityConfig bind(FieldReader route) {
    if (!route.has("affinity")) {
      return AffinityConfig.OFF;
    }
    FieldReader r = route.object("affinity");
    boolean enabled = r.bool("enabled", true);
    List<String> sources = r.strings("sources", AffinityConfig.DEFAULT_SOURCES).stream().map(String::trim).toList();
    if (sources.isEmpty()) {
      r.errors().add(r.path("sources"), "must name at least one source (" + String.join(", ",
          AffinityConfig.DEFAULT_SOURCES) + ")");
    }
    for (String s : sources) {
      if (!AffinityConfig.known(s)) {
        r.errors().add(r.path("sources"), "unknown source \"" + s + "\" (use " + AffinityConfig.PROMPT_CACHE_KEY
            + ", " + AffinityConfig.METADATA_USER_ID + " or " + AffinityConfig.HEADER_PREFIX + "<header name>)");
      }
    }
    Duration ttl = r.duration("ttl", AffinityConfig.DEFAULT_TTL, false);
    int maxSessions = r.integer("max_sessions", AffinityConfig.DEFAULT_MAX_SESSIONS, 1, MAX_SESSIONS_LIMIT);
    r.finish();
    return new AffinityConfig(enabled, sources, ttl, maxSessions);
  }
}
