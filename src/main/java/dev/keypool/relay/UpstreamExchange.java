package dev.keypool.relay;

import dev.keypool.config.ProviderConfig;
import dev.keypool.keypool.FailureClass;
import dev.keypool.keypool.FailureClassifier;
import dev.keypool.keypool.KeyLease;
import dev.keypool.keypool.RateLimitHeaders;
import dev.keypool.provider.UpstreamError;
import dev.keypool.provider.WireFormat;
import dev.keypool.upstream.UpstreamAddress;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * One upstream attempt with one leased key: sends the request, enforces the provider's first-byte,
 * idle and total timeouts, and either relays a successful response to the client chunk by chunk (no
 * buffering, with back-pressure) or reports a failure the retry loop can act on. It always ends the
 * lease exactly once: succeed, fail with the failure's class, or abandon when the verdict is not the
 * key's (client abort, caller fault).
 *
 * <p>The client response is committed lazily, on the first body chunk: an upstream that answers 200 and
 * then closes before sending anything is still retried on another key.
 */
final class UpstreamExchange {
  private final Vertx vertx;
  private final Clock clock;
  private final RelayContext ctx;
  private final ProviderConfig provider;
  private final WireFormat format;
  private final KeyLease lease;
  private final HttpClient client;
  private final RequestOptions options;
  private final Buffer body;
  private final String upstreamModel;
  private final long firstByteDeadlineNanos;
  private final Promise<Outcome> result = Promise.promise();

  private HttpClientRequest request;
  private long timer = -1;
  private String timeoutReason;
  private long lastActivityNanos;
  private final long startNanos = System.nanoTime();

  UpstreamExchange(Vertx vertx, Clock clock, RelayContext ctx, ProviderConfig provider, WireFormat format,
      KeyLease lease, HttpClient client, UpstreamAddress address, MultiMap headers, Buffer body, String upstreamModel, long requestDeadlineNanos) {
    this.vertx = vertx;
    this.clock = clock;
    this.ctx = ctx;
    this.provider = provider;
    this.format = format;
    this.lease = lease;
    this.client = client;
    this.body = body;
    this.upstreamModel = upstreamModel;
    this.options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setSsl(address.ssl())
        .setHost(address.host())
        .setPort(address.port())
        .setURI(address.pathPrefix() + ctx.endpoint().upstreamPath())
        .setHeaders(headers);
    this.firstByteDeadlineNanos = Math.min(requestDeadlineNanos, startNanos + provider.timeouts().firstByte().toNanos());
  }

  Future<Outcome> run() {
    armTimer(firstByteDeadlineNanos, "no response within the first-byte timeout");
    client.request(options).onComplete(ar -> {
      if (result.future().isComplete()) {
        if (ar.succeeded()) {
          ar.result().reset();
        }
        return;
      }
      if (ar.failed()) {
        networkFailure(ar.cause());
        return;
      }
      request = ar.result();
      ctx.onClientGone(this::clientGone);
      request.send(body).onComplete(resp -> {
        if (resp.failed()) {
          networkFailure(resp.cause());
        } else {
          onResponse(resp.result());
        }
      });
    });
    return result.future();
  }

  private void onResponse(HttpClientResponse response) {
    response.pause();
    lease.observeHeaders(response.headers()::get);
    if (response.statusCode() >= 200 && response.statusCode() < 300) {
      relay(response);
    } else {
      readError(response);
    }
  }

  private void readError(HttpClientResponse response) {
    int status = response.statusCode();
    response.body().onComplete(ar -> {
      cancelTimer();
      if (ar.failed()) {
        networkFailure(ar.cause());
        return;
      }
      Buffer errorBody = ar.result();
      UpstreamError error = format.parseError(errorBody);
      FailureClass failure = FailureClassifier.classify(status, error.type(), error.code(), error.message());
      Duration retryAfter = RateLimitHeaders.retryAfter(response.headers()::get, clock.instant());
      String message = "upstream " + status + (error.message() == null ? "" : ": " + error.message());
      if (failure == FailureClass.CALLER_FAULT) {
        lease.abandon();
      } else {
        lease.fail(failure, status, retryAfter, message);
      }
      record(status, failure, message);
      result.tryComplete(new Outcome.Failed(failure, status, response.headers(), errorBody, message, retryAfter, false));
    });
    response.resume();
  }

  private void relay(HttpClientResponse response) {
    var client = ctx.response();
    lastActivityNanos = System.nanoTime();
    armIdleTimer();
    response.handler(chunk -> {
      lastActivityNanos = System.nanoTime();
      if (!ctx.responseStarted()) {
        commit(response);
      }
      client.write(chunk);
      if (client.writeQueueFull()) {
        response.pause();
        client.drainHandler(v -> response.resume());
      }
    });
    response.exceptionHandler(this::midStreamFailure);
    response.endHandler(v -> {
      cancelTimer();
      if (!ctx.responseStarted()) {
        commit(response);
      }
      client.end();
      lease.succeed();
      record(response.statusCode(), null, null);
      result.tryComplete(new Outcome.Delivered());
    });
    response.resume();
  }

  private void commit(HttpClientResponse response) {
    var client = ctx.response();
    client.setStatusCode(response.statusCode());
    ResponseHeaders.copy(response.headers(), client, ctx.requestId());
    String length = response.getHeader("content-length");
    if (length != null && response.getHeader("transfer-encoding") == null) {
      client.putHeader("content-length", length);
    } else {
      client.setChunked(true);
    }
    ctx.markResponseStarted();
  }

  private void midStreamFailure(Throwable cause) {
    cancelTimer();
    String message = describe(cause);
    if (ctx.clientGone()) {
      lease.abandon();
      record(0, null, "client closed the connection");
      result.tryComplete(new Outcome.Delivered());
      return;
    }
    if (!ctx.responseStarted()) {
      networkFailure(cause);
      return;
    }
    lease.fail(FailureClass.TRANSIENT, 0, null, "stream interrupted: " + message);
    record(200, FailureClass.TRANSIENT, "stream interrupted: " + message);
    var client = ctx.response();
    if (!client.ended() && !client.closed()) {
      Buffer event = isEventStream() ? format.streamErrorEvent("api_error", "The upstream stream was interrupted: " + message) : null;
      if (event != null) {
        client.end(event);
      } else {
        client.reset();
      }
    }
    result.tryComplete(new Outcome.Delivered());
  }

  private boolean isEventStream() {
    String type = ctx.response().headers().get("content-type");
    return type != null && type.startsWith("text/event-stream");
  }

  private void networkFailure(Throwable cause) {
    cancelTimer();
    if (ctx.clientGone()) {
      lease.abandon();
      record(0, null, "client closed the connection");
      result.tryComplete(new Outcome.Delivered());
      return;
    }
    String message = describe(cause);
    boolean timedOut = timeoutReason != null;
    lease.fail(FailureClass.TRANSIENT, 0, null, message);
    record(0, FailureClass.TRANSIENT, message);
    result.tryComplete(new Outcome.Failed(FailureClass.TRANSIENT, 0, null, null, message, null, timedOut));
  }

  private void clientGone() {
    if (request != null) {
      request.reset();
    }
  }

  private String describe(Throwable cause) {
    if (timeoutReason != null) {
      return timeoutReason;
    }
    String m = cause.getMessage();
    return cause.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  private void record(int status, FailureClass failure, String message) {
    long millis = (System.nanoTime() - startNanos) / 1_000_000;
    ctx.attempts().add(new Attempt(provider.id(), lease.key().id(), upstreamModel, status, failure, message, millis));
  }

  private void armTimer(long deadlineNanos, String reason) {
    long delayMs = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
    timer = vertx.setTimer(delayMs, id -> timeout(reason));
  }

  /** One timer per stream, re-armed only when it fires, instead of one timer per chunk. */
  private void armIdleTimer() {
    cancelTimer();
    long idleNanos = provider.timeouts().idle().toNanos();
    long totalDeadline = startNanos + provider.timeouts().total().toNanos();
    long next = Math.min(lastActivityNanos + idleNanos, totalDeadline);
    timer = vertx.setTimer(Math.max(1, (next - System.nanoTime()) / 1_000_000), id -> {
      long now = System.nanoTime();
      if (now >= totalDeadline) {
        timeout("the response exceeded the total timeout of " + provider.timeouts().total());
      } else if (now - lastActivityNanos >= idleNanos) {
        timeout("no data from the upstream for " + provider.timeouts().idle());
      } else {
        armIdleTimer();
      }
    });
  }

  private void timeout(String reason) {
    timer = -1;
    timeoutReason = reason;
    if (request != null) {
      request.reset(0, new java.util.concurrent.TimeoutException(reason));
    } else {
      networkFailure(new java.util.concurrent.TimeoutException(reason));
    }
  }

  private void cancelTimer() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
