package dev.keypool.admin;

import dev.keypool.statistics.Bucket;
import dev.keypool.statistics.Ranking;
import dev.keypool.statistics.StatisticsService;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.GatewayKeyStore;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code /api/statistics/*}, the per-key {@code /api/provider-keys/{id}/stats}, {@code /attempts} and
 * {@code /trends}, the per-key {@code /api/gateway-keys/{id}/timeline}, and
 * {@code /api/users/{id}/usage}:
 * usage figures from the hourly rollups. Ranges are {@code from}/{@code to} ISO-8601 instants,
 * by default the last 24 hours up to now; rankings take {@code rank_by=requests|cost} and {@code limit}.
 */
final class StatisticsRoutes {
  private static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 1_000;

  private final StatisticsService stats;
  private final GatewayKeyStore gatewayKeys;
  private final Blocking blocking;
  private final Clock clock;

  StatisticsRoutes(StatisticsService stats, GatewayKeyStore gatewayKeys, Blocking blocking, Clock clock) {
    this.stats = stats;
    this.gatewayKeys = gatewayKeys;
    this.blocking = blocking;
    this.clock = clock;
  }

  /** A validated time range; {@code to} defaults to now and {@code from} to 24 hours before {@code to}. */
  private record Range(Instant from, Instant to) {}

  void mount(Router router) {
    get(router, "/api/statistics/overview", (rc, r) -> stats.overview(r.from, r.to));
    get(router, "/api/statistics/provider-keys",
        (rc, r) -> stats.byProviderKey(r.from, r.to, ranking(rc), limit(rc)));
    get(router, "/api/statistics/gateway-keys",
        (rc, r) -> stats.byGatewayKey(r.from, r.to, ranking(rc), limit(rc)));
    get(router, "/api/statistics/users", (rc, r) -> stats.byUser(r.from, r.to, ranking(rc), limit(rc)));
    get(router, "/api/statistics/orgs", (rc, r) -> stats.byOrg(r.from, r.to, ranking(rc), limit(rc)));
    get(router, "/api/users/:id/usage", (rc, r) -> stats.userStats(rc.pathParam("id"), r.from, r.to));
    get(router, "/api/statistics/models", (rc, r) -> stats.byModel(r.from, r.to, ranking(rc), limit(rc)));
    get(router, "/api/statistics/providers", (rc, r) -> stats.byProvider(r.from, r.to, ranking(rc), limit(rc)));
    get(router, "/api/statistics/timeline", (rc, r) -> stats.timeline(r.from, r.to, bucket(rc)));
    get(router, "/api/statistics/errors", (rc, r) -> stats.errors(r.from, r.to));
    get(router, "/api/statistics/attempts", (rc, r) -> stats.attemptsByProviderKey(r.from, r.to, limit(rc)));
    get(router, "/api/provider-keys/:id/stats", (rc, r) -> stats.providerKeyStats(rc.pathParam("id"), r.from, r.to));
    get(router, "/api/provider-keys/:id/attempts",
        (rc, r) -> stats.providerKeyAttempts(rc.pathParam("id"), r.from, r.to));
    get(router, "/api/gateway-keys/:id/timeline", (rc, r) -> gatewayKeyTimeline(rc.pathParam("id"), r, bucket(rc)));
    router.get("/api/provider-keys/:id/trends").handler(rc -> AdminRoutes.respond(rc, blocking, 200, checked(
        () -> stats.providerKeyTrend(rc.pathParam("id"),
            QueryParams.integer(rc, "days", 7, 1, StatisticsService.MAX_TREND_DAYS)))));
  }

  /**
   * A key that never existed is a 404 rather than a row of zeros, so a mistyped id is not taken for
   * an idle key; a deleted key is still found, its history kept.
   */
  private Object gatewayKeyTimeline(String id, Range r, Bucket bucket) {
    if (gatewayKeys.find(id).isEmpty()) {
      throw AdminException.notFound("Gateway key", id);
    }
    return stats.gatewayKeyTimeline(id, r.from, r.to, bucket);
  }

  @FunctionalInterface
  private interface Query {
    Object run(RoutingContext rc, Range range);
  }

  private void get(Router router, String path, Query query) {
    router.get(path).handler(rc -> AdminRoutes.respond(rc, blocking, 200, checked(() -> query.run(rc, range(rc)))));
  }

  /** Turns the service's argument errors (a range too long for its buckets, say) into a 400. */
  private static Callable<Object> checked(Callable<Object> work) {
    return () -> {
      try {
        return work.call();
      } catch (IllegalArgumentException e) {
        throw AdminException.invalid(e.getMessage() + ".");
      }
    };
  }

  private Range range(RoutingContext rc) {
    Instant to = QueryParams.instant(rc, "to");
    to = to == null ? clock.instant() : to;
    Instant from = QueryParams.instant(rc, "from");
    from = from == null ? to.minus(DEFAULT_RANGE) : from;
    if (!from.isBefore(to)) {
      throw AdminException.invalid("'from' must be before 'to' (" + to + ").");
    }
    return new Range(from, to);
  }

  private static Ranking ranking(RoutingContext rc) {
    return choice(rc, "rank_by", Ranking.class, Ranking.REQUESTS);
  }

  private static Bucket bucket(RoutingContext rc) {
    return choice(rc, "bucket", Bucket.class, Bucket.HOUR);
  }

  private static int limit(RoutingContext rc) {
    return QueryParams.integer(rc, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
  }

  private static <E extends Enum<E>> E choice(RoutingContext rc, String name, Class<E> type, E fallback) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw AdminException.invalid("'" + name + "' must be one of " + Arrays.stream(type.getEnumConstants())
          .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ".");
    }
  }
}
