package dev.keypool.testkit;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a resolved {@link Reply} on a Vert.x response, applying its delays and faults, and counts
 * the streams the client abandoned.
 *
 * <p>A stream counts as cancelled when the connection closes before the last event was written and
 * neither the reply ({@code cutAfterEvents}) nor the server shutting down closed it.
 */
final class ReplyWriter {
  private final Vertx vertx;
  private final AtomicInteger cancelledStreams = new AtomicInteger();
  private final AtomicLong streamedBytes = new AtomicLong();
  private volatile boolean stopping;

  ReplyWriter(Vertx vertx) {
    this.vertx = vertx;
  }

  int cancelledStreams() {
    return cancelledStreams.get();
  }

  /** Bytes of stream events handed to connections so far (never more than a write queue ahead of the socket). */
  long streamedBytes() {
    return streamedBytes.get();
  }

  private static final long CUT_DELAY_MS = 20;

  void resetCounters() {
    cancelledStreams.set(0);
    streamedBytes.set(0);
  }

  void stopping() {
    stopping = true;
  }

  void write(HttpServerRequest request, Reply reply) {
    after(reply.delay, () -> start(request, reply));
  }

  private void start(HttpServerRequest request, Reply reply) {
    if (reply.closeWithoutResponse) {
      request.connection().close();
      return;
    }
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    response.setStatusCode(reply.status);
    for (Map.Entry<String, String> header : reply.headers) {
      response.headers().add(header.getKey(), header.getValue());
    }
    if (reply.streaming()) {
      stream(request, response, reply);
    } else {
      body(request, response, reply);
    }
  }

  private void body(HttpServerRequest request, HttpServerResponse response, Reply reply) {
    if (reply.cutAfterEvents < 0 && reply.hangAfterEvents < 0) {
      response.end(Buffer.buffer(reply.body));
      return;
    }
    response.putHeader("content-length", Integer.toString(reply.body.length));
    Buffer half = Buffer.buffer(Arrays.copyOf(reply.body, reply.body.length / 2));
    response.write(half).onComplete(done -> {
      if (reply.cutAfterEvents >= 0) {
        request.connection().close();
      }
    });
  }

  private void stream(HttpServerRequest request, HttpServerResponse response, Reply reply) {
    response.setChunked(true);
    StreamState state = new StreamState();
    response.closeHandler(v -> {
      if (!state.finished && !stopping) {
        cancelledStreams.incrementAndGet();
      }
    });
    response.writeHead().onSuccess(v -> send(request, response, reply, state, 0));
  }

  private void send(HttpServerRequest request, HttpServerResponse response, Reply reply, StreamState state, int i) {
    if (response.closed()) {
      return;
    }
    if (i == reply.cutAfterEvents) {
      state.finished = true;
      // A moment's pause before the abrupt close, so the events already sent are read by the client
      // rather than racing the end of the connection (some clients drop data that arrives with EOF).
      vertx.setTimer(CUT_DELAY_MS, id -> request.connection().close());
      return;
    }
    if (i == reply.hangAfterEvents) {
      return;
    }
    if (i == reply.repeatedEvent && state.sent < reply.repeatUntilBytes) {
      flood(request, response, reply, state, i);
      return;
    }
    if (i == reply.events.size()) {
      state.finished = true;
      response.end(reply.framing == Reply.Framing.JSON_ARRAY ? Buffer.buffer(i == 0 ? "[]" : "]") : Buffer.buffer());
      return;
    }
    after(reply.eventDelay, () -> {
      if (response.closed()) {
        return;
      }
      Buffer frame = frame(reply, i);
      count(state, frame);
      response.write(frame)
          .onSuccess(v -> send(request, response, reply, state, i + 1));
    });
  }

  /**
   * Writes event {@code i} until the stream carries the reply's byte count, as fast as the connection
   * takes it: whenever the write queue is full, it waits for the drain, so what it counts is at most a
   * write queue ahead of what the peer's socket accepted.
   */
  private void flood(HttpServerRequest request, HttpServerResponse response, Reply reply, StreamState state, int i) {
    Buffer frame = frame(reply, i);
    while (state.sent < reply.repeatUntilBytes) {
      if (response.closed()) {
        return;
      }
      if (response.writeQueueFull()) {
        response.drainHandler(v -> send(request, response, reply, state, i));
        return;
      }
      count(state, frame);
      response.write(frame);
    }
    send(request, response, reply, state, i + 1);
  }

  private void count(StreamState state, Buffer frame) {
    state.sent += frame.length();
    streamedBytes.addAndGet(frame.length());
  }

  private static Buffer frame(Reply reply, int i) {
    SseEvent e = reply.events.get(i);
    return switch (reply.framing) {
      case SSE -> Buffer.buffer(e.bytes());
      case SSE_CRLF -> Buffer.buffer("data: " + e.data() + "\r\n\r\n");
      case JSON_ARRAY -> Buffer.buffer((i == 0 ? "[" : ",\r\n") + e.data());
    };
  }

  private void after(Duration delay, Runnable action) {
    long millis = delay.toMillis();
    if (millis <= 0) {
      action.run();
    } else {
      vertx.setTimer(millis, id -> action.run());
    }
  }

  /** Whether the reply itself ended or cut the stream, so a close is not the client's doing. */
  private static final class StreamState {
    volatile boolean finished;
    long sent;
  }
}
