package dev.keypool.tracking;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The fixed latency histogram of the hourly rollups: 16 buckets on a roughly logarithmic scale from
 * under 50 ms to 120 s and more, stored as columns {@code lat_00..lat_15} of {@code usage_hourly}.
 *
 * <p>Fixed bounds make histograms of different hours, keys and models addable, which is what lets a
 * percentile over any range be computed from summed columns. The price is precision: an estimate is
 * only known to lie within its bucket, from 50 ms wide at the bottom to 60 s near the top.
 */
public final class LatencyBuckets {

  /** Exclusive upper bounds of buckets 0..14 in milliseconds; bucket 15 holds everything from the last. */
  static final long[] UPPER_MS = {50, 100, 150, 250, 400, 700, 1_200, 2_000, 3_500, 6_000, 10_000, 17_500, 30_000,
      60_000, 120_000};

  /** Number of buckets (and histogram columns). */
  public static final int COUNT = UPPER_MS.length + 1;

  /** The histogram columns, "lat_00, lat_01, ..., lat_15". */
  public static final String COLUMNS = IntStream.range(0, COUNT).mapToObj(LatencyBuckets::column)
      .collect(Collectors.joining(", "));

  private LatencyBuckets() {}

  public static String column(int bucket) {
    return String.format("lat_%02d", bucket);
  }

  /** The bucket holding {@code latencyMs}; negative values count as 0. */
  public static int bucketOf(long latencyMs) {
    for (int i = 0; i < UPPER_MS.length; i++) {
      if (latencyMs < UPPER_MS[i]) {
        return i;
      }
    }
    return COUNT - 1;
  }

  /** Inclusive lower bound of {@code bucket} in milliseconds. */
  public static long lowerMs(int bucket) {
    return bucket == 0 ? 0 : UPPER_MS[bucket - 1];
  }

  /**
   * The {@code q}-quantile (0 < q <= 1) of the histogram {@code counts}, interpolated linearly inside
   * the bucket where it falls; null for an empty histogram. The open last bucket has no upper bound,
   * so a quantile falling there is reported as its lower bound, 120,000 ms.
   */
  public static Long quantile(long[] counts, double q) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return null;
    }
    double rank = q * total;
    long before = 0;
    for (int i = 0; i < COUNT; i++) {
      long c = counts[i];
      if (c > 0 && before + c >= rank) {
        if (i == COUNT - 1) {
          return lowerMs(i);
        }
        double within = (rank - before) / c;
        return Math.round(lowerMs(i) + within * (UPPER_MS[i] - lowerMs(i)));
      }
      before += c;
    }
    return lowerMs(COUNT - 1);
  }
}
