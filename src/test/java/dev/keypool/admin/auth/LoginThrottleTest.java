package dev.keypool.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
  final LoginThrottle throttle = new LoginThrottle(clock, 5, Duration.ofMinutes(15));

  @Test
  void five_failures_of_a_name_block_it_until_the_oldest_ages_out() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.wait("alice", "10.0.0." + i)).isZero();
      throttle.failed("alice", "10.0.0." + i);
      clock.advance(Duration.ofMinutes(1));
    }
    // Failures at minutes 0..4; now minute 5: the first ages out at minute 15.
    assertThat(throttle.wait("alice", "10.0.0.9")).isEqualTo(Duration.ofMinutes(10));
    assertThat(throttle.wait("bob", "10.0.0.9")).isZero();
    clock.advance(Duration.ofMinutes(10));
    assertThat(throttle.wait("alice", "10.0.0.9")).isZero();
  }

  @Test
  void five_failures_from_an_address_block_every_name_from_it() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("user" + i, "10.0.0.1");
    }
    assertThat(throttle.wait("someone", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
    assertThat(throttle.wait("someone", "10.0.0.2")).isZero();
  }

  @Test
  void success_clears_the_name_but_not_the_address() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("alice", "10.0.0.1");
    }
    throttle.succeeded("alice");
    throttle.failed("alice", "10.0.0.2");
    assertThat(throttle.wait("alice", "10.0.0.2")).isZero();
    throttle.failed("bob", "10.0.0.1");
    assertThat(throttle.wait("carol", "10.0.0.1")).isPositive();
  }
}
