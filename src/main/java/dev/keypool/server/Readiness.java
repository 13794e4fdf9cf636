package dev.keypool.server;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether this instance should receive requests, as {@code /health/ready} answers it on both ports:
 * 503 "draining" once the shutdown began, so that load balancers send the next requests to other
 * instances; otherwise the database and the request records. Bounded: a database that does not answer
 * within the deadline is "down", never a probe that hangs.
 */
public final class Readiness {
  /** How long a readiness probe waits for the database before it says "down". */
  public static final Duration DEADLINE = Duration.ofMillis(800);

  /** The status code and JSON body of one readiness answer. */
  public record Answer(int status, Map<String, Object> body) {}

  private final Components c;

  public Readiness(Components c) {
    this.c = c;
  }

  /** Checks readiness; the future completes on {@code context} within {@link #DEADLINE}. */
  public Future<Answer> check(Context context) {
    if (c.drain().draining()) {
      return Future.succeededFuture(new Answer(503, Map.of("status", "draining", "checks",
          Map.of("requests_in_flight", c.metrics().inFlight(), "records_pending", c.writer().pending()))));
    }
    return Future.fromCompletionStage(
        c.database().ready().copy().completeOnTimeout(false, DEADLINE.toMillis(), TimeUnit.MILLISECONDS), context)
        .transform(ar -> {
          boolean db = ar.succeeded() && Boolean.TRUE.equals(ar.result());
          boolean records = c.writer().databaseHealthy();
          boolean up = db && records;
          // Quotas never fail readiness: on local-fallback the instance still enforces every limit, alone.
          return Future.succeededFuture(new Answer(up ? 200 : 503, Map.of("status", up ? "ready" : "not_ready",
              "checks", Map.of("database", db ? "up" : "down", "request_records", records ? "up" : "journaling",
                  "records_pending", c.writer().pending(), "quotas", c.quota().engine().state(),
                  "key_pool", c.keyPoolSharing()))));
        });
  }
}
