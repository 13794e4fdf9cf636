package dev.keypool.relay;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the deadlines of the upstream exchanges in flight on one event loop a few times a second.
 * Arming and cancelling a timer for every request (and re-arming it for every stream chunk) costs
 * several percent of the proxy's throughput; timeouts measured in seconds do not need better than
 * {@link #PERIOD_MILLIS} precision. Confined to the event loop that created it.
 */
public final class TimeoutSweeper implements AutoCloseable {
  static final long PERIOD_MILLIS = 50;

  /** Something with deadlines; called on the sweeper's event loop. */
  interface Watched {
    void checkDeadline(long nowNanos);
  }

  private final Vertx vertx;
  private final Set<Watched> watched = new HashSet<>();
  private final long timerId;

  /** Must be created on the event loop whose exchanges it watches (a verticle's start). */
  /** The Vert.x instance whose timers this event loop's requests use. */
  public Vertx vertx() {
    return vertx;
  }

  public TimeoutSweeper(Vertx vertx) {
    this.vertx = vertx;
    this.timerId = vertx.setPeriodic(PERIOD_MILLIS, id -> sweep());
  }

  void watch(Watched w) {
    watched.add(w);
  }

  void unwatch(Watched w) {
    watched.remove(w);
  }

  private void sweep() {
    if (watched.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    // A timeout resets a request, which may unwatch synchronously: iterate over a copy.
    List<Watched> current = new ArrayList<>(watched);
    for (Watched w : current) {
      w.checkDeadline(now);
    }
  }

  @Override
  public void close() {
    vertx.cancelTimer(timerId);
  }
}
