package dev.keypool.relay;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;

/**
 * The keep-alives of a fake stream: while the non-streamed upstream call runs, the streaming client
 * gets an SSE comment every period, so that it and the proxies in between do not give up on a silent
 * connection. The first one commits the client's 200 and stream headers; failover still goes on behind
 * it (a comment carries no content), and a final error then goes as a stream error event
 * ({@link ErrorResponder}). The first tick comes one period after the start, so a quick answer or
 * error is sent with its own status. Confined to the request's event loop.
 */
public final class KeepAlive {
  private static final String COMMENT = ": keep-alive\n\n";
  /** Whitespace is what a JSON array (Gemini's stream without {@code alt=sse}) may carry before it starts. */
  private static final String JSON_PADDING = "\n";

  private final Vertx vertx;
  private final RelayContext ctx;
  private final boolean sse;
  private final long timerId;

  private KeepAlive(Vertx vertx, RelayContext ctx, Duration period) {
    this.vertx = vertx;
    this.ctx = ctx;
    this.sse = ctx.geminiCall() == null || ctx.geminiCall().sse();
    this.timerId = vertx.setPeriodic(Math.max(1, period.toMillis()), id -> tick());
  }

  /** Starts keep-alives that stop when {@code call} completes. */
  public static void during(io.vertx.core.Future<Void> call, Vertx vertx, RelayContext ctx, Duration period) {
    KeepAlive keepAlive = new KeepAlive(vertx, ctx, period);
    call.onComplete(ar -> keepAlive.stop());
  }

  private void tick() {
    HttpServerResponse response = ctx.response();
    if (ctx.responseStarted() || ctx.clientGone() || response.ended() || response.closed()) {
      stop();
      return;
    }
    if (!response.headWritten()) {
      response.setStatusCode(200)
          .putHeader("content-type", sse ? "text/event-stream" : "application/json")
          .putHeader("cache-control", "no-cache")
          .putHeader("x-keypool-request-id", ctx.requestId())
          .setChunked(true);
    }
    if (response.writeQueueFull()) {
      return; // the client has not taken the last ones: more would only pile up in its queue
    }
    response.write(sse ? COMMENT : JSON_PADDING);
  }

  private void stop() {
    vertx.cancelTimer(timerId);
  }
}
