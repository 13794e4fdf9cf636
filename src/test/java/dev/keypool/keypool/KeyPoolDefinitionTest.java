package dev.keypool.keypool;

import static dev.keypool.keypool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyPoolDefinitionTest {

  private final PoolFixture f = new PoolFixture();

  @Test
  void a_disabled_key_is_never_lent_and_says_so() {
    f.pool.put(key("a", "openai", 0, 1, 0, false));
    Borrow.Unavailable u = f.unavailable(Strategy.ROUND_ROBIN);
    assertThat(u.retryAt()).isNull();
    assertThat(u.reason()).isEqualTo("the only key of provider openai is disabled");
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.DISABLED);
    assertThat(f.snapshot("a").stateReason()).isEqualTo("turned off");
  }

  @Test
  void re_enabling_a_key_makes_it_healthy_again_but_keeps_its_counters() {
    f.keys("a");
    f.leaseOf("a").fail(FailureClass.QUOTA, 402, null, "no credit");
    f.pool.put(key("a", "openai", 0, 1, 0, false));
    f.clock.advance(Duration.ofHours(1));
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.DISABLED);
    f.pool.put(key("a", "openai", 0, 1, 0, true));
    KeySnapshot s = f.snapshot("a");
    assertThat(s.state()).isEqualTo(KeyState.HEALTHY);
    assertThat(s.totalRequests()).isEqualTo(1);
    assertThat(s.totalFailures()).isEqualTo(1);
    assertThat(f.leaseOf("a").probe()).isFalse();
  }

  @Test
  void replacing_a_definition_keeps_live_state() {
    f.keys("a", "b");
    f.coolDown("a", Duration.ofSeconds(30));
    f.pool.put(key("a", "openai", 7, 3, 0, true));
    KeySnapshot s = f.snapshot("a");
    assertThat(s.priority()).isEqualTo(7);
    assertThat(s.weight()).isEqualTo(3);
    assertThat(s.state()).isEqualTo(KeyState.COOLING_DOWN);
    assertThat(s.totalRequests()).isEqualTo(1);
  }

  @Test
  void enabling_a_key_that_was_never_disabled_clears_its_cooldown_and_its_ban() {
    f.keys("a", "b");
    f.coolDown("a", Duration.ofSeconds(30));
    f.pool.enable(key("a"));
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.HEALTHY);
    assertThat(f.snapshot("a").cooldownUntil()).isNull();

    f.leaseOf("b").fail(FailureClass.QUOTA, 402, null, "no credit");
    assertThat(f.snapshot("b").state()).isEqualTo(KeyState.BANNED);
    f.pool.enable(key("b"));
    assertThat(f.snapshot("b").state()).isEqualTo(KeyState.HEALTHY);
    assertThat(f.leaseOf("b").probe()).isFalse();
  }

  @Test
  void a_key_moved_to_another_provider_is_lent_only_there() {
    f.keys("a", "b");
    f.pool.put(key("a", "anthropic", 0, 1, 0, true));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 2)).containsOnly("b");
    Borrow b = f.pool.borrow(BorrowRequest.of("anthropic", "r", Strategy.ROUND_ROBIN));
    assertThat(((Borrow.Leased) b).lease().key().id()).isEqualTo("a");
  }

  @Test
  void snapshots_are_ordered_by_provider_then_name_and_hide_the_secret() {
    f.pool.put(key("z", "openai", 0, 1, 0, true));
    f.pool.put(key("m", "anthropic", 0, 1, 0, true));
    f.pool.put(key("c", "openai", 0, 1, 0, true));
    assertThat(f.snapshots()).extracting(KeySnapshot::id).containsExactly("m", "c", "z");
    assertThat(f.snapshot("c").secretHint()).isEqualTo("sk-...ue-c");
    assertThat(f.pool.snapshot("nope")).isNull();
  }

  @Test
  void unavailable_explains_a_mix_of_reasons_and_ignores_excluded_keys_for_retry_at() {
    f.keys("a", "b", "c");
    f.pool.put(key("d", "openai", 0, 1, 0, false));
    f.coolDown("a", Duration.ofSeconds(20));
    f.coolDown("b", Duration.ofSeconds(5));
    Borrow b = f.pool.borrow(new BorrowRequest("openai", "r", Strategy.ROUND_ROBIN, 1, Set.of("b", "c")));
    Borrow.Unavailable u = (Borrow.Unavailable) b;
    assertThat(u.reason())
        .isEqualTo("no key of provider openai is available (2 already tried, 1 disabled, 1 cooling down)");
    assertThat(u.retryAt()).isEqualTo(PoolFixture.START.plusSeconds(20));
  }

  @Test
  void an_unknown_provider_is_unavailable_with_no_retry_time() {
    Borrow b = f.pool.borrow(BorrowRequest.of("nobody", "r", Strategy.RANDOM));
    assertThat(b).isEqualTo(new Borrow.Unavailable(null, "provider nobody has no keys"));
  }
}
