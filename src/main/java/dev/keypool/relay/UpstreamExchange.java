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
import dev.keypool.upstream.ProxyRefusal;
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
 * {@link TimeoutSweeper} for the provider's first-byte, idle and total timeouts, and either relays a
 * successful response to the client chunk by chunk through its {@link Bridge}'s {@link ResponseRelay}
 * (no buffering, with back-pressure) or reports a failure the retry loop can act on. It always ends the
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
  private final WireFormat upstreamFormat;
  private final Bridge bridge;
  private final KeyLease lease;
  private final HttpClient client;
  private final RequestOptions options;
  private final String upstreamModel;
  private long bytes;
  private final long firstByteDeadlineNanos;
  private final long totalDeadlineNanos;
  private final TimeoutSweeper sweeper;
  private final Promise<Outcome> result = Promise.promise();

  private HttpClientRequest request;
  private boolean streaming;
  private int status;
  private ClientBackPressure backPressure;
  private String timeoutReason;
  /** Why Keypool cut a client that did not read, or null. */
  private String clientCutReason;
  private long lastActivityNanos;
  private final long startNanos = System.nanoTime();
  private final java.time.Instant startedAt;

  /**
   * @param upstreamFormat the provider's wire format: its errors are read in it
   * @param bridge what is sent upstream and how the answer reaches the client
   */
  UpstreamExchange(TimeoutSweeper sweeper, Clock clock, RelayContext ctx, ProviderConfig provider,
      WireFormat upstreamFormat, Bridge bridge, KeyLease lease, HttpClient client, UpstreamAddress address,
      MultiMap headers, String upstreamModel, long requestDeadlineNanos) {
    this.clock = clock;
    this.ctx = ctx;
    this.provider = provider;
    this.upstreamFormat = upstreamFormat;
    this.bridge = bridge;
    this.lease = lease;
    this.client = client;
    this.upstreamModel = upstreamModel;
    this.startedAt = clock.instant();
    this.options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setSsl(address.ssl())
        .setHost(address.host())
        .setPort(address.port())
        .setURI(address.pathPrefix() + bridge.upstreamPath())
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
      request.send(bridge.requestBody()).onComplete(resp -> {
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
    lease.latency((System.nanoTime() - startNanos) / 1_000_000);
    status = response.statusCode();
    if (RateLimitHeaderScan.present(response.headers())) {
      lease.observeHeaders(response.headers()::get);
    }
    if (response.statusCode() >= 200 && response.statusCode() < 300) {
      String mismatch = ExpectedAnswer.mismatch(ctx, provider, response.getHeader("content-type"));
      if (mismatch == null) {
        relay(response);
      } else {
        badResponse(response.statusCode(), mismatch);
      }
    } else {
      readError(response);
    }
  }

  private void readError(HttpClientResponse response) {
    int status = response.statusCode();
    if (ProxyRefusal.answered(status)) {
      // The outbound proxy's, to a plain-HTTP request it was to forward: the upstream was never reached.
      response.body().onComplete(ar -> networkFailure(ProxyRefusal.failure()));
      response.resume();
      return;
    }
    response.body().onComplete(ar -> {
      if (ar.failed()) {
        networkFailure(ar.cause());
        return;
      }
      Buffer errorBody = ar.result();
      UpstreamError error = upstreamFormat.parseError(errorBody);
      FailureClass failure = FailureClassifier.classify(status, error.type(), error.code(), error.message());
      Duration retryAfter = RateLimitHeaders.retryAfter(response.headers()::get, clock.instant());
      if (retryAfter == null) {
        retryAfter = upstreamFormat.retryAfter(errorBody);
      }
      String message = "upstream " + status + (error.message() == null ? "" : ": " + error.message());
      if (failure == FailureClass.CALLER_FAULT) {
        lease.abandon();
      } else {
        lease.fail(failure, status, retryAfter, message);
      }
      record(status, failure, message);
      complete(bridge.clientFacing(
          new Outcome.Failed(failure, status, response.headers(), errorBody, message, retryAfter, false), error));
    });
    response.resume();
  }

  private void relay(HttpClientResponse response) {
    var client = ctx.response();
    lastActivityNanos = System.nanoTime();
    streaming = true;
    // After a wait for the client, the upstream gets a whole idle period again.
    backPressure = new ClientBackPressure(client, () -> lastActivityNanos = System.nanoTime());
    ResponseRelay relay = bridge.relay(response.getHeader("content-type"));
    ctx.meter(relay.meter());
    response.handler(chunk -> {
      lastActivityNanos = System.nanoTime();
      bytes += chunk.length();
      Buffer out = result.future().isComplete() ? null : readable(() -> relay.onChunk(chunk));
      if (out == null || out.length() == 0) {
        return;
      }
      if (!ctx.responseStarted()) {
        commit(relay, response);
      }
      client.write(out);
      backPressure.afterWrite(response);
    });
    response.exceptionHandler(this::midStreamFailure);
    response.endHandler(v -> {
      Buffer tail = result.future().isComplete() ? null : readable(relay::onEnd);
      if (tail == null) {
        return;
      }
      if (!ctx.responseStarted()) {
        commit(relay, response);
      }
      client.end(tail);
      String defect = relay.defect();
      if (defect == null) {
        lease.succeed();
        record(response.statusCode(), null, null);
      } else {
        // Already delivered as it came: it cannot be retried, but it counts against the key.
        String message = badResponseMessage(response.statusCode(), defect);
        lease.fail(FailureClass.BAD_RESPONSE, response.statusCode(), null, message);
        record(response.statusCode(), FailureClass.BAD_RESPONSE, message);
      }
      complete(new Outcome.Delivered());
    });
    response.resume();
  }

  private void commit(ResponseRelay relay, HttpClientResponse response) {
    relay.commit(response, ctx.response(), ctx.requestId());
    ctx.markResponseStarted();
  }

  /**
   * The relay's output, or null when the successful response is not the format's answer, or Keypool
   * could not read (translate) it: the attempt then fails (as a bad response, or as an interrupted
   * stream) and the upstream is cut off.
   */
  private Buffer readable(java.util.function.Supplier<Buffer> step) {
    try {
      return step.get();
    } catch (BadUpstreamResponse e) {
      badResponse(status, e.getMessage());
      return null;
    } catch (RuntimeException e) {
      midStreamFailure(new IllegalStateException("unreadable upstream response: " + e.getMessage(), e));
      if (request != null) {
        request.reset();
      }
      return null;
    }
  }

  private void midStreamFailure(Throwable cause) {
    if (result.future().isComplete()) {
      return;
    }
    String message = describe(cause);
    if (ctx.clientGone()) {
      clientLeft();
      return;
    }
    if (!ctx.responseStarted()) {
      networkFailure(cause);
      return;
    }
    failTransient("stream interrupted: " + message);
    record(200, FailureClass.TRANSIENT, "stream interrupted: " + message);
    endClientStream("The upstream stream was interrupted: " + message);
    complete(new Outcome.Delivered());
  }

  /**
   * A 2xx whose body is not the format's answer: a failure against the key, retried on another one
   * when nothing reached the client yet; otherwise the client's stream ends with an error.
   */
  private void badResponse(int status, String defect) {
    if (result.future().isComplete()) {
      return;
    }
    if (ctx.clientGone()) {
      clientLeft();
      return;
    }
    String message = badResponseMessage(status, defect);
    lease.fail(FailureClass.BAD_RESPONSE, status, null, message);
    record(status, FailureClass.BAD_RESPONSE, message);
    if (ctx.responseStarted()) {
      endClientStream("The upstream's answer could not be read: " + message);
      complete(new Outcome.Delivered());
    } else {
      complete(new Outcome.Failed(FailureClass.BAD_RESPONSE, status, null, null, message, null, false));
    }
    // After the outcome, so that the reset's own error finds the attempt ended: the rest of the body
    // is of no use, and the connection must not be reused.
    if (request != null) {
      request.reset();
    }
  }

  private static String badResponseMessage(int status, String defect) {
    return "the upstream answered " + status + " with " + defect;
  }

  /** Ends a started response early: with the client format's error event on a stream, else by a reset. */
  private void endClientStream(String message) {
    var client = ctx.response();
    if (!client.ended() && !client.closed()) {
      Buffer event = isEventStream() ? ctx.clientFormat().streamErrorEvent("api_error", message) : null;
      if (event != null) {
        client.end(event);
      } else {
        client.reset();
      }
    }
  }

  private void clientLeft() {
    lease.abandon();
    record(0, null, clientCutReason != null ? clientCutReason : "client closed the connection");
    complete(new Outcome.Delivered());
  }

  private boolean isEventStream() {
    String type = ctx.response().headers().get("content-type");
    return type != null && type.startsWith("text/event-stream");
  }

  private void networkFailure(Throwable cause) {
    if (ctx.clientGone()) {
      clientLeft();
      return;
    }
    String message = describe(cause);
    boolean timedOut = timeoutReason != null;
    failTransient(message);
    record(0, FailureClass.TRANSIENT, message);
    complete(new Outcome.Failed(FailureClass.TRANSIENT, 0, null, null, message, null, timedOut));
  }

  /** A network failure, or a timeout: then the key cools down at once (a slow key costs every request its timeout). */
  private void failTransient(String message) {
    lease.latency((System.nanoTime() - startNanos) / 1_000_000);
    if (timeoutReason != null) {
      lease.timedOut(message);
    } else {
      lease.fail(FailureClass.TRANSIENT, 0, null, message);
    }
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
    return UpstreamFailureWords.describe(cause, ctx.requestId());
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
      if (now - startNanos - backPressure.waitedNanos(now) < provider.timeouts().total().toNanos()) {
        clientTooSlow(now);
      } else {
        timeout("the response exceeded the total timeout of " + Durations.format(provider.timeouts().total()));
      }
    } else if (!backPressure.waiting() && now - lastActivityNanos >= provider.timeouts().idle().toNanos()) {
      // While the client has not taken what it was sent, the upstream is paused: its silence is not its own.
      timeout("no data from the upstream for " + Durations.format(provider.timeouts().idle()));
    }
  }

  /**
   * The total timeout passed while the upstream alone would have finished within it: the client read
   * too slowly (or stopped reading). Both connections are cut, and the verdict is the client's, not the
   * key's: the lease is abandoned and the request recorded as the client's abort.
   */
  private void clientTooSlow(long now) {
    clientCutReason = "the client did not read the response within the total timeout of "
        + Durations.format(provider.timeouts().total()) + " (the upstream was held back for it "
        + Durations.format(Duration.ofMillis(backPressure.waitedNanos(now) / 1_000_000)) + ")";
    ctx.clientClosed();
    ctx.response().reset();
    // Ends the attempt as the client's abort, unless resetting the upstream request already did.
    midStreamFailure(new java.util.concurrent.TimeoutException(clientCutReason));
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
