package dev.keypool.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.keypool.tracking.LiveRecords;
import dev.keypool.tracking.LiveSubscription;
import dev.keypool.tracking.RequestRecord;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * {@code GET /api/requests/live}: request records as they are recorded, as server-sent events, each in
 * the shape of an item of {@code GET /api/requests}. Records arrive on the proxy's event loops and are
 * written here, on the admin event loop, in batches; a client that does not read fills its own buffer
 * and then loses records, each loss announced by an {@code event: dropped} with the count.
 */
final class LiveRequestRoutes {
  /** Records that may wait for one watcher; more are dropped rather than held. */
  static final int BUFFER = 1_000;

  private final LiveRecords live;
  private final Vertx vertx;
  private final Duration keepAlive;

  LiveRequestRoutes(LiveRecords live, Vertx vertx, Duration keepAlive) {
    this.live = live;
    this.vertx = vertx;
    this.keepAlive = keepAlive;
  }

  /** Mounted before {@code /api/requests/:id}, which would take "live" for an id. */
  void mount(Router router) {
    router.get("/api/requests/live").handler(this::watch);
  }

  private void watch(RoutingContext rc) {
    Predicate<RequestRecord> filter = filter(rc.queryParams().get("model"), rc.queryParams().get("gateway_key"),
        rc.queryParams().get("outcome"));
    HttpServerResponse response = rc.response();
    response.setChunked(true).putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
    Context context = vertx.getOrCreateContext();
    Watcher watcher = new Watcher(response);
    watcher.subscription = live.subscribe(filter, BUFFER, () -> context.runOnContext(v -> watcher.drain()));
    // Subscribed before the head goes out: a client that has the head misses no record after it.
    response.write(": live\n\n");
    long timer = vertx.setPeriodic(keepAlive.toMillis(), id -> {
      if (!response.writeQueueFull()) {
        response.write(": keep-alive\n\n");
      }
    });
    response.drainHandler(v -> watcher.drain());
    response.closeHandler(v -> {
      vertx.cancelTimer(timer);
      watcher.subscription.close();
    });
  }

  /** Matches like the same filters of {@code GET /api/requests}: each one given must be equal. */
  static Predicate<RequestRecord> filter(String model, String gatewayKey, String outcome) {
    return r -> (model == null || model.equals(r.modelRequested()))
        && (gatewayKey == null || gatewayKey.equals(r.gatewayKeyId()))
        && (outcome == null || outcome.equals(r.outcome()));
  }

  /** Writes one watcher's waiting records; runs on the admin event loop only. */
  private static final class Watcher {
    private final HttpServerResponse response;
    LiveSubscription subscription;

    Watcher(HttpServerResponse response) {
      this.response = response;
    }

    void drain() {
      if (response.closed() || response.ended()) {
        return;
      }
      subscription.draining();
      // A client that does not read leaves the records waiting (its bounded buffer), not in our heap.
      while (!response.writeQueueFull()) {
        RequestRecord r = subscription.poll();
        if (r == null) {
          break;
        }
        response.write("data: " + json(r) + "\n\n");
      }
      if (!response.writeQueueFull()) {
        long lost = subscription.takeDropped();
        if (lost > 0) {
          response.write("event: dropped\ndata: " + lost + "\n\n");
        }
      }
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
}
