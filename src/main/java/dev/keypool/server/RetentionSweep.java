package dev.keypool.server;

import dev.keypool.storage.Blocking;
import dev.keypool.tracking.RequestLogStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes raw request records older than the configured retention, once shortly after start and then
 * every hour, off the event loop. Pre-aggregated statistics are not affected.
 */
final class RetentionSweep {
  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  private static final long FIRST_DELAY_MS = 60_000;
  private static final long PERIOD_MS = 3_600_000;

  private RetentionSweep() {}

  static void schedule(Vertx vertx, RequestLogStore requestLog, Clock clock, Duration retention) {
    if (retention.isZero()) {
      return;
    }
    Blocking blocking = new Blocking(vertx);
    Runnable sweep = () -> blocking.run(() -> requestLog.deleteOlderThan(clock.instant().minus(retention)))
        .onSuccess(n -> {
          if (n > 0) {
            log.info("deleted {} request records older than {}", n, retention);
          }
        })
        .onFailure(e -> log.warn("request record retention sweep failed: {}", e.getMessage()));
    vertx.setTimer(FIRST_DELAY_MS, id -> {
      sweep.run();
      vertx.setPeriodic(PERIOD_MS, pid -> sweep.run());
    });
  }
}
