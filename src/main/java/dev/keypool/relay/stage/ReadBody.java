package dev.keypool.relay.stage;

import dev.keypool.relay.ApiException;
import dev.keypool.relay.Chain;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.RelayContext;
import dev.keypool.relay.RequestBody;
import dev.keypool.relay.Stage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads the request body up to the configured limit and scans its top-level fields. A body over the
 * limit is refused with 413 as soon as the limit is crossed (or at once from its Content-Length), and
 * the connection is closed rather than drained.
 */
public final class ReadBody implements Stage {
  private final long maxBytes;

  public ReadBody(long maxBytes) {
    this.maxBytes = maxBytes;
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
    request.exceptionHandler(read::tryFail);
    request.endHandler(v -> read.tryComplete(body.getBytes()));
    request.resume();
    return read.future().compose(bytes -> {
      ctx.body(RequestBody.parse(bytes, ctx.geminiCall()));
      return chain.proceed(ctx);
    });
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
