package dev.keypool.keypool;

import static dev.keypool.keypool.PoolFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestsPerMinuteCapTest {

  private final PoolFixture f = new PoolFixture();

  @Test
  void a_key_at_its_rpm_cap_is_skipped_until_its_oldest_borrow_is_a_minute_old() {
    f.pool.put(key("capped", "openai", 0, 1, 3, true));
    f.pool.put(key("free", "openai", 0, 1, 0, true));
    f.leaseOf("capped").succeed();
    f.clock.advance(Duration.ofSeconds(10));
    f.leaseOf("capped").succeed();
    f.leaseOf("capped").succeed();
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 4)).containsOnly("free");
    assertThat(f.snapshot("capped").stateReason()).contains("3 requests per minute");

    f.clock.advance(Duration.ofSeconds(49).plusMillis(999));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 2)).containsOnly("free");
    f.clock.advance(Duration.ofMillis(1));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 2)).containsExactlyInAnyOrder("capped", "free");
  }

  @Test
  void the_cap_is_a_sliding_window_not_a_fixed_minute() {
    f.pool.put(key("capped", "openai", 0, 1, 2, true));
    f.leaseOf("capped").succeed();
    f.clock.advance(Duration.ofSeconds(59));
    f.leaseOf("capped").succeed();
    f.clock.advance(Duration.ofSeconds(1));
    f.leaseOf("capped").succeed();
    Borrow.Unavailable u = f.unavailable(Strategy.ROUND_ROBIN);
    assertThat(u.reason()).isEqualTo("the only key of provider openai is at the requests-per-minute cap");
    assertThat(u.retryAt()).isEqualTo(PoolFixture.START.plusSeconds(119));
  }

  @Test
  void raising_the_cap_through_put_keeps_the_recent_borrows() {
    f.pool.put(key("capped", "openai", 0, 1, 1, true));
    f.leaseOf("capped").succeed();
    f.unavailable(Strategy.ROUND_ROBIN);
    f.pool.put(key("capped", "openai", 0, 1, 2, true));
    f.leaseOf("capped").succeed();
    f.unavailable(Strategy.ROUND_ROBIN);
  }
}
