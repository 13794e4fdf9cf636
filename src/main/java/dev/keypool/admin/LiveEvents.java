package dev.keypool.admin;

import dev.keypool.live.LiveFeed;
import dev.keypool.live.LiveSubscription;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Streams a {@link LiveFeed} to one admin client as server-sent events: each item as {@code data:} and
 * one JSON line. Items arrive on other threads and are written here, on the admin event loop, in
 * batches; a client that does not read fills its own buffer and then loses items, each loss announced
 * by an {@code event: dropped} with the count. A comment line every {@code keepAlive} keeps an idle
 * stream open through proxies.
 */
final class LiveEvents {
  /**
   * Items written per task on the admin loop: a backlog of a thousand large items is written over
   * several tasks, so other admin calls run in between.
   */
  static final int BATCH = 64;
  private final Vertx vertx;
  private final Duration keepAlive;

  LiveEvents(Vertx vertx, Duration keepAlive) {
    this.vertx = vertx;
    this.keepAlive = keepAlive;
  }

  /**
   * Answers {@code rc} with the items of {@code feed} that {@code filter} accepts (run on the publishing
   * thread: cheap, never blocking), each written by {@code json}, until the client hangs up.
   *
   * @param buffer how many items may wait for this client before further ones are dropped
   */
  <T> void stream(RoutingContext rc, LiveFeed<T> feed, Predicate<? super T> filter, int buffer,
      Function<T, String> json) {
    HttpServerResponse response = rc.response();
    response.setChunked(true).putHeader("content-type", "text/event-stream")
        .putHeader("cache-control", "no-cache").putHeader("x-accel-buffering", "no");
    Context context = vertx.getOrCreateContext();
    Watcher<T> watcher = new Watcher<>(response, json, context);
    watcher.subscription = feed.subscribe(filter, buffer, () -> context.runOnContext(v -> watcher.drain()));
    // Subscribed before the head goes out: a client that has the head misses no item after it.
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

  /** Writes one client's waiting items; runs on the admin event loop only. */
  private static final class Watcher<T> {
    private final HttpServerResponse response;
    private final Function<T, String> json;
    private final Context context;
    LiveSubscription<T> subscription;

    Watcher(HttpServerResponse response, Function<T, String> json, Context context) {
      this.response = response;
      this.json = json;
      this.context = context;
    }

    void drain() {
      if (response.closed() || response.ended()) {
        return;
      }
      subscription.draining();
      // A client that does not read leaves the items waiting (its bounded buffer), not in our heap.
      for (int written = 0; !response.writeQueueFull(); written++) {
        if (written == BATCH) {
          context.runOnContext(v -> drain()); // the rest in a task of its own
          return;
        }
        T item = subscription.poll();
        if (item == null) {
          break;
        }
        response.write("data: " + json.apply(item) + "\n\n");
      }
      if (!response.writeQueueFull()) {
        long lost = subscription.takeDropped();
        if (lost > 0) {
          response.write("event: dropped\ndata: " + lost + "\n\n");
        }
      }
    }
  }
}
