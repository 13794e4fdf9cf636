package dev.keypool.server;

import dev.keypool.config.TrackingConfig;
import dev.keypool.storage.Blocking;
import dev.keypool.tracking.RequestLogStore;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes raw request records and hourly rollup rows older than their configured retentions, once
 * shortly after start and then every hour, off the event loop, by the retentions in effect at each round
 * (a reload may change them). Daily rollups are kept forever.
 */
final class RetentionSweep {
  private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);
  private static final long FIRST_DELAY_MS = 60_000;
  private static final long PERIOD_MS = 3_600_000;

  private RetentionSweep() {}

  /** @param tracking the section in effect: each round takes the retentions it holds then */
  static void schedule(Vertx vertx, RequestLogStore requestLog, Clock clock, Supplier<TrackingConfig> tracking) {
    Blocking blocking = new Blocking(vertx);
    Runnable sweep = () -> {
      TrackingConfig now = tracking.get();
      Duration records = now.retention();
      Duration hourly = now.hourlyRetention();
      if (records.isZero() && hourly.isZero()) {
        return;
      }
      blocking.run(() -> {
        if (!records.isZero()) {
          report(requestLog.deleteOlderThan(clock.instant().minus(records)), "request records", records);
        }
        if (!hourly.isZero()) {
          report(requestLog.deleteHourlyRollupsOlderThan(clock.instant().minus(hourly)), "hourly rollup rows", hourly);
        }
        return null;
      }).onFailure(e -> log.warn("retention sweep failed: {}", e.getMessage()));
    };
    vertx.setTimer(FIRST_DELAY_MS, id -> {
      sweep.run();
      vertx.setPeriodic(PERIOD_MS, pid -> sweep.run());
    });
  }

  private static void report(int deleted, String what, Duration retention) {
    if (deleted > 0) {
      log.info("deleted {} {} older than {}", deleted, what, retention);
    }
  }
}
