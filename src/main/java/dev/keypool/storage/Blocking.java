package dev.keypool.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * The facade through which event-loop code runs blocking work (JDBC, file I/O) and gets a
 * {@link Future} back on its own context.
 *
 * <p>Work runs on the Vert.x worker pool, unordered. Not virtual threads: on JDK 21 a virtual thread
 * that blocks inside {@code synchronized} pins its carrier, and the JDBC drivers here (xerial SQLite in
 * particular) synchronize around their native and socket calls, so a burst of queries could pin every
 * carrier. The worker pool is bounded, and the Hikari pool behind it bounds the database side anyway.
 * Unordered because independent queries (a health ping, an admin listing) must not queue behind each
 * other; callers that need ordering compose the futures.
 */
public final class Blocking {

  private final Vertx vertx;

  public Blocking(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Runs {@code work} off the event loop; the future fails with whatever {@code work} throws. */
  public <T> Future<T> run(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
