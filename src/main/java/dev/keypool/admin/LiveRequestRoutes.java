package dev.keypool.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keypool.tracking.LiveRecords;
import dev.keypool.tracking.RequestRecord;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * {@code GET /api/requests/live}: request records as they are recorded, as server-sent events, each in
 * the shape of an item of {@code GET /api/requests} (see {@link LiveEvents}). Records arrive on the
 * proxy's event loops; a client that does not read loses records and is told how many.
 */
final class LiveRequestRoutes {
  /** Records that may wait for one watcher; more are dropped rather than held. */
  static final int BUFFER = 1_000;

  private final LiveRecords live;
  private final LiveEvents events;

  LiveRequestRoutes(LiveRecords live, LiveEvents events) {
    this.live = live;
    this.events = events;
  }

  /** Mounted before {@code /api/requests/:id}, which would take "live" for an id. */
  void mount(Router router) {
    router.get("/api/requests/live").handler(this::watch);
  }

  private void watch(RoutingContext rc) {
    Predicate<RequestRecord> filter = filter(rc.queryParams().get("model"), rc.queryParams().get("gateway_key"),
        rc.queryParams().get("outcome"));
    events.stream(rc, live, filter, BUFFER, LiveRequestRoutes::json);
  }

  /** Matches like the same filters of {@code GET /api/requests}: each one given must be equal. */
  static Predicate<RequestRecord> filter(String model, String gatewayKey, String outcome) {
    return r -> (model == null || model.equals(r.modelRequested()))
        && (gatewayKey == null || gatewayKey.equals(r.gatewayKeyId()))
        && (outcome == null || outcome.equals(r.outcome()));
  }

  private static String json(RequestRecord r) {
    try {
      // Without attempts, as in the listing.
      return AdminJson.MAPPER.writeValueAsString(r.withAttempts(List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("request record " + Objects.requireNonNull(r.id()) + " cannot be written", e);
    }
  }
}
