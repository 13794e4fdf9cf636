package dev.keypool.server;

import dev.keypool.gatewaykey.LastUsedTracker;
import dev.keypool.storage.Blocking;
import dev.keypool.storage.GatewayKeyStore;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the gateway keys' last-used times, noted in memory by authentication, to the store in one
 * batch every few seconds (off the event loop) and once more at shutdown. A failed write puts the
 * times back for the next round.
 */
final class LastUsedFlush {
  private static final Logger log = LoggerFactory.getLogger(LastUsedFlush.class);
  static final long PERIOD_MS = 5_000;

  private LastUsedFlush() {}

  static void schedule(Vertx vertx, LastUsedTracker tracker, GatewayKeyStore store) {
    Blocking blocking = new Blocking(vertx);
    vertx.setPeriodic(PERIOD_MS, id -> {
      Map<String, Instant> touches = tracker.drain();
      if (!touches.isEmpty()) {
        blocking.run(() -> write(tracker, store, touches));
      }
    });
  }

  /** Writes what is pending now, on the calling thread: for shutdown, after the event loops stopped. */
  static void flushNow(LastUsedTracker tracker, GatewayKeyStore store) {
    write(tracker, store, tracker.drain());
  }

  private static Void write(LastUsedTracker tracker, GatewayKeyStore store, Map<String, Instant> touches) {
    try {
      store.touchLastUsed(touches);
    } catch (RuntimeException e) {
      tracker.restore(touches);
      log.warn("cannot record when {} gateway keys were last used: {}", touches.size(), e.getMessage());
    }
    return null;
  }
}
