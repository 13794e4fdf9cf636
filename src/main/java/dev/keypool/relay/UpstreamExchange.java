package dev.keypool.relay;

import dev.keypool.config.Durations;
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
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * One upstream attempt with one leased key: sends the request, is watched by the event loop's
 * {@link TimeoutSweeper} for the provider's first-byte, idle and total timeouts, and either relays a successful response to the client chunk by chunk (no
 * buffering, with back-pressure) or reports a failure the retry loop can act on. It always ends the
 * lease exactly once: succeed, fail with the failure's class, or abandon when the verdict is not the
 * key's (client abort, caller fault).
 *
 * <p>The client response is committed lazily, on the first body chunk: an upstream that answers 200 and
 * then closes before sending anything is still retried on another key.
 */
final class UpstreamExchange implements TimeoutSweeper.Watched {
  private final Clock clock;
  private final RelayContext ctx;
  private final ProviderConfig provider;
  private final WireFormat format;
  private final KeyLease lease;
  private final HttpClient client;
  private final RequestOptions options;
  private final Buffer body;
  private final String upstreamModel;
  private final boolean hideUsageChunk;
  private long bytes;
  private final long firstByteDeadlineNanos;
  private final long totalDeadlineNanos;
  private final TimeoutSweeper sweeper;
  private final Promise<Outcome> result = Promise.promise();

  private HttpClientRequest request;
  private boolean streaming;
  private String timeoutReason;
  private long lastActivityNanos;
  private final long startNanos = System.nanoTime();
  private final java.time.Instant startedAt;

  UpstreamExchange(TimeoutSweeper sweeper, Clock clock, RelayContext ctx, ProviderConfig provider, WireFormat format,
      KeyLease lease, HttpClient client, UpstreamAddress address, MultiMap headers, Buffer body, String upstreamModel, boolean hideUsageChunk, long requestDeadlineNanos) {
    this.clock = clock;
    this.ctx = ctx;
    this.provider = provider;
    this.format = format;
    this.lease = lease;
    this.client = client;
    this.body = body;
    this.upstreamModel = upstreamModel;
    this.hideUsageChunk = hideUsageChunk;
    this.startedAt = clock.instant();
    this.options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setSsl(address.ssl())
        .setHost(address.host())
        .setPort(address.port())
        .setURI(address.pathPrefix() + ctx.endpoint().upstreamPath())
        .setHeaders(headers);
    this.firstByteDeadlineNanos = Math.min(requestDeadlineNanos, startNanos + provider.timeouts().firstByte().toNanos());
    this.totalDeadlineNanos = startNanos + provider.timeouts().total().toNanos();
    this.sweeper = sweeper;
  }

  Future<Outcome> run() {
    sweeper.watch(this);
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
      complete(new Outcome.Failed(failure, status, response.headers(), errorBody, message, retryAfter, false));
    });
    response.resume();
  }

  private void relay(HttpClientResponse response) {
    var client = ctx.response();
    lastActivityNanos = System.nanoTime();
    streaming = true;
    ResponseMeter meter = ResponseMeter.start(ctx.endpoint(), response.getHeader("content-type"), hideUsageChunk);
    ctx.meter(meter);
    response.handler(chunk -> {
      lastActivityNanos = System.nanoTime();
      bytes += chunk.length();
      Buffer out = meter.onChunk(chunk);
      if (out.length() == 0) {
        return;
      }
      if (!ctx.responseStarted()) {
        commit(response);
      }
      client.write(out);
      if (client.writeQueueFull()) {
        response.pause();
        client.drainHandler(v -> response.resume());
      }
    });
    response.exceptionHandler(this::midStreamFailure);
    response.endHandler(v -> {
      if (!ctx.responseStarted()) {
        commit(response);
      }
      client.end(meter.onEnd());
      lease.succeed();
      record(response.statusCode(), null, null);
      complete(new Outcome.Delivered());
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
    String message = describe(cause);
    if (ctx.clientGone()) {
      lease.abandon();
      record(0, null, "client closed the connection");
      complete(new Outcome.Delivered());
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
    complete(new Outcome.Delivered());
  }

  private boolean isEventStream() {
    String type = ctx.response().headers().get("content-type");
    return type != null && type.startsWith("text/event-stream");
  }

  private void networkFailure(Throwable cause) {
    if (ctx.clientGone()) {
      lease.abandon();
      record(0, null, "client closed the connection");
      complete(new Outcome.Delivered());
      return;
    }
    String message = describe(cause);
    boolean timedOut = timeoutReason != null;
    lease.fail(FailureClass.TRANSIENT, 0, null, message);
    record(0, FailureClass.TRANSIENT, message);
    complete(new Outcome.Failed(FailureClass.TRANSIENT, 0, null, null, message, null, timedOut));
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
    long nanos = System.nanoTime() - startNanos;
    long millis = nanos / 1_000_000;
    ctx.addUpstreamNanos(nanos);
    ctx.attempts().add(new Attempt(provider.id(), lease.key().id(), upstreamModel, status, failure, message, millis,
        bytes, startedAt));
  }

  @Override
  public void checkDeadline(long now) {
    if (result.future().isComplete()) {
      return;
    }
    if (!streaming) {
      if (now >= firstByteDeadlineNanos) {
        timeout("no response within the first-byte timeout of " + Durations.format(provider.timeouts().firstByte()));
      }
    } else if (now >= totalDeadlineNanos) {
      timeout("the response exceeded the total timeout of " + Durations.format(provider.timeouts().total()));
    } else if (now - lastActivityNanos >= provider.timeouts().idle().toNanos()) {
      timeout("no data from the upstream for " + Durations.format(provider.timeouts().idle()));
    }
  }

  private void timeout(String reason) {
    timeoutReason = reason;
    if (request != null) {
      request.reset(0, new java.util.concurrent.TimeoutException(reason));
    } else {
      networkFailure(new java.util.concurrent.TimeoutException(reason));
    }
  }

  /** Ends the attempt with its outcome; the first call wins. */
  private void complete(Outcome outcome) {
    sweeper.unwatch(this);
    result.tryComplete(outcome);
  }
}
