package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a pool applies other instances' changes, and what it tells them, when it is shared. */
class SharedAdoptionTest {

  private final PoolFixture f = new PoolFixture().keys("a", "b");
  private final List<KeyChange> told = new ArrayList<>();
  private boolean coordinating = true;

  SharedAdoptionTest() {
    f.pool.share(new KeySharing() {
      @Override
      public boolean coordinatesProbes() {
        return coordinating;
      }

      @Override
      public void changed(KeyChange change) {
        told.add(change);
      }
    });
  }

  private long at(Duration d) {
    return f.clock.millis() + d.toMillis();
  }

  @Test
  void a_remote_cooldown_extends_but_never_shortens() {
    assertThat(f.pool.adopt(KeyChange.coolingDown("a", at(Duration.ofSeconds(30)), "rate limited"), "x")).isTrue();
    assertThat(f.pool.adopt(KeyChange.coolingDown("a", at(Duration.ofSeconds(10)), "rate limited"), "x")).isFalse();
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.COOLING_DOWN);
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 2)).containsOnly("b");
    assertThat(told).as("adopted changes are not told again").isEmpty();
  }

  @Test
  void instances_banning_at_once_agree_on_the_later_end_and_a_recovery_ends_only_the_ban_it_probed() {
    f.pool.adopt(KeyChange.banned("a", at(Duration.ofMinutes(10)), 600_000, "401"), "x");
    f.pool.adopt(KeyChange.banned("a", at(Duration.ofMinutes(5)), 600_000, "401"), "y");
    assertThat(f.snapshot("a").bannedUntil().toEpochMilli()).isEqualTo(at(Duration.ofMinutes(10)));
    assertThat(f.pool.adopt(KeyChange.recovered("a", at(Duration.ofMinutes(5)), "401"), "y")).isFalse();
    assertThat(f.pool.adopt(KeyChange.recovered("a", at(Duration.ofMinutes(10)), "401"), "x")).isTrue();
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.HEALTHY);
  }

  @Test
  void a_banned_key_is_probed_here_only_with_the_lease_or_while_the_instances_are_apart() {
    f.pool.adopt(KeyChange.banned("a", at(Duration.ofMinutes(10)), 600_000, "401"), "x");
    f.clock.advance(Duration.ofMinutes(10));
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.PROBING);
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 3)).containsOnly("b");
    assertThat(f.pool.probesToClaim()).containsOnlyKeys("a");

    assertThat(f.pool.claimProbe("a", f.pool.probesToClaim().get("a"))).isTrue();
    assertThat(f.snapshot("a").state()).isEqualTo(KeyState.BANNED);
    KeyLease probe = f.leaseOf("a");
    assertThat(probe.probe()).isTrue();
    probe.succeed();
    assertThat(told).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(KeyChange.Kind.RECOVERED);
      assertThat(c.until()).isEqualTo(f.clock.millis());
    });

    f.pool.adopt(KeyChange.banned("b", at(Duration.ofMinutes(1)), 60_000, "401"), "x");
    f.clock.advance(Duration.ofMinutes(1));
    coordinating = false;
    assertThat(f.leaseOf("b").probe()).as("Redis away: each instance probes alone").isTrue();
  }

  @Test
  void a_local_rate_limit_is_told_with_its_end() {
    f.leaseOf("a").fail(FailureClass.RATE_LIMIT, 429, Duration.ofSeconds(20), "slow down");
    assertThat(told).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(KeyChange.Kind.COOLING_DOWN);
      assertThat(c.keyId()).isEqualTo("a");
      assertThat(c.until()).isEqualTo(at(Duration.ofSeconds(20)));
    });
  }
}
