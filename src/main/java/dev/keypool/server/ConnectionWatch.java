package dev.keypool.server;

import dev.keypool.relay.ApiException;
import dev.keypool.relay.ErrorKind;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.x connection's read deadlines, seen from its channel pipeline: the raw side (first in the
 * pipeline) sees every byte as it arrives, the request side (after the decoder) sees where requests
 * start and end. Vert.x alone cannot tell a slow request head from an idle kept-alive connection,
 * and its idle timeout restarts with every byte, so a client trickling one byte a second could hold a
 * connection for ever.
 *
 * <p>Phases: {@code HEAD} from accept, or from the first byte after the previous request's body, until
 * the decoder has the whole head (header deadline); {@code BODY} until the last byte of the body (body
 * deadline); {@code BETWEEN} while a kept-alive connection waits for its next request, bounded only by
 * the listener's idle timeout. One timer at most per connection, re-armed lazily: a deadline moved
 * later costs a field write, not a timer. Confined to the channel's event loop.
 */
final class ConnectionWatch extends ChannelDuplexHandler {
  static final String RAW = "keypool-raw-watch";
  private static final String REQUESTS = "keypool-request-watch";
  private static final int PATH_HINT_MAX = 256;

  private enum Phase { HEAD, BODY, BETWEEN }

  private final ConnectionGuard guard;
  private final boolean refused;
  private ChannelHandlerContext ctx;
  private Phase phase = Phase.HEAD;
  private boolean headBytes;
  private boolean answered;
  private boolean closing;
  private String path = "";
  private String anthropicVersion;
  private Runnable bodyExpiry;
  private long deadline;
  private long timerAt;
  private ScheduledFuture<?> timer;

  private ConnectionWatch(ConnectionGuard guard, boolean refused) {
    this.guard = guard;
    this.refused = refused;
  }

  /** Watches a freshly accepted connection; a refused one is answered 503 as soon as its head arrives. */
  static void install(Channel channel, ConnectionGuard guard, boolean refused) {
    ConnectionWatch watch = new ConnectionWatch(guard, refused);
    channel.pipeline().addFirst(RAW, watch);
    if (channel.pipeline().get("handler") != null) {
      channel.pipeline().addBefore("handler", REQUESTS, watch.new Requests());
    } else {
      channel.pipeline().addLast(REQUESTS, watch.new Requests());
    }
  }

  static ConnectionWatch of(Channel channel) {
    return channel.pipeline().get(ConnectionWatch.class);
  }

  /** What arrived of the current request's path, for answering in its endpoint's shape. */
  String path() {
    return path;
  }

  /** Runs {@code expired} instead of the plain answer if the current request's body deadline passes. */
  void onBodyExpiry(Runnable expired) {
    this.bodyExpiry = expired;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    arm(guard.headerTimeoutNanos());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof ByteBuf buf && buf.isReadable()) {
      if (phase == Phase.BETWEEN) {
        phase = Phase.HEAD;
        arm(guard.headerTimeoutNanos());
      }
      if (phase == Phase.HEAD && !headBytes) {
        headBytes = true;
        path = pathHint(buf);
      }
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    answered = true;
    ctx.write(msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    ctx.fireChannelInactive();
  }

  /** Sees decoded requests: where a head completes and where a body ends. */
  private final class Requests extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext requestCtx, Object msg) {
      if (closing) {
        ReferenceCountUtil.release(msg);
        return;
      }
      if (msg instanceof HttpRequest request) {
        deadline = 0;
        answered = false;
        bodyExpiry = null;
        if (request.decoderResult().isSuccess()) {
          // A failed head carries a placeholder URI: the raw bytes' path is the better guess then.
          String uri = request.uri();
          int query = uri.indexOf('?');
          path = query < 0 ? uri : uri.substring(0, query);
        }
        anthropicVersion = request.headers().get("anthropic-version");
        if (refused) {
          ReferenceCountUtil.release(msg);
          refuse();
          return;
        }
        phase = Phase.BODY;
        if (!(msg instanceof LastHttpContent)) {
          arm(guard.bodyTimeoutNanos());
        }
      }
      if (msg instanceof LastHttpContent) {
        deadline = 0;
        bodyExpiry = null;
        phase = Phase.BETWEEN;
        headBytes = false;
      }
      requestCtx.fireChannelRead(msg);
    }
  }

  private void refuse() {
    closing = true;
    guard.noteRefusal();
    RawAnswer.sendAndClose(ctx, ErrorKind.UNAVAILABLE.status(), guard.pages().render(path, anthropicVersion,
        new ApiException(ErrorKind.UNAVAILABLE, "too_many_connections",
            "The gateway is at its connection limit; retry shortly.", null)));
  }

  private void arm(long nanos) {
    long now = System.nanoTime();
    deadline = now + nanos;
    if (timer == null || deadline < timerAt) {
      if (timer != null) {
        timer.cancel(false);
      }
      schedule(nanos, now);
    }
  }

  private void schedule(long nanos, long now) {
    timerAt = now + nanos;
    timer = ctx.executor().schedule(this::check, nanos, TimeUnit.NANOSECONDS);
  }

  private void check() {
    timer = null;
    if (deadline == 0 || closing || !ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    if (deadline - now > 0) {
      schedule(deadline - now, now);
      return;
    }
    expire();
  }

  private void expire() {
    closing = true;
    if (phase == Phase.HEAD && !headBytes) {
      ctx.close(); // nothing was asked: no answer is owed
      return;
    }
    if (phase == Phase.BODY && bodyExpiry != null) {
      // The relay is reading this body: it answers in the endpoint's shape and records the request.
      Runnable expired = bodyExpiry;
      bodyExpiry = null;
      expired.run();
      RawAnswer.closeAfterWrites(ctx);
      return;
    }
    if (answered) {
      ctx.close();
      return;
    }
    RawAnswer.sendAndClose(ctx, ErrorKind.REQUEST_TIMEOUT.status(), guard.pages().render(path, anthropicVersion,
        guard.timeoutError(phase == Phase.HEAD)));
  }

  /** The path of a request line's first packet ("POST /v1/messages HTTP/1.1"), as far as it goes. */
  private static String pathHint(ByteBuf buf) {
    int start = buf.readerIndex();
    int end = Math.min(buf.writerIndex(), start + PATH_HINT_MAX);
    int from = -1;
    for (int i = start; i < end; i++) {
      byte b = buf.getByte(i);
      if (from < 0 && b == ' ') {
        from = i + 1;
      } else if (from >= 0 && (b == ' ' || b == '?' || b == '\r' || b == '\n')) {
        return buf.toString(from, i - from, StandardCharsets.ISO_8859_1);
      }
    }
    return from < 0 ? "" : buf.toString(from, end - from, StandardCharsets.ISO_8859_1);
  }
}
