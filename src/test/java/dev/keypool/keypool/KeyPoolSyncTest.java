package dev.keypool.keypool;

import static dev.keypool.keypool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyPool#sync}: the keys another instance changed, read from the database, replace this
 * pool's; a read that a change made here overtook is refused, so a key just added here is not lost.
 */
class KeyPoolSyncTest {

  private final PoolFixture f = new PoolFixture();

  @Test
  void a_read_overtaken_by_a_local_change_is_refused_and_the_next_read_applies() {
    f.pool.put(key("a", "openai", 0, 1, 0, true));
    long mark = f.pool.changeMark();
    List<ProviderKey> readBefore = List.of(key("a", "openai", 0, 1, 0, true));
    f.pool.put(key("b", "openai", 0, 1, 0, true)); // added here while the read was on its way

    assertThat(f.pool.sync(readBefore, "other", mark)).isFalse();
    assertThat(f.pool.definition("b")).isNotNull();

    List<ProviderKey> readAfter = List.of(key("a", "openai", 0, 1, 0, true), key("b", "openai", 0, 1, 0, true),
        key("c", "openai", 0, 1, 0, true));
    assertThat(f.pool.sync(readAfter, "other", f.pool.changeMark())).isTrue();
    assertThat(f.pool.definition("c")).isNotNull();

    // A key removed on the other instance leaves this pool; syncing is not a change of this instance.
    long next = f.pool.changeMark();
    assertThat(f.pool.sync(List.of(key("a", "openai", 0, 1, 0, true)), "other", next)).isTrue();
    assertThat(f.pool.definition("b")).isNull();
    assertThat(f.pool.changeMark()).isEqualTo(next);
  }
}
