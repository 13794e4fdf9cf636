package dev.keypool.alert;

import dev.keypool.tracking.AttemptRecord;
import dev.keypool.tracking.RequestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Failure counts per provider key, provider and route over the last hour, in one-minute buckets, fed
 * with every finished request's record on the event loop that finished it (a map lookup and a short
 * lock per subject). Upstream attempts count for keys and providers, failed unless they ended without
 * a failure class or with the caller's fault; client requests count for routes, failed when Keypool
 * answered 5xx.
 */
public final class FailureRates {
  /** The longest window a rule can ask for. */
  public static final Duration MAX_WINDOW = Duration.ofMinutes(60);
  /** Subjects kept at most: keys, providers and routes are bounded by the configuration anyway. */
  private static final int MAX_SUBJECTS = 20_000;
  private static final int BUCKETS = (int) MAX_WINDOW.toMinutes() + 1;

  private static final String KEY = "key:";
  private static final String PROVIDER = "provider:";
  private static final String ROUTE = "route:";
  // One map per kind of subject, keyed by the bare id: recording a request, on its event loop, builds
  // no string; the "key:..." names are made only when the rules are evaluated.
  private final Map<String, Window> keys = new ConcurrentHashMap<>();
  private final Map<String, Window> providers = new ConcurrentHashMap<>();
  private final Map<String, Window> routes = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Window>> byKind = Map.of(KEY, keys, PROVIDER, providers, ROUTE, routes);

  /** Requests and failures of one subject over a window. */
  public record Counts(long requests, long failures) {
    public double rate() {
      return requests == 0 ? 0 : (double) failures / requests;
    }
  }

  /** Counts one finished request and its attempts. */
  public void record(RequestRecord r) {
    Instant at = r.finishedAt() != null ? r.finishedAt() : r.startedAt();
    long minute = at.getEpochSecond() / 60;
    for (AttemptRecord a : r.attempts()) {
      boolean failed = a.failureClass() != null && !"caller_fault".equals(a.failureClass());
      add(keys, a.providerKeyId(), minute, failed);
      add(providers, a.providerId(), minute, failed);
    }
    if (r.routeId() != null && !"client_abort".equals(r.outcome())) {
      add(routes, r.routeId(), minute, r.status() >= 500);
    }
  }

  /** The counts of every subject whose name starts with {@code prefix} over {@code window} up to {@code now}. */
  public void each(String prefix, Instant now, Duration window, BiConsumer<String, Counts> out) {
    long nowMinute = now.getEpochSecond() / 60;
    int minutes = (int) Math.max(1, Math.min(MAX_WINDOW.toMinutes(), window.toMinutes()));
    byKind.forEach((kind, windows) -> {
      if (kind.startsWith(prefix)) {
        windows.forEach((id, w) -> out.accept(kind + id, w.sum(nowMinute, minutes)));
      }
    });
  }

  private void add(Map<String, Window> windows, String id, long minute, boolean failed) {
    if (id == null) {
      return;
    }
    Window w = windows.get(id);
    if (w == null) {
      if (keys.size() + providers.size() + routes.size() >= MAX_SUBJECTS) {
        return;
      }
      w = windows.computeIfAbsent(id, s -> new Window());
    }
    w.add(minute, failed);
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
