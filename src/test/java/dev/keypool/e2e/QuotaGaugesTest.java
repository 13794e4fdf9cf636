package dev.keypool.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The quota gauges of {@code /metrics}: what each quota of a usable gateway key has used in its window and
 * its maximum, read on the configured interval; rate control (per-minute rates) is not a quota and has
 * none; a suspended key's quotas leave the metrics.
 */
class QuotaGaugesTest {
  static final String CAPPED = "{\"model\":\"gpt-test\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
  GatewayHarness h;

  @AfterEach
  void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void each_quota_of_a_usable_key_shows_what_it_used_and_its_maximum() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + """
        quotas:
          metrics_interval: 100ms
          gateway_key: { requests_per_hour: 100, tokens_per_day: 100000, requests_per_minute: 50 }
        """);
    h.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
    for (int i = 0; i < 3; i++) {
      assertThat(h.post("/v1/chat/completions", CAPPED).statusCode()).isEqualTo(200);
    }
    String id = h.clientKeyId();
    String hour = "{kind=\"requests\",period=\"hour\",scope=\"gateway_key\",subject=\"" + id + "\"}";
    String day = "{kind=\"tokens\",period=\"day\",scope=\"gateway_key\",subject=\"" + id + "\"}";
    Poll.until("the gauges show the three requests", Duration.ofSeconds(10),
        () -> metrics().contains("keypool_quota_used" + hour + " 3.0"));
    String metrics = metrics();
    assertThat(metrics).contains("keypool_quota_limit" + hour + " 100.0")
        .contains("keypool_quota_used" + day + " 150.0").contains("keypool_quota_limit" + day + " 100000.0")
        .doesNotContain("period=\"minute\"");

    h.adminCall("PATCH", "/api/gateway-keys/" + id, "{\"status\":\"suspended\"}");
    Poll.until("a suspended key's quotas leave the metrics", Duration.ofSeconds(10),
        () -> !metrics().contains("keypool_quota_used{"));
  }

  @Test
  void an_interval_of_zero_exports_no_quota_gauge() throws Exception {
    h = GatewayHarness.start(GatewayHarness.STANDARD + """
        quotas: { metrics_interval: 0s, gateway_key: { requests_per_hour: 100 } }
        """);
    h.upstream.defaultReply(Replies.openAiChat("ok", 40, 10));
    assertThat(h.post("/v1/chat/completions", CAPPED).statusCode()).isEqualTo(200);
    assertThat(metrics()).contains("keypool_requests_total").doesNotContain("keypool_quota_used");
  }

  private String metrics() {
    return h.metrics();
  }
}
