package dev.keypool.keypool;

import java.time.Duration;

/**
 * A key's client-request attempts and failures per minute over the last hour: the one count the
 * failure-rate alert rules read, recorded with the verdict that also feeds the key's health score
 * (so an outcome is counted once, in one place). A ring of one-minute buckets, each reset when its
 * minute comes round again; recording is allocation-free. The alerts count client requests per route
 * with it too. Not thread-safe: a key's is guarded by its {@link PooledKey}, a route's by its user.
 */
public final class AttemptCounts {
  /** The longest window a rule can ask for. */
  public static final Duration MAX_WINDOW = Duration.ofMinutes(60);
  private static final int BUCKETS = (int) MAX_WINDOW.toMinutes() + 1;
  private static final long MINUTE = 60_000L;

  private final long[] minuteOf = new long[BUCKETS];
  private final long[] total = new long[BUCKETS];
  private final long[] failed = new long[BUCKETS];

  public void add(long now, boolean isFailure) {
    long minute = Math.floorDiv(now, MINUTE);
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

  /** The counts of the last {@code minutes} whole minutes before {@code now}, plus the current one. */
  public OutcomeCounts sum(long now, int minutes) {
    long nowMinute = Math.floorDiv(now, MINUTE);
    int span = Math.max(1, Math.min(BUCKETS - 1, minutes));
    long t = 0;
    long f = 0;
    for (int i = 0; i < BUCKETS; i++) {
      // The bucket the window starts in counts whole: a window is never shorter than asked.
      if (minuteOf[i] >= nowMinute - span && minuteOf[i] <= nowMinute && total[i] > 0) {
        t += total[i];
        f += failed[i];
      }
    }
    return t == 0 ? OutcomeCounts.NONE : new OutcomeCounts(t, f);
  }
}
