package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BanProbeCycleTest {

  private final PoolFixture f = new PoolFixture().keys("a", "b");

  private void banA() {
    f.leaseOf("a").fail(FailureClass.QUOTA, 402, null, "no credit");
  }

  private KeySnapshot a() {
    return f.snapshot("a");
  }

  @Test
  void a_banned_key_is_skipped_until_its_ban_ends() {
    banA();
    f.clock.advance(PoolFixture.BAN.duration().minusMillis(1));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 4)).containsOnly("b");
  }

  @Test
  void after_the_ban_exactly_one_lease_probes_the_key() {
    banA();
    f.clock.advance(PoolFixture.BAN.duration());
    assertThat(a().stateReason()).endsWith("(probe due)");
    KeyLease probe = f.leaseOf("a");
    assertThat(probe.probe()).isTrue();
    assertThat(a().state()).isEqualTo(KeyState.PROBING);
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 4)).containsOnly("b");
    probe.abandon();
    assertThat(a().state()).isEqualTo(KeyState.BANNED);
    assertThat(f.leaseOf("a").probe()).isTrue();
  }

  @Test
  void a_successful_probe_makes_the_key_healthy_and_resets_the_backoff() {
    banA();
    f.clock.advance(PoolFixture.BAN.duration());
    KeyLease probe = f.leaseOf("a");
    probe.succeed();
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 4)).containsExactlyInAnyOrder("a", "b", "a", "b");
    assertThat(f.leaseOf("a").probe()).isFalse();

    Instant bannedAgainAt = f.clock.instant();
    banA();
    assertThat(a().bannedUntil()).isEqualTo(bannedAgainAt.plus(PoolFixture.BAN.duration()));
  }

  @Test
  void a_failed_probe_bans_again_for_twice_as_long_up_to_the_cap() {
    banA();
    Duration expected = PoolFixture.BAN.duration();
    for (Duration next : new Duration[] {Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofMinutes(40)}) {
      f.clock.advance(expected);
      KeyLease probe = f.leaseOf("a");
      assertThat(probe.probe()).isTrue();
      probe.fail(FailureClass.CREDENTIAL, 401, null, "still revoked");
      assertThat(a().state()).isEqualTo(KeyState.BANNED);
      assertThat(a().bannedUntil()).isEqualTo(f.clock.instant().plus(next));
      assertThat(a().stateReason()).isEqualTo("probe failed: 401 credential: still revoked");
      expected = next;
    }
  }

  @Test
  void a_probe_failing_for_reasons_unrelated_to_the_key_leaves_the_verdict_to_the_next_probe() {
    banA();
    f.clock.advance(PoolFixture.BAN.duration());
    f.leaseOf("a").fail(FailureClass.OVERLOADED, 529, null, "overloaded");
    assertThat(a().state()).isEqualTo(KeyState.BANNED);
    KeyLease next = f.leaseOf("a");
    assertThat(next.probe()).isTrue();
    next.succeed();
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
  }

  @Test
  void auto_ban_recovers_through_the_same_probe() {
    for (int i = 0; i < 3; i++) {
      f.leaseOf("a").fail(FailureClass.CREDENTIAL, 403, null, "forbidden");
      f.clock.advance(PoolFixture.DEFAULT_COOLDOWN);
    }
    assertThat(a().state()).isEqualTo(KeyState.BANNED);
    f.clock.advance(PoolFixture.BAN.duration());
    KeyLease probe = f.leaseOf("a");
    assertThat(probe.probe()).isTrue();
    probe.succeed();
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
  }

  @Test
  void unavailable_names_the_end_of_the_earliest_ban() {
    banA();
    f.clock.advance(Duration.ofMinutes(1));
    f.leaseOf("b").fail(FailureClass.QUOTA, 402, null, "no credit");
    Borrow.Unavailable u = f.unavailable(Strategy.ROUND_ROBIN);
    assertThat(u.retryAt()).isEqualTo(PoolFixture.START.plus(PoolFixture.BAN.duration()));
    assertThat(u.reason()).isEqualTo("all 2 keys of provider openai are banned");
  }
}
