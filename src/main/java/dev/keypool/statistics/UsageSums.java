package dev.keypool.statistics;

import dev.keypool.tracking.LatencyBuckets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Summed {@code usage_hourly} columns of some rows; addable, so timeline buckets can be folded from hours or days. */
final class UsageSums {

  private static final String[] COLUMNS = {"requests", "successes", "errors", "client_aborts", "input_tokens",
      "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "cost_nanos", "charged_nanos",
      "latency_sum_ms", "ttft_sum_ms", "ttft_count", "estimated_count"};

  /** The select list: one SUM per column, in {@link #read}'s order, histogram last. */
  static final String SELECT = Arrays.stream(COLUMNS).map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "))
      + ", " + IntStream.range(0, LatencyBuckets.COUNT).mapToObj(i -> "SUM(" + LatencyBuckets.column(i) + ")")
          .collect(Collectors.joining(", "));

  /** How many columns {@link #SELECT} returns. */
  static final int WIDTH = COLUMNS.length + LatencyBuckets.COUNT;

  private final long[] v = new long[WIDTH];

  /** The sums on the current row, starting at column {@code first}; SUM of no rows (NULL) reads as 0. */
  static UsageSums read(ResultSet rs, int first) throws SQLException {
    var s = new UsageSums();
    for (int i = 0; i < WIDTH; i++) {
      s.v[i] = rs.getLong(first + i);
    }
    return s;
  }

  UsageSums add(UsageSums other) {
    for (int i = 0; i < WIDTH; i++) {
      v[i] += other.v[i];
    }
    return this;
  }

  UsageStats toStats() {
    long requests = v[0];
    long[] histogram = Arrays.copyOfRange(v, COLUMNS.length, WIDTH);
    return new UsageStats(requests, v[1], v[2], v[3], ratio(v[1], requests), v[4], v[5], v[6], v[7], v[8],
        v[4] + v[5] + v[6] + v[7], v[9], v[10], ratio(v[11], requests), LatencyBuckets.quantile(histogram, 0.50),
        LatencyBuckets.quantile(histogram, 0.95), LatencyBuckets.quantile(histogram, 0.99), ratio(v[12], v[13]), v[14]);
  }

  private static Double ratio(long num, long den) {
    return den == 0 ? null : (double) num / den;
  }
}
