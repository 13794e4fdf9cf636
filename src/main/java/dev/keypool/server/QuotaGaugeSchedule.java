package dev.keypool.server;

import dev.keypool.metrics.QuotaGauges;
import dev.keypool.storage.Blocking;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the quota counters for the {@code keypool_quota_*} gauges every {@code quotas.metrics_interval}
 * (off the event loop: with Redis every read is a round trip); a round still running when the next is
 * due is not doubled.
 */
final class QuotaGaugeSchedule {
  private static final Logger log = LoggerFactory.getLogger(QuotaGaugeSchedule.class);

  private QuotaGaugeSchedule() {}

  static void schedule(Vertx vertx, Components c) {
    Duration every = c.config().quotas().metricsInterval();
    if (every.isZero()) {
      return;
    }
    QuotaGauges gauges = new QuotaGauges(c.registry()::all, c.quota().resolver(), c.quota().engine(),
        c.metrics().registry(), c.clock());
    Blocking blocking = new Blocking(vertx);
    AtomicBoolean running = new AtomicBoolean();
    Runnable round = () -> {
      if (running.compareAndSet(false, true)) {
        blocking.run(() -> {
          gauges.sample();
          return null;
        }).onComplete(ar -> {
          running.set(false);
          if (ar.failed()) {
            log.warn("cannot read the quota counters for the gauges: {}", ar.cause().toString());
          }
        });
      }
    };
    round.run();
    vertx.setPeriodic(Math.max(1, every.toMillis()), id -> round.run());
  }
}
