package dev.keypool.relay;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;

/**
 * Back-pressure from the client to the upstream: when the client's write queue is full, the upstream
 * response is paused (its connection stops being read, so the upstream's own socket fills and it
 * stops sending) until the client has drained the queue. Whatever the client's pace, a stream holds at
 * most one write queue and the socket buffers in between.
 *
 * <p>It also keeps the time spent waiting for the client, so that the upstream's timers measure the
 * upstream alone: a pause the client caused is neither upstream silence nor upstream slowness.
 * Confined to the request's event loop; times are {@link System#nanoTime()} readings.
 */
final class ClientBackPressure {
  private final HttpServerResponse client;
  private final Runnable onDrain;
  private boolean waiting;
  private long waitingSince;
  private long waitedNanos;

  /** @param onDrain runs when the client took its queue and the upstream is read again */
  ClientBackPressure(HttpServerResponse client, Runnable onDrain) {
    this.client = client;
    this.onDrain = onDrain;
  }

  /** After a write to the client: pauses {@code upstream} until the client's queue drains, if it is full. */
  void afterWrite(ReadStream<?> upstream) {
    if (waiting || !client.writeQueueFull()) {
      return;
    }
    waiting = true;
    waitingSince = System.nanoTime();
    upstream.pause();
    client.drainHandler(v -> {
      waiting = false;
      waitedNanos += System.nanoTime() - waitingSince;
      onDrain.run();
      upstream.resume();
    });
  }

  /** Whether the upstream is paused now because the client has not taken what it was sent. */
  boolean waiting() {
    return waiting;
  }

  /** Nanoseconds the upstream was held back for the client so far, the current wait included. */
  long waitedNanos(long now) {
    return waitedNanos + (waiting ? now - waitingSince : 0);
  }
}
