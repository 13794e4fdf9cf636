package dev.keypool.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyBucketsTest {

  @Test
  void bounds_are_exclusive_above_and_the_last_bucket_is_open() {
    assertThat(LatencyBuckets.bucketOf(0)).isZero();
    assertThat(LatencyBuckets.bucketOf(49)).isZero();
    assertThat(LatencyBuckets.bucketOf(50)).isEqualTo(1);
    assertThat(LatencyBuckets.bucketOf(119_999)).isEqualTo(14);
    assertThat(LatencyBuckets.bucketOf(120_000)).isEqualTo(15);
    assertThat(LatencyBuckets.COLUMNS).startsWith("lat_00, lat_01").endsWith("lat_15");
  }

  @Test
  void quantiles_of_100_latencies_fall_in_the_bucket_of_the_true_value() {
    long[] counts = new long[LatencyBuckets.COUNT];
    for (int ms = 10; ms <= 1_000; ms += 10) {
      counts[LatencyBuckets.bucketOf(ms)]++;
    }
    assertThat(LatencyBuckets.quantile(counts, 0.50)).isBetween(400L, 700L); // true 500
    assertThat(LatencyBuckets.quantile(counts, 0.95)).isBetween(700L, 1_200L); // true 950
    assertThat(LatencyBuckets.quantile(counts, 0.99)).isBetween(700L, 1_200L); // true 990
    assertThat(LatencyBuckets.quantile(counts, 0.10)).isBetween(50L, 150L); // true 100
  }

  @Test
  void empty_and_open_ended_histograms() {
    long[] counts = new long[LatencyBuckets.COUNT];
    assertThat(LatencyBuckets.quantile(counts, 0.5)).isNull();
    counts[15] = 1;
    assertThat(LatencyBuckets.quantile(counts, 0.99)).isEqualTo(120_000L);
  }
}
