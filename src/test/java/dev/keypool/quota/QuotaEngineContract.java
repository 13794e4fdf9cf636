package dev.keypool.quota;

import static dev.keypool.quota.LimitKind.COST_NANOS;
import static dev.keypool.quota.LimitKind.REQUESTS;
import static dev.keypool.quota.LimitKind.TOKENS;
import static dev.keypool.quota.LimitScope.CLIENT_IP;
import static dev.keypool.quota.LimitScope.GATEWAY_KEY;
import static dev.keypool.quota.LimitScope.ORG;
import static dev.keypool.quota.LimitScope.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every {@link QuotaEngine} shares, run against each engine by a subclass. Time is a
 * {@link ManualClock} (in the future, so Redis keys expiring at window ends stay alive), advanced
 * across window boundaries instead of waiting.
 */
abstract class QuotaEngineContract {
  static final LocalTime RESET = LocalTime.of(7, 0);
  static final Amount ONE = Amount.ofRequest(0, 0);

  final ManualClock clock = new ManualClock(Instant.parse("2030-05-14T10:00:00Z"));
  QuotaEngine engine;

  abstract QuotaEngine newEngine(Clock clock, LocalTime dailyReset);

  @BeforeEach
  void startEngine() {
    engine = newEngine(clock, RESET);
  }

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Period.class)
  void exactly_n_requests_per_window_pass_then_the_limit_is_named_until_the_window_ends(Period period) {
    Window w = period.window(clock.instant(), RESET);
    clock.set(w.end().minusMillis(400));
    Limit limit = new Limit(USER, "u1", REQUESTS, period, 3);
    for (int i = 0; i < 3; i++) {
      admitted(List.of(limit), ONE);
    }
    Decision.Refused refused = refused(List.of(limit), ONE);
    assertThat(refused.limit()).isEqualTo(limit);
    assertThat(refused.retryAfter()).contains(Duration.ofMillis(400));
    assertThat(refused.retryAfterSeconds()).contains(1L);
    assertThat(refused.message()).isEqualTo("user u1: 3 requests per " + period.label() + " exceeded; retry in 1 s");
    assertThat(refused.httpStatus()).isEqualTo(429);

    clock.advance(Duration.ofMillis(400));
    for (int i = 0; i < 3; i++) {
      admitted(List.of(limit), ONE);
    }
    refused(List.of(limit), ONE);
  }

  @Test
  void refusal_message_names_the_key_the_limit_and_the_wait() {
    clock.set(Instant.parse("2030-05-14T10:00:48Z"));
    Limit limit = new Limit(GATEWAY_KEY, "gk_1", REQUESTS, Period.MINUTE, 60);
    for (int i = 0; i < 60; i++) {
      admitted(List.of(limit), ONE);
    }
    assertThat(refused(List.of(limit), ONE).message())
        .isEqualTo("gateway key gk_1: 60 requests per minute exceeded; retry in 12 s");
  }

  @Test
  void daily_quota_resets_at_0700_utc_not_at_midnight() {
    clock.set(Instant.parse("2030-05-14T06:59:00Z"));
    Limit limit = new Limit(ORG, "acme", REQUESTS, Period.DAY, 2);
    admitted(List.of(limit), ONE);
    admitted(List.of(limit), ONE);
    assertThat(refused(List.of(limit), ONE).retryAfter()).contains(Duration.ofMinutes(1));

    clock.set(Instant.parse("2030-05-14T06:59:59.999Z"));
    refused(List.of(limit), ONE);
    clock.set(Instant.parse("2030-05-14T07:00:00Z"));
    admitted(List.of(limit), ONE);
    admitted(List.of(limit), ONE);
    Decision.Refused next = refused(List.of(limit), ONE);
    assertThat(next.retryAfter()).contains(Duration.ofDays(1));
    assertThat(next.message()).isEqualTo("org acme: 2 requests per day exceeded; retry in 86400 s");
  }

  @Test
  void monthly_quota_resets_on_the_first_at_the_reset_time() {
    clock.set(Instant.parse("2030-05-31T23:00:00Z"));
    Limit limit = new Limit(USER, "u1", TOKENS, Period.MONTH, 1000);
    admitted(List.of(limit), Amount.ofRequest(1000, 0));
    assertThat(refused(List.of(limit), Amount.ofRequest(1, 0)).retryAfter()).contains(Duration.ofHours(8));

    clock.set(Instant.parse("2030-06-01T06:59:59Z"));
    refused(List.of(limit), Amount.ofRequest(1, 0));
    clock.set(Instant.parse("2030-06-01T07:00:00Z"));
    admitted(List.of(limit), Amount.ofRequest(1000, 0));
  }

  @Test
  void settle_corrects_a_token_estimate_up_and_down() {
    Limit limit = new Limit(GATEWAY_KEY, "gk_1", TOKENS, Period.HOUR, 1000);
    Reservation r = admitted(List.of(limit), Amount.ofRequest(400, 0));
    engine.settle(r, Amount.ofRequest(700, 0));
    assertThat(refused(List.of(limit), Amount.ofRequest(301, 0)).message())
        .isEqualTo("gateway key gk_1: 1000 tokens per hour exceeded; retry in 3600 s");
    Reservation r2 = admitted(List.of(limit), Amount.ofRequest(300, 0));
    refused(List.of(limit), Amount.ofRequest(0, 0));

    engine.settle(r2, Amount.ofRequest(100, 0));
    admitted(List.of(limit), Amount.ofRequest(200, 0));
    refused(List.of(limit), Amount.ofRequest(1, 0));
  }

  @Test
  void an_estimate_larger_than_the_limit_runs_alone_in_an_empty_window() {
    Limit limit = new Limit(GATEWAY_KEY, "gk_1", TOKENS, Period.MINUTE, 1000);
    Reservation big = admitted(List.of(limit), Amount.ofRequest(4000, 0));
    refused(List.of(limit), Amount.ofRequest(1, 0));
    engine.settle(big, Amount.ofRequest(300, 0));
    refused(List.of(limit), Amount.ofRequest(4000, 0)); // the window is no longer empty
    admitted(List.of(limit), Amount.ofRequest(700, 0));
    Limit none = new Limit(GATEWAY_KEY, "gk_2", TOKENS, Period.MINUTE, 0);
    refused(List.of(none), Amount.ofRequest(1, 0));
  }

  @Test
  void settle_corrects_a_cost_estimate_and_the_message_shows_dollars() {
    Limit limit = new Limit(USER, "u1", COST_NANOS, Period.DAY, 1_500_000_000L);
    Reservation r = admitted(List.of(limit), Amount.ofRequest(0, 1_000_000_000L));
    assertThat(refused(List.of(limit), Amount.ofRequest(0, 600_000_000L)).message()).startsWith(
        "user u1: cost of $1.50 per day exceeded; retry in ");
    engine.settle(r, Amount.ofRequest(0, 200_000_000L));
    admitted(List.of(limit), Amount.ofRequest(0, 1_300_000_000L));
    refused(List.of(limit), Amount.ofRequest(0, 1));
  }

  @Test
  void release_undoes_the_reservation_once() {
    Limit requests = new Limit(CLIENT_IP, "10.0.0.1", REQUESTS, Period.MINUTE, 2);
    Limit tokens = new Limit(CLIENT_IP, "10.0.0.1", TOKENS, Period.MINUTE, 100);
    Reservation r = admitted(List.of(requests, tokens), Amount.ofRequest(100, 0));
    refused(List.of(requests, tokens), Amount.ofRequest(1, 0));
    engine.release(r);
    engine.release(r);
    engine.settle(r, Amount.ofRequest(0, 0));
    admitted(List.of(requests, tokens), Amount.ofRequest(100, 0));
    admitted(List.of(requests), ONE);
    refused(List.of(requests), ONE);
  }

  @Test
  void settling_after_the_window_ended_leaves_the_new_window_alone() {
    Limit limit = new Limit(USER, "u1", REQUESTS, Period.MINUTE, 1);
    Reservation old = admitted(List.of(limit), ONE);
    clock.advance(Duration.ofMinutes(1));
    admitted(List.of(limit), ONE);
    engine.release(old);
    refused(List.of(limit), ONE);
  }

  @Test
  void concurrency_limit_holds_slots_until_settled_whatever_the_time() {
    Limit limit = Limit.concurrent(GATEWAY_KEY, "gk_1", 2);
    Reservation a = admitted(List.of(limit), ONE);
    admitted(List.of(limit), ONE);
    Decision.Refused refused = refused(List.of(limit), ONE);
    assertThat(refused.retryAfter()).isEmpty();
    assertThat(refused.message()).isEqualTo("gateway key gk_1: 2 concurrent requests exceeded");

    clock.advance(Duration.ofMinutes(5));
    refused(List.of(limit), ONE);
    engine.settle(a, Amount.ofRequest(10, 10));
    admitted(List.of(limit), ONE);
    refused(List.of(limit), ONE);
  }

  @Test
  void a_refusal_by_one_limit_consumes_nothing_from_the_others() {
    Limit keyRequests = new Limit(GATEWAY_KEY, "gk_1", REQUESTS, Period.MINUTE, 2);
    Limit keySlots = Limit.concurrent(GATEWAY_KEY, "gk_1", 2);
    Limit userTokens = new Limit(USER, "u1", TOKENS, Period.MINUTE, 100);
    List<Limit> all = List.of(keyRequests, keySlots, userTokens);
    admitted(all, Amount.ofRequest(80, 0));
    for (int i = 0; i < 3; i++) {
      assertThat(refused(all, Amount.ofRequest(30, 0)).limit()).isEqualTo(userTokens);
    }
    admitted(all, Amount.ofRequest(20, 0));
    assertThat(refused(all, Amount.ofRequest(0, 0)).limit()).isEqualTo(keyRequests);
  }

  @Test
  void limits_on_the_same_counter_count_once_and_the_smallest_binds() {
    Limit loose = new Limit(USER, "u1", REQUESTS, Period.MINUTE, 5);
    Limit tight = new Limit(USER, "u1", REQUESTS, Period.MINUTE, 2);
    admitted(List.of(loose, tight), ONE);
    admitted(List.of(loose, tight), ONE);
    assertThat(refused(List.of(loose, tight), ONE).limit()).isEqualTo(tight);
    admitted(List.of(loose), ONE);
  }

  @Test
  void current_reads_the_window_counter_and_held_slots_without_reserving() {
    Limit tokens = new Limit(GATEWAY_KEY, "gk_read", TOKENS, Period.MINUTE, 1000);
    Limit slots = Limit.concurrent(GATEWAY_KEY, "gk_read", 5);
    assertThat(engine.current(tokens)).isZero();
    Reservation r = admitted(List.of(tokens, slots), Amount.ofRequest(40, 0));
    admitted(List.of(tokens), Amount.ofRequest(2, 0));
    assertThat(engine.current(tokens)).isEqualTo(42);
    assertThat(engine.current(slots)).isEqualTo(1);
    engine.settle(r, Amount.ofRequest(10, 0));
    assertThat(engine.current(tokens)).isEqualTo(12);
    assertThat(engine.current(slots)).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(engine.current(tokens)).isZero();
  }

  Reservation admitted(List<Limit> limits, Amount estimate) {
    Decision d = engine.reserve(limits, estimate);
    assertThat(d).as("decision for %s at %s", limits, clock.instant()).isInstanceOf(Decision.Admitted.class);
    return ((Decision.Admitted) d).reservation();
  }

  Decision.Refused refused(List<Limit> limits, Amount estimate) {
    Decision d = engine.reserve(limits, estimate);
    assertThat(d).as("decision for %s at %s", limits, clock.instant()).isInstanceOf(Decision.Refused.class);
    return (Decision.Refused) d;
  }
}
