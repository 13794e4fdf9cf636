package dev.keypool.alert;

import dev.keypool.keypool.AttemptCounts;
import dev.keypool.keypool.KeyPool;
import dev.keypool.keypool.OutcomeCounts;
import dev.keypool.tracking.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Failure counts per provider key, provider and route. Keys and providers are read from the
 * {@link KeyPool}: every lease's verdict is counted there once, per minute, next to the recent outcomes
 * that make the key's health score (see {@code keypool/AttemptCounts}), so the alerts and the score
 * never count the same attempt in two structures. Routes count client requests, which the pool does
 * not see: fed with every finished request's record on the event loop that finished it, in the same
 * one-minute buckets over the last hour ({@link AttemptCounts}), failed when Keypool answered 5xx.
 */
public final class FailureRates {
  /** The longest window a rule can ask for. */
  public static final Duration MAX_WINDOW = KeyPool.MAX_COUNT_WINDOW;
  /** Routes kept at most: they are bounded by the configuration anyway. */
  private static final int MAX_SUBJECTS = 20_000;

  private static final String KEY = "key:";
  private static final String PROVIDER = "provider:";
  private static final String ROUTE = "route:";
  /** Keyed by the bare route id: recording a request, on its event loop, builds no string. */
  private final Map<String, AttemptCounts> routes = new ConcurrentHashMap<>();
  private final KeyPool pool;

  /** Requests and failures of one subject over a window. */
  public record Counts(long requests, long failures) {
    public double rate() {
      return requests == 0 ? 0 : (double) failures / requests;
    }
  }

  /** @param pool whose keys' attempt counts make the key and provider rates; null for routes only */
  public FailureRates(KeyPool pool) {
    this.pool = pool;
  }

  /** Counts routes only (no pool). */
  public FailureRates() {
    this(null);
  }

  /** Counts one finished client request for its route. */
  public void record(RequestRecord r) {
    if (r.routeId() == null || "client_abort".equals(r.outcome())) {
      return;
    }
    Instant at = r.finishedAt() != null ? r.finishedAt() : r.startedAt();
    AttemptCounts w = routes.get(r.routeId());
    if (w == null) {
      if (routes.size() >= MAX_SUBJECTS) {
        return;
      }
      w = routes.computeIfAbsent(r.routeId(), s -> new AttemptCounts());
    }
    synchronized (w) {
      w.add(at.toEpochMilli(), r.status() >= 500);
    }
  }

  /** The counts of every subject whose name starts with {@code prefix} over {@code window} up to {@code now}. */
  public void each(String prefix, Instant now, Duration window, BiConsumer<String, Counts> out) {
    if (pool != null && KEY.startsWith(prefix)) {
      pool.attemptsByKey(window).forEach((id, c) -> out.accept(KEY + id, counts(c)));
    }
    if (pool != null && PROVIDER.startsWith(prefix)) {
      pool.attemptsByProvider(window).forEach((id, c) -> out.accept(PROVIDER + id, counts(c)));
    }
    if (ROUTE.startsWith(prefix)) {
      int minutes = (int) Math.max(1, Math.min(MAX_WINDOW.toMinutes(), window.toMinutes()));
      routes.forEach((id, w) -> {
        OutcomeCounts c;
        synchronized (w) {
          c = w.sum(now.toEpochMilli(), minutes);
        }
        out.accept(ROUTE + id, counts(c));
      });
    }
  }

  private static Counts counts(OutcomeCounts c) {
    return new Counts(c.attempts(), c.failures());
  }
}
