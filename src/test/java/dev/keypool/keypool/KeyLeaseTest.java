package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyLeaseTest {

  private final PoolFixture f = new PoolFixture().keys("a");

  @Test
  void a_lease_counts_in_flight_until_its_terminal_call() {
    KeyLease l = f.leaseOf("a");
    assertThat(f.snapshot("a").inFlight()).isEqualTo(1);
    assertThat(f.snapshot("a").totalRequests()).isEqualTo(1);
    assertThat(f.snapshot("a").lastUsedAt()).isEqualTo(PoolFixture.START);
    l.succeed();
    assertThat(f.snapshot("a").inFlight()).isZero();
    assertThat(l.ended()).isTrue();
  }

  @Test
  void only_the_first_terminal_call_counts() {
    KeyLease l = f.leaseOf("a");
    l.fail(FailureClass.RATE_LIMIT, 429, Duration.ofSeconds(5), "slow");
    l.succeed();
    l.abandon();
    l.fail(FailureClass.QUOTA, 402, null, "no credit");
    KeySnapshot s = f.snapshot("a");
    assertThat(s.inFlight()).isZero();
    assertThat(s.totalFailures()).isEqualTo(1);
    assertThat(s.state()).isEqualTo(KeyState.COOLING_DOWN);
  }

  @Test
  void abandon_releases_in_flight_without_a_verdict() {
    KeyLease l = f.leaseOf("a");
    l.abandon();
    KeySnapshot s = f.snapshot("a");
    assertThat(s.inFlight()).isZero();
    assertThat(s.totalFailures()).isZero();
    assertThat(s.state()).isEqualTo(KeyState.HEALTHY);
  }

  @Test
  void a_lease_on_a_removed_key_still_ends_harmlessly() {
    KeyLease l = f.leaseOf("a");
    f.pool.remove("a");
    l.fail(FailureClass.CREDENTIAL, 401, null, "revoked");
    assertThat(f.pool.snapshot("a")).isNull();
    assertThat(f.unavailable(Strategy.ROUND_ROBIN).reason()).isEqualTo("provider openai has no keys");
  }
}
