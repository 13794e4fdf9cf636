package dev.keypool.server;

import dev.keypool.config.LimitsConfig;
import dev.keypool.relay.ApiException;
import dev.keypool.relay.ErrorKind;
import dev.keypool.relay.stage.ReadBody;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection-level protection of one listener, shared by all its server instances: at most
 * {@code cap} open connections, read deadlines on each ({@link ConnectionWatch}), and requests the
 * HTTP decoder rejects answered in the listener's error shape instead of an empty body.
 *
 * <p>A connection past the cap is refused: up to {@link #POLITE_REFUSALS} at a time are kept until
 * their request head arrives (within the header deadline) and answered 503 with
 * {@code connection: close}, so an ordinary client learns why; past those, a connection is closed at
 * once, since under a flood each answer would hold a descriptor the process needs.
 */
public final class ConnectionGuard implements ReadBody.Deadline {
  private static final Logger log = LoggerFactory.getLogger(ConnectionGuard.class);
  /** Refused connections answered with a 503 at the same time; counted in the descriptor budget. */
  public static final int POLITE_REFUSALS = 64;
  private static final long WARN_EVERY_NANOS = 60_000_000_000L;

  private final String listener;
  private final int cap;
  private final LimitsConfig limits;
  private final ErrorPages pages;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicLong nextWarn = new AtomicLong(System.nanoTime());

  public ConnectionGuard(String listener, int cap, LimitsConfig limits, ErrorPages pages) {
    this.listener = listener;
    this.cap = cap;
    this.limits = limits;
    this.pages = pages;
  }

  /** Puts the guard in front of a server's connections and decoder failures. */
  public HttpServer protect(HttpServer server) {
    return server.connectionHandler(this::admit).invalidRequestHandler(this::invalidRequest);
  }

  public int openConnections() {
    return open.get();
  }

  public int cap() {
    return cap;
  }

  /** Connections refused since start (answered 503 or closed at once). */
  public long refusals() {
    return refusals.get();
  }

  private void admit(HttpConnection connection) {
    int now = open.incrementAndGet();
    // The Netty channel is only reachable through Vert.x's connection implementation; without it
    // (another protocol) the cap still holds, with a plain close.
    if (!(connection instanceof ConnectionBase base)) {
      connection.closeHandler(v -> open.decrementAndGet());
      if (now > cap) {
        noteRefusal();
        connection.close();
      }
      return;
    }
    Channel channel = base.channel();
    channel.closeFuture().addListener(f -> open.decrementAndGet());
    if (now > cap + POLITE_REFUSALS) {
      noteRefusal();
      channel.close();
      return;
    }
    ConnectionWatch.install(channel, this, now > cap);
  }

  private void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ErrorKind kind = ErrorKind.INVALID_REQUEST;
    String message = "The request is not valid HTTP/1.1 and was refused.";
    if (cause instanceof TooLongHttpLineException) {
      kind = ErrorKind.URI_TOO_LONG;
      message = "The request line is longer than the limit of this server.";
    } else if (cause instanceof TooLongHttpHeaderException) {
      kind = ErrorKind.HEADERS_TOO_LARGE;
      message = "The request headers are larger than the limit of this server.";
    }
    // The client's fault, and anyone can send it: no stack trace, no raw input in the log.
    log.debug("{} port: malformed request refused with {} ({})", listener, kind.status(),
        cause == null ? "no cause" : cause.getClass().getSimpleName());
    String path = request.path();
    if (request.connection() instanceof ConnectionBase base && ConnectionWatch.of(base.channel()) != null) {
      path = ConnectionWatch.of(base.channel()).path();
    }
    request.response().setStatusCode(kind.status())
        .putHeader("content-type", "application/json")
        .putHeader("connection", "close")
        .end(pages.render(path == null ? "" : path, request.getHeader("anthropic-version"),
            new ApiException(kind, "invalid_request", message, null)));
  }

  @Override
  public void onExpiry(HttpServerRequest request, Runnable expired) {
    if (request.connection() instanceof ConnectionBase base) {
      ConnectionWatch watch = ConnectionWatch.of(base.channel());
      if (watch != null) {
        watch.onBodyExpiry(expired);
      }
    }
  }

  long headerTimeoutNanos() {
    return limits.headerTimeout().toNanos();
  }

  long bodyTimeoutNanos() {
    return limits.bodyTimeout().toNanos();
  }

  ErrorPages pages() {
    return pages;
  }

  /** The error of a request whose head ({@code head}) or body did not arrive in time. */
  ApiException timeoutError(boolean head) {
    return head
        ? new ApiException(ErrorKind.REQUEST_TIMEOUT, "request_timeout", "The request line and headers did not arrive"
            + " within " + dev.keypool.config.Durations.format(limits.headerTimeout()) + ".", null)
        : ReadBody.timeout(limits.bodyTimeout());
  }

  void noteRefusal() {
    long total = refusals.incrementAndGet();
    long now = System.nanoTime();
    long next = nextWarn.get();
    if (now - next >= 0 && nextWarn.compareAndSet(next, now + WARN_EVERY_NANOS)) {
      log.warn("{} port at its limit of {} connections: {} connections refused since start "
          + "(listeners.{}.max_connections)", listener, cap, total, listener);
    }
  }
}
