package dev.keypool.keypool;

import static dev.keypool.keypool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StrategySelectionTest {

  private final PoolFixture f = new PoolFixture();

  @Test
  void round_robin_lends_each_key_in_turn() {
    f.keys("a", "b", "c");
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 6)).containsExactly("a", "b", "c", "a", "b", "c");
  }

  @Test
  void round_robin_skips_a_cooling_key_and_takes_it_back_after_the_cooldown() {
    f.keys("a", "b", "c");
    f.coolDown("b", Duration.ofSeconds(10));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 4)).containsExactly("a", "c", "a", "c");
    f.clock.advance(Duration.ofSeconds(10));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 3)).containsExactly("a", "b", "c");
  }

  @Test
  void round_robin_keeps_a_separate_turn_per_route() {
    f.keys("a", "b");
    BorrowRequest one = new BorrowRequest("openai", "one", Strategy.ROUND_ROBIN, 1, Set.of());
    BorrowRequest two = new BorrowRequest("openai", "two", Strategy.ROUND_ROBIN, 1, Set.of());
    assertThat(f.sequence(one, 1)).containsExactly("a");
    assertThat(f.sequence(two, 1)).containsExactly("a");
    assertThat(f.sequence(one, 1)).containsExactly("b");
  }

  @Test
  void random_draws_uniformly_among_candidates_only() {
    List<Integer> bounds = new ArrayList<>();
    RandomGenerator scripted = new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int nextInt(int bound) {
        bounds.add(bound);
        return 1;
      }
    };
    PoolFixture p = new PoolFixture(scripted).keys("a", "b", "c");
    p.coolDown("b", Duration.ofSeconds(10));
    bounds.clear();
    assertThat(p.sequence(Strategy.RANDOM, 1)).containsExactly("c");
    assertThat(bounds).containsExactly(2);
  }

  @Test
  void random_spreads_evenly_over_many_draws() {
    f.keys("a", "b", "c");
    Map<String, Long> counts = f.sequence(Strategy.RANDOM, 3000).stream()
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    assertThat(counts).hasSize(3);
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(900L, 1100L));
  }

  @Test
  void weighted_gives_exact_smooth_shares() {
    f.pool.put(key("a", "openai", 0, 5, 0, true));
    f.pool.put(key("b", "openai", 0, 1, 0, true));
    f.pool.put(key("c", "openai", 0, 1, 0, true));
    assertThat(f.sequence(Strategy.WEIGHTED, 14))
        .containsExactly("a", "a", "b", "a", "c", "a", "a", "a", "a", "b", "a", "c", "a", "a");
  }

  @Test
  void priority_prefers_the_highest_number_and_rotates_within_the_tier() {
    f.pool.put(key("hi1", "openai", 10, 1, 0, true));
    f.pool.put(key("hi2", "openai", 10, 1, 0, true));
    f.pool.put(key("lo", "openai", 1, 1, 0, true));
    assertThat(f.sequence(Strategy.PRIORITY, 4)).containsExactly("hi1", "hi2", "hi1", "hi2");
  }

  @Test
  void priority_falls_to_a_lower_tier_only_while_every_key_above_is_unavailable() {
    f.pool.put(key("hi1", "openai", 10, 1, 0, true));
    f.pool.put(key("hi2", "openai", 10, 1, 0, true));
    f.pool.put(key("lo", "openai", 1, 1, 0, true));
    f.coolDown("hi1", Duration.ofSeconds(10));
    assertThat(f.sequence(Strategy.PRIORITY, 2)).containsExactly("hi2", "hi2");
    f.coolDown("hi2", Duration.ofSeconds(10));
    assertThat(f.sequence(Strategy.PRIORITY, 2)).containsExactly("lo", "lo");
    f.clock.advance(Duration.ofSeconds(10));
    assertThat(f.sequence(Strategy.PRIORITY, 1)).first().isNotEqualTo("lo");
  }

  @Test
  void least_inflight_lends_the_key_with_fewest_requests_in_flight() {
    f.keys("a", "b", "c");
    KeyLease a = f.leaseOf("a");
    KeyLease b1 = f.leaseOf("b");
    KeyLease b2 = f.leaseOf("b");
    KeyLease next = f.lease(Strategy.LEAST_INFLIGHT);
    assertThat(next.key().id()).isEqualTo("c");
    KeyLease then = f.lease(Strategy.LEAST_INFLIGHT);
    assertThat(then.key().id()).isIn("a", "c");
    b1.succeed();
    b2.succeed();
    assertThat(f.lease(Strategy.LEAST_INFLIGHT).key().id()).isEqualTo("b");
    a.abandon();
    next.abandon();
    then.abandon();
  }

  @Test
  void least_used_lends_the_key_that_served_fewest_requests() {
    f.keys("a", "b", "c");
    f.leaseOf("a").succeed();
    f.leaseOf("a").succeed();
    f.leaseOf("b").succeed();
    assertThat(f.sequence(Strategy.LEAST_USED, 3)).containsExactly("c", "b", "c");
    assertThat(f.snapshots().stream().map(KeySnapshot::totalRequests)).containsOnly(2L);
  }

  @Test
  void calls_per_rotation_stays_on_a_key_for_n_calls() {
    f.keys("a", "b", "c");
    BorrowRequest r = new BorrowRequest("openai", "route", Strategy.CALLS_PER_ROTATION, 3, Set.of());
    assertThat(f.sequence(r, 10)).containsExactly("a", "a", "a", "b", "b", "b", "c", "c", "c", "a");
  }

  @Test
  void calls_per_rotation_moves_on_early_when_the_key_becomes_unavailable() {
    f.keys("a", "b", "c");
    BorrowRequest r = new BorrowRequest("openai", "route", Strategy.CALLS_PER_ROTATION, 3, Set.of());
    assertThat(f.sequence(r, 2)).containsExactly("a", "a");
    f.coolDown("a", Duration.ofSeconds(10));
    assertThat(f.sequence(r, 4)).containsExactly("b", "b", "b", "c");
  }
}
