package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MostHeadroomTest {

  private final PoolFixture f = new PoolFixture().keys("a", "b");

  private void report(String id, long limit, long remaining, String reset) {
    KeyLease l = f.leaseOf(id);
    l.observeHeaders(PoolFixture.headers(Map.of(
        "x-ratelimit-limit-requests", String.valueOf(limit),
        "x-ratelimit-remaining-requests", String.valueOf(remaining),
        "x-ratelimit-reset-requests", reset)));
    l.succeed();
  }

  @Test
  void most_headroom_lends_the_key_with_the_largest_remaining_fraction() {
    report("a", 100, 20, "30s");
    report("b", 100, 60, "30s");
    assertThat(f.sequence(Strategy.MOST_HEADROOM, 3)).containsOnly("b");
  }

  @Test
  void most_headroom_counts_unknown_capacity_as_full() {
    report("a", 100, 90, "30s");
    assertThat(f.sequence(Strategy.MOST_HEADROOM, 1)).containsExactly("b");
  }

  @Test
  void most_headroom_decrements_remaining_locally_so_concurrent_borrows_spread() {
    report("a", 10, 5, "30s");
    report("b", 10, 5, "30s");
    KeyLease first = f.lease(Strategy.MOST_HEADROOM);
    KeyLease second = f.lease(Strategy.MOST_HEADROOM);
    assertThat(first.key().id()).isNotEqualTo(second.key().id());
    assertThat(f.snapshot("a").rateLimit().requestsRemaining()).isEqualTo(4);
    assertThat(f.snapshot("b").rateLimit().requestsRemaining()).isEqualTo(4);
    first.succeed();
    second.succeed();
  }

  @Test
  void most_headroom_avoids_an_exhausted_key_before_it_answers_429() {
    report("a", 10, 1, "20s");
    report("b", 100, 50, "20s");
    // a's last request slot is taken by this lease; from now on the pool knows a is spent.
    f.leaseOf("a").succeed();
    assertThat(f.snapshot("a").rateLimit().requestsRemaining()).isZero();
    assertThat(f.sequence(Strategy.MOST_HEADROOM, 5)).containsOnly("b");
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 3)).containsOnly("b");
  }

  @Test
  void an_exhausted_key_is_selectable_again_once_its_reset_passes() {
    report("a", 10, 0, "20s");
    report("b", 10, 0, "40s");
    Borrow.Unavailable u = f.unavailable(Strategy.MOST_HEADROOM);
    assertThat(u.retryAt()).isEqualTo(PoolFixture.START.plusSeconds(20));
    assertThat(u.reason()).isEqualTo("all 2 keys of provider openai are out of upstream rate limit");
    f.clock.advance(Duration.ofSeconds(20));
    assertThat(f.sequence(Strategy.MOST_HEADROOM, 1)).containsExactly("a");
  }

  @Test
  void most_headroom_uses_the_tighter_of_requests_and_tokens() {
    KeyLease l = f.leaseOf("a");
    l.observeHeaders(PoolFixture.headers(Map.of(
        "x-ratelimit-limit-requests", "100", "x-ratelimit-remaining-requests", "90",
        "x-ratelimit-limit-tokens", "1000", "x-ratelimit-remaining-tokens", "100",
        "x-ratelimit-reset-tokens", "1m")));
    l.succeed();
    report("b", 100, 50, "30s");
    assertThat(f.sequence(Strategy.MOST_HEADROOM, 1)).containsExactly("b");
  }
}
