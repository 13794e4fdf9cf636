package dev.keypool.relay.stage;

import dev.keypool.config.Durations;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.RequestBody;
import dev.keypool.relay.Stage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the request body up to the configured limit and scans its top-level fields. A body over the
 * limit is refused with 413 as soon as the limit is crossed (or at once from its Content-Length), and
 * the connection is closed rather than drained. A body that stops arriving is refused with 408 when
 * the listener's body deadline passes, and a body the HTTP decoder cannot read (a malformed chunked
 * encoding) with 400: both are the client's doing, not the gateway's.
 */
public final class ReadBody implements Stage {
  private static final Logger log = LoggerFactory.getLogger(ReadBody.class);

  /** Where the body deadline is kept: the connection watch, which already times every request. */
  @FunctionalInterface
  public interface Deadline {
    /** Runs {@code expired} on the request's event loop if its body deadline passes before its end. */
    void onExpiry(HttpServerRequest request, Runnable expired);
  }

  private final long maxBytes;
  private final Deadline deadline;
  private final Duration bodyTimeout;

  public ReadBody(long maxBytes, Duration bodyTimeout, Deadline deadline) {
    this.maxBytes = maxBytes;
    this.bodyTimeout = bodyTimeout;
    this.deadline = deadline;
  }

  @Override
  public Future<Void> handle(RelayContext ctx, Chain chain) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("content-length");
    if (length != null && parseLong(length) > maxBytes) {
      throw tooLarge();
    }
    Promise<byte[]> read = Promise.promise();
    Buffer body = Buffer.buffer(length == null ? 1024 : (int) Math.max(0, Math.min(parseLong(length), maxBytes)));
    request.handler(chunk -> {
      if (body.length() + chunk.length() > maxBytes) {
        read.tryFail(tooLarge());
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> read.tryFail(unreadable(ctx, e)));
    request.endHandler(v -> read.tryComplete(body.getBytes()));
    if (!request.isEnded()) {
      deadline.onExpiry(request, () -> {
        // The rest of the body would be unsynchronised with whatever follows: the connection closes.
        request.response().putHeader("connection", "close");
        read.tryFail(timeout(bodyTimeout));
      });
    }
    request.resume();
    return read.future().compose(bytes -> {
      ctx.body(RequestBody.parse(bytes, ctx.geminiCall()));
      return chain.proceed(ctx);
    });
  }

  /** The answer to a body that did not arrive within {@code limit}. */
  public static ApiException timeout(Duration limit) {
    return new ApiException(ErrorKind.REQUEST_TIMEOUT, "request_timeout",
        "The request body did not arrive within " + Durations.format(limit) + ".", null);
  }

  private static Throwable unreadable(RelayContext ctx, Throwable e) {
    if (e instanceof HttpClosedException) {
      return e; // the client went away: nobody to answer
    }
    // A decoder failure (invalid chunk size, oversized chunk extension...): the bytes are the client's.
    log.debug("request {}: body unreadable ({})", ctx.requestId(), e.getClass().getSimpleName());
    ctx.request().response().putHeader("connection", "close");
    return new ApiException(ErrorKind.INVALID_REQUEST, "invalid_body",
        "The request body could not be read: its transfer encoding is malformed.", null);
  }

  private ApiException tooLarge() {
    return new ApiException(ErrorKind.REQUEST_TOO_LARGE, "request_too_large",
        "The request body exceeds the limit of " + maxBytes + " bytes.", null);
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
