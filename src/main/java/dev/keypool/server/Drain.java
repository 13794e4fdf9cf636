package dev.keypool.server;

import dev.keypool.config.Durations;
import dev.keypool.metrics.GatewayMetrics;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown of the proxy port. {@link #run} stops accepting connections, lets the requests and
 * streams in flight finish for up to the drain deadline ({@code limits.drain_timeout}), then cuts what
 * remains, and returns once every request has handed its record to the writer, so that closing the
 * writer afterwards stores them all. While it runs, {@link #draining()} is true and
 * {@code /health/ready} answers 503 "draining", so that load balancers stop sending.
 *
 * <p>Connections are shut down by Vert.x ({@code HttpServer.shutdown}): the listening socket closes at
 * once (new connections are refused), an idle kept-alive connection is closed, and a connection with a
 * request in flight is closed when its response ends or, at the deadline, cut; a cut stream ends as a
 * client abort (its upstream call is reset), so its record is built like any other.
 */
public final class Drain {
  private static final Logger log = LoggerFactory.getLogger(Drain.class);
  /** After the cut, how long the cut requests get to build and queue their records. */
  static final Duration RECORD_GRACE = Duration.ofSeconds(5);
  /** Beyond the deadline, how long Vert.x gets to close the cut connections. */
  private static final Duration CUT_GRACE = Duration.ofSeconds(5);

  private volatile boolean draining;

  /** True from the start of the shutdown: the instance takes no new work. */
  public boolean draining() {
    return draining;
  }

  /**
   * Drains the proxy servers {@code proxies} within {@code deadline}, then waits for the records of the
   * requests that were cut; blocks the calling thread (a shutdown hook, never an event loop).
   */
  void run(List<ProxyVerticle> proxies, GatewayMetrics metrics, Duration deadline) {
    draining = true;
    long start = System.nanoTime();
    log.info("Shutting down: new connections are refused; {} requests in flight get up to {} to finish",
        metrics.inFlight(), Durations.format(deadline));
    Future<?> closed = Future.join(proxies.stream().map(p -> p.shutdown(deadline)).toList());
    int cut = 0;
    if (!await(closed, deadline)) {
      cut = metrics.inFlight();
      if (!await(closed, CUT_GRACE)) {
        log.warn("The proxy port's connections were not all closed {} after the drain deadline", Durations.format(CUT_GRACE));
      }
    }
    long graceEnd = System.nanoTime() + RECORD_GRACE.toNanos();
    while (metrics.inFlight() > 0 && System.nanoTime() - graceEnd < 0 && !Thread.currentThread().isInterrupted()) {
      sleepBriefly();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    if (cut > 0) {
      log.warn("Drained in {} ms: {} requests still running at the drain deadline were cut", millis, cut);
    } else {
      log.info("Drained in {} ms: every request in flight finished", millis);
    }
    if (metrics.inFlight() > 0) {
      log.warn("{} requests had not recorded themselves {} after the drain; their records may be missing",
          metrics.inFlight(), Durations.format(RECORD_GRACE));
    }
  }

  /** True when {@code future} completed (successfully or not) within {@code max}. */
  private static boolean await(Future<?> future, Duration max) {
    try {
      future.toCompletionStage().toCompletableFuture().get(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (Exception e) {
      log.warn("The proxy port did not shut down cleanly", e);
      return true;
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
