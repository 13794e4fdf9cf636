package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureHandlingTest {

  private final PoolFixture f = new PoolFixture().keys("a", "b");

  private KeySnapshot a() {
    return f.snapshot("a");
  }

  @Test
  void rate_limited_key_cools_down_for_retry_after() {
    f.leaseOf("a").fail(FailureClass.RATE_LIMIT, 429, Duration.ofSeconds(7), "slow down");
    assertThat(a().state()).isEqualTo(KeyState.COOLING_DOWN);
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plusSeconds(7));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 3)).containsOnly("b");
    f.clock.advance(Duration.ofSeconds(7));
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
  }

  @Test
  void rate_limited_key_without_retry_after_cools_down_until_the_header_reset() {
    KeyLease l = f.leaseOf("a");
    l.observeHeaders(PoolFixture.headers(Map.of(
        "x-ratelimit-limit-tokens", "1000", "x-ratelimit-remaining-tokens", "0",
        "x-ratelimit-reset-tokens", "12s", "x-ratelimit-remaining-requests", "50",
        "x-ratelimit-reset-requests", "1s")));
    l.fail(FailureClass.RATE_LIMIT, 429, null, "tokens per minute");
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plusSeconds(12));
  }

  @Test
  void rate_limited_key_uses_a_retry_after_header_seen_on_the_response() {
    KeyLease l = f.leaseOf("a");
    l.observeHeaders(PoolFixture.headers(Map.of("retry-after", "4")));
    l.fail(FailureClass.RATE_LIMIT, 429, null, "slow down");
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plusSeconds(4));
  }

  @Test
  void rate_limited_key_without_hints_cools_down_for_the_default() {
    f.leaseOf("a").fail(FailureClass.RATE_LIMIT, 429, null, "slow down");
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plus(PoolFixture.DEFAULT_COOLDOWN));
  }

  @Test
  void quota_failure_bans_the_key_for_the_ban_duration() {
    f.leaseOf("a").fail(FailureClass.QUOTA, 429, null, "You exceeded your current quota");
    assertThat(a().state()).isEqualTo(KeyState.BANNED);
    assertThat(a().stateReason()).isEqualTo("quota exhausted: You exceeded your current quota");
    assertThat(a().bannedUntil()).isEqualTo(PoolFixture.START.plus(PoolFixture.BAN.duration()));
    assertThat(f.sequence(Strategy.ROUND_ROBIN, 3)).containsOnly("b");
  }

  @Test
  void credential_failure_cools_down_and_counts_toward_the_ban() {
    f.leaseOf("a").fail(FailureClass.CREDENTIAL, 401, null, "invalid api key");
    assertThat(a().state()).isEqualTo(KeyState.COOLING_DOWN);
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plus(PoolFixture.DEFAULT_COOLDOWN));
    assertThat(a().failuresInWindow()).isEqualTo(1);
  }

  @Test
  void three_credential_failures_within_the_window_ban_the_key_with_a_reason() {
    for (int i = 0; i < 3; i++) {
      f.leaseOf("a").fail(FailureClass.CREDENTIAL, 401, null, "invalid api key");
      f.clock.advance(PoolFixture.DEFAULT_COOLDOWN);
    }
    assertThat(a().state()).isEqualTo(KeyState.BANNED);
    assertThat(a().stateReason()).isEqualTo("banned after 3 x 401 within PT5M: invalid api key");
    assertThat(a().failuresInWindow()).isZero();
  }

  @Test
  void failures_spread_wider_than_the_window_do_not_ban() {
    for (int i = 0; i < 3; i++) {
      f.leaseOf("a").fail(FailureClass.CREDENTIAL, 401, null, "invalid api key");
      f.clock.advance(Duration.ofMinutes(3));
    }
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
    assertThat(a().failuresInWindow()).isEqualTo(1);
  }

  @Test
  void caller_fault_never_counts_toward_a_ban_even_with_a_ban_status() {
    for (int i = 0; i < 5; i++) {
      f.leaseOf("a").fail(FailureClass.CALLER_FAULT, 403, null, "bad request");
    }
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
    assertThat(a().failuresInWindow()).isZero();
    assertThat(a().totalFailures()).isZero();
  }

  @Test
  void transient_failures_cool_the_key_down_after_three_in_a_row() {
    f.leaseOf("a").fail(FailureClass.TRANSIENT, 502, null, "bad gateway");
    f.leaseOf("a").fail(FailureClass.TRANSIENT, 0, null, "connection reset");
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
    assertThat(a().totalFailures()).isEqualTo(2);
    assertThat(a().lastError()).isEqualTo("network transient: connection reset");
    f.leaseOf("a").fail(FailureClass.TRANSIENT, 500, null, "oops");
    assertThat(a().state()).isEqualTo(KeyState.COOLING_DOWN);
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plus(PoolFixture.DEFAULT_COOLDOWN));
  }

  @Test
  void a_success_clears_the_run_of_transient_failures() {
    f.leaseOf("a").fail(FailureClass.TRANSIENT, 502, null, "bad gateway");
    f.leaseOf("a").fail(FailureClass.TRANSIENT, 502, null, "bad gateway");
    f.leaseOf("a").succeed();
    f.leaseOf("a").fail(FailureClass.TRANSIENT, 502, null, "bad gateway");
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
  }

  @Test
  void overloaded_cools_down_only_when_the_upstream_names_a_wait() {
    f.leaseOf("a").fail(FailureClass.OVERLOADED, 529, null, "overloaded");
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
    f.leaseOf("a").fail(FailureClass.OVERLOADED, 503, Duration.ofSeconds(5), "overloaded");
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plusSeconds(5));
  }

  @Test
  void model_access_failure_leaves_the_key_healthy() {
    f.leaseOf("a").fail(FailureClass.MODEL_ACCESS, 404, null, "model not found");
    assertThat(a().state()).isEqualTo(KeyState.HEALTHY);
    assertThat(a().totalFailures()).isEqualTo(1);
    assertThat(a().lastError()).isEqualTo("404 model_access: model not found");
  }

  @Test
  void a_shorter_cooldown_never_cuts_a_longer_one_short() {
    KeyLease first = f.leaseOf("a");
    KeyLease second = f.leaseOf("a");
    first.fail(FailureClass.RATE_LIMIT, 429, Duration.ofSeconds(60), "slow");
    second.fail(FailureClass.RATE_LIMIT, 429, Duration.ofSeconds(1), "slow");
    assertThat(a().cooldownUntil()).isEqualTo(PoolFixture.START.plusSeconds(60));
  }
}
