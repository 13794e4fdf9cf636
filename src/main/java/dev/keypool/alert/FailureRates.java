package dev.keypool.alert;

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
 * not see: fed with every finished request's record on the event loop that finished it, in one-minute
 * buckets over the last hour, failed when Keypool answered 5xx.
 */
public final class FailureRates {
  /** The longest window a rule can ask for. */
  public static final Duration MAX_WINDOW = KeyPool.MAX_COUNT_WINDOW;
  /** Routes kept at most: they are bounded by the configuration anyway. */
  private static final int MAX_SUBJECTS = 20_000;
  private static final int BUCKETS = (int) MAX_WINDOW.toMinutes() + 1;

  private static final String KEY = "key:";
  private static final String PROVIDER = "provider:";
  private static final String ROUTE = "route:";
  /** Keyed by the bare route id: recording a request, on its event loop, builds no string. */
  private final Map<String, Window> routes = new ConcurrentHashMap<>();
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
    Window w = routes.get(r.routeId());
    if (w == null) {
      if (routes.size() >= MAX_SUBJECTS) {
        return;
      }
      w = routes.computeIfAbsent(r.routeId(), s -> new Window());
    }
    w.add(at.getEpochSecond() / 60, r.status() >= 500);
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
      long nowMinute = now.getEpochSecond() / 60;
      int minutes = (int) Math.max(1, Math.min(MAX_WINDOW.toMinutes(), window.toMinutes()));
      routes.forEach((id, w) -> out.accept(ROUTE + id, w.sum(nowMinute, minutes)));
    }
  }

  private static Counts counts(OutcomeCounts c) {
    return new Counts(c.attempts(), c.failures());
  }
  /** A ring of per-minute buckets; a bucket is reset when its minute comes round again. */
  private static final class Window {
    private final long[] minuteOf = new long[BUCKETS];
    private final long[] total = new long[BUCKETS];
    private final long[] failed = new long[BUCKETS];

    synchronized void add(long minute, boolean isFailure) {
      int i = (int) Math.floorMod(minute, (long) BUCKETS);
      if (minuteOf[i] != minute) {
        minuteOf[i] = minute;
        total[i] = 0;
        failed[i] = 0;
      }
      total[i]++;
      if (isFailure) {
        failed[i]++;
      }
    }

    synchronized Counts sum(long nowMinute, int minutes) {
      long t = 0;
      long f = 0;
      for (int i = 0; i < BUCKETS; i++) {
        // The bucket the window starts in counts whole: a window is never shorter than asked.
        if (minuteOf[i] >= nowMinute - minutes && minuteOf[i] <= nowMinute && total[i] > 0) {
          t += total[i];
          f += failed[i];
        }
      }
      return new Counts(t, f);
    }
  }
}
