package dev.keypool.keypool;

/**
 * The recent outcomes of one key (live traffic and health checks), or of one key with one model: time, latency and verdict of the
 * last {@link #CAPACITY} leases, from which {@link HealthScores} computes the key's health score off the
 * request path. Recording is allocation-free. Not thread-safe: guarded by its {@link PooledKey}.
 */
final class KeyVitals {

  static final int CAPACITY = 32;
  /** Latency not known (a health check's, which is not comparable with a request's). */
  static final int NO_LATENCY = -1;
  /** Verdict code of a success; a failure is its class's ordinal plus one. */
  private static final byte OK = 0;

  private final long[] times = new long[CAPACITY];
  private final int[] latencies = new int[CAPACITY];
  private final byte[] verdicts = new byte[CAPACITY];
  private int next;
  private int size;

  void succeeded(long now, long latencyMs) {
    record(now, latencyMs, OK);
  }

  void failed(long now, long latencyMs, FailureClass failure) {
    record(now, latencyMs, (byte) (failure.ordinal() + 1));
  }

  private void record(long now, long latencyMs, byte verdict) {
    times[next] = now;
    latencies[next] = latencyMs < 0 ? NO_LATENCY : (int) Math.min(Integer.MAX_VALUE, latencyMs);
    verdicts[next] = verdict;
    next = (next + 1) % CAPACITY;
    size = Math.min(size + 1, CAPACITY);
  }

  /** The time of the latest outcome, or {@link Millis#NONE} when none was recorded. */
  long latest() {
    return size == 0 ? Millis.NONE : times[(next - 1 + CAPACITY) % CAPACITY];
  }

  /** Forgets every outcome, so that the ring can serve another model (see {@link ModelVitals}). */
  void clear() {
    next = 0;
    size = 0;
  }

  /**
   * Sums the outcomes after {@code cutoff} that say something about the key: a caller's fault and a
   * provider-wide overload are left out, and so is a model the key may not use unless {@code forModel}
   * (the key may well serve other models; for that model it is the very thing to count).
   */
  Tally tally(long cutoff, boolean forModel) {
    Tally t = new Tally();
    for (int i = 0; i < size; i++) {
      if (times[i] <= cutoff) {
        continue;
      }
      FailureClass failure = verdicts[i] == OK ? null : FailureClass.values()[verdicts[i] - 1];
      if (failure == FailureClass.CALLER_FAULT || failure == FailureClass.OVERLOADED
          || (failure == FailureClass.MODEL_ACCESS && !forModel)) {
        continue;
      }
      t.outcomes++;
      if (failure == null) {
        t.successes++;
      } else if (times[i] >= t.lastFailureAt) {
        t.lastFailureAt = times[i];
        t.lastFailure = failure;
      }
      if (latencies[i] != NO_LATENCY) {
        t.latencySamples++;
        t.latencySum += latencies[i];
      }
    }
    return t;
  }

  /** What {@link #tally} found. */
  static final class Tally {
    int outcomes;
    int successes;
    int latencySamples;
    long latencySum;
    long lastFailureAt = Long.MIN_VALUE;
    FailureClass lastFailure;

    /** Mean latency in ms, or -1 without samples. */
    long meanLatency() {
      return latencySamples == 0 ? -1 : latencySum / latencySamples;
    }
  }
}
