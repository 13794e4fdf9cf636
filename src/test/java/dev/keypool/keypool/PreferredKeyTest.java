package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A borrow's preferred key (a session's key) wins over the strategy while it is selectable, and only then. */
class PreferredKeyTest {

  private final PoolFixture f = new PoolFixture();

  private static BorrowRequest prefer(String keyId, Set<String> excluded) {
    return new BorrowRequest("openai", "route", Strategy.PRIORITY, 1, excluded, keyId, null);
  }

  @Test
  void the_preferred_key_is_lent_whatever_the_strategy_would_pick() {
    f.pool.put(PoolFixture.key("a", "openai", 10, 1, 0, true));
    f.pool.put(PoolFixture.key("b", "openai", 0, 1, 0, true));
    assertThat(f.sequence(prefer("b", Set.of()), 3)).containsExactly("b", "b", "b");
    assertThat(f.sequence(prefer(null, Set.of()), 1)).containsExactly("a");
  }

  @Test
  void a_preferred_key_that_cannot_be_lent_leaves_the_choice_to_the_strategy() {
    f.pool.put(PoolFixture.key("a", "openai", 10, 1, 0, true));
    f.pool.put(PoolFixture.key("b", "openai", 0, 1, 0, true));
    f.pool.put(PoolFixture.key("c", "openai", 5, 1, 0, true));
    assertThat(f.sequence(prefer("b", Set.of("b")), 1)).as("already tried").containsExactly("a");
    assertThat(f.sequence(prefer("gone", Set.of()), 1)).as("unknown").containsExactly("a");
    f.coolDown("b", Duration.ofSeconds(10));
    assertThat(f.sequence(prefer("b", Set.of()), 1)).as("cooling down").containsExactly("a");
    f.clock.advance(Duration.ofSeconds(10));
    assertThat(f.sequence(prefer("b", Set.of()), 1)).as("back").containsExactly("b");
  }
}
