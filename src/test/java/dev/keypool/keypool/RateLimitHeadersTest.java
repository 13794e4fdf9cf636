package dev.keypool.keypool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {

  private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  private static RateLimitUpdate parse(Map<String, String> h) {
    return RateLimitHeaders.parse(h::get, NOW);
  }

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void openai_headers_give_requests_and_tokens_with_go_duration_resets() {
    RateLimitUpdate u = parse(Map.of(
        "x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "499",
        "x-ratelimit-reset-requests", "120ms", "x-ratelimit-limit-tokens", "30000",
        "x-ratelimit-remaining-tokens", "29000", "x-ratelimit-reset-tokens", "6m0s"));
    assertThat(u.requestsLimit()).isEqualTo(500);
    assertThat(u.requestsRemaining()).isEqualTo(499);
    assertThat(u.requestsReset()).isEqualTo(NOW.plusMillis(120));
    assertThat(u.tokensLimit()).isEqualTo(30000);
    assertThat(u.tokensRemaining()).isEqualTo(29000);
    assertThat(u.tokensReset()).isEqualTo(NOW.plusSeconds(360));
  }

  @Test
  void go_durations_parse_in_every_unit_and_reject_garbage() {
    assertThat(GoDuration.parse("1s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(GoDuration.parse("20ms")).isEqualTo(Duration.ofMillis(20));
    assertThat(GoDuration.parse("1h2m3.5s")).isEqualTo(Duration.ofMillis(3_723_500));
    assertThat(GoDuration.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(GoDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(GoDuration.parse("2")).isEqualTo(Duration.ofSeconds(2));
    assertThat(GoDuration.parse("soon")).isNull();
    assertThat(GoDuration.parse("5x")).isNull();
    assertThat(GoDuration.parse("")).isNull();
  }

  @Test
  void anthropic_headers_take_the_tightest_token_figure() {
    RateLimitUpdate u = parse(map(
        "anthropic-ratelimit-requests-limit", "50", "anthropic-ratelimit-requests-remaining", "49",
        "anthropic-ratelimit-requests-reset", "2025-03-01T12:00:01Z",
        "anthropic-ratelimit-tokens-limit", "100000", "anthropic-ratelimit-tokens-remaining", "90000",
        "anthropic-ratelimit-tokens-reset", "2025-03-01T12:00:30Z",
        "anthropic-ratelimit-input-tokens-limit", "40000", "anthropic-ratelimit-input-tokens-remaining", "4000",
        "anthropic-ratelimit-input-tokens-reset", "2025-03-01T12:00:20Z",
        "anthropic-ratelimit-output-tokens-limit", "8000", "anthropic-ratelimit-output-tokens-remaining", "7000"));
    assertThat(u.requestsLimit()).isEqualTo(50);
    assertThat(u.requestsRemaining()).isEqualTo(49);
    assertThat(u.requestsReset()).isEqualTo(NOW.plusSeconds(1));
    assertThat(u.tokensLimit()).isEqualTo(40000);
    assertThat(u.tokensRemaining()).isEqualTo(4000);
    assertThat(u.tokensReset()).isEqualTo(NOW.plusSeconds(20));
  }

  @Test
  void account_usage_windows_become_percent_token_figures_the_tighter_window_winning() {
    RateLimitUpdate u = parse(Map.of(
        "x-codex-primary-used-percent", "42.5", "x-codex-primary-window-minutes", "300",
        "x-codex-primary-reset-after-seconds", "3600",
        "x-codex-secondary-used-percent", "91", "x-codex-secondary-window-minutes", "10080",
        "x-codex-secondary-reset-at", String.valueOf(NOW.plusSeconds(86_400).getEpochSecond())));
    assertThat(u.tokensLimit()).isEqualTo(100);
    assertThat(u.tokensRemaining()).as("the 7-day window is the tighter").isEqualTo(9);
    assertThat(u.tokensReset()).isEqualTo(NOW.plusSeconds(86_400));

    RateLimitUpdate spent = parse(Map.of("x-codex-primary-used-percent", "100",
        "x-codex-primary-reset-after-seconds", "600"));
    assertThat(spent.tokensRemaining()).isZero();
    assertThat(spent.tokensReset()).isEqualTo(NOW.plusSeconds(600));
    assertThat(parse(Map.of("x-codex-primary-used-percent", "lots"))).isEqualTo(RateLimitUpdate.NONE);
  }

  @Test
  void openrouter_headers_give_requests_with_an_epoch_millisecond_reset() {
    long resetMs = NOW.plusSeconds(10).toEpochMilli();
    RateLimitUpdate u = parse(Map.of("x-ratelimit-limit", "20", "x-ratelimit-remaining", "3",
        "x-ratelimit-reset", String.valueOf(resetMs)));
    assertThat(u.requestsLimit()).isEqualTo(20);
    assertThat(u.requestsRemaining()).isEqualTo(3);
    assertThat(u.requestsReset()).isEqualTo(NOW.plusSeconds(10));
    assertThat(u.tokensLimit()).isNull();
  }

  @Test
  void retry_after_reads_seconds_http_dates_and_milliseconds() {
    assertThat(RateLimitHeaders.retryAfter(Map.of("retry-after", "17")::get, NOW)).isEqualTo(Duration.ofSeconds(17));
    assertThat(RateLimitHeaders.retryAfter(Map.of("retry-after", "Sat, 01 Mar 2025 12:01:00 GMT")::get, NOW))
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(RateLimitHeaders.retryAfter(Map.of("retry-after-ms", "1500", "retry-after", "2")::get, NOW))
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(RateLimitHeaders.retryAfter(Map.of("retry-after", "whenever")::get, NOW)).isNull();
    assertThat(RateLimitHeaders.retryAfter(Map.<String, String>of()::get, NOW)).isNull();
  }

  @Test
  void garbage_and_absent_headers_give_no_update() {
    assertThat(parse(Map.of())).isSameAs(RateLimitUpdate.NONE);
    assertThat(parse(Map.of("x-ratelimit-remaining-requests", "lots", "x-ratelimit-reset-requests", "later")))
        .isSameAs(RateLimitUpdate.NONE);
  }

  @Test
  void recovery_is_the_reset_of_the_exhausted_dimension() {
    RateLimitUpdate u = new RateLimitUpdate(100L, 5L, NOW.plusSeconds(1), 1000L, 0L, NOW.plusSeconds(40), null);
    assertThat(u.recoveryAt(NOW)).isEqualTo(NOW.plusSeconds(40));
    RateLimitUpdate none = new RateLimitUpdate(100L, 5L, NOW.plusSeconds(3), 1000L, 9L, NOW.plusSeconds(40), null);
    assertThat(none.recoveryAt(NOW)).isEqualTo(NOW.plusSeconds(3));
  }
}
