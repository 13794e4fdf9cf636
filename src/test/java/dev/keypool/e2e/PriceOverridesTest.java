package dev.keypool.e2e;

import static dev.keypool.e2e.GatewayHarness.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keypool.e2e.GatewayHarness.Storage;
import dev.keypool.testkit.Poll;
import dev.keypool.testkit.Replies;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Prices changed through /api/prices are stored: they bill requests at once and survive a restart. */
class PriceOverridesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PRICED = GatewayHarness.STANDARD + """
      prices:
        gpt-upstream: { input: 2.50, output: 10.00 }
      """;

  @ParameterizedTest
  @EnumSource(Storage.class)
  void run_time_prices_bill_at_once_and_survive_a_restart(Storage storage) throws Exception {
    try (GatewayHarness h = GatewayHarness.start(PRICED, storage)) {
      assertThat(price(h, "gpt-upstream").path("source").asText()).isEqualTo("file");
      assertThat(price(h, "gpt-4o").path("source").asText()).isEqualTo("shipped");
      HttpResponse<String> put = h.adminCall("PUT", "/api/prices/GPT-Upstream", "{\"input\": 1.00, \"output\": 4}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(h.adminCall("DELETE", "/api/prices/gpt-4o", null).statusCode()).isEqualTo(200);

      h.upstream.defaultReply(Replies.openAiChat("Hello", 11, 7));
      assertThat(h.post("/v1/chat/completions", chat("gpt-test")).statusCode()).isEqualTo(200);
      assertThat(lastCostNanos(h)).isEqualTo(11 * 1_000 + 7 * 4_000);

      h.restart();

      JsonNode p = price(h, "gpt-upstream");
      assertThat(p.path("input").decimalValue()).isEqualByComparingTo("1.00");
      assertThat(p.path("output").decimalValue()).isEqualByComparingTo("4");
      assertThat(p.path("source").asText()).isEqualTo("runtime");
      assertThat(h.adminCall("GET", "/api/prices/gpt-4o", null).statusCode())
          .as("a removed shipped price stays removed").isEqualTo(404);

      HttpResponse<String> reset = h.adminCall("POST", "/api/prices/gpt-upstream/reset", null);
      assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
      assertThat(price(h, "gpt-upstream").path("input").decimalValue()).isEqualByComparingTo("2.50");
      assertThat(h.adminCall("POST", "/api/prices/gpt-4o/reset", null).statusCode()).isEqualTo(200);
      assertThat(price(h, "gpt-4o").path("source").asText()).isEqualTo("shipped");
      assertThat(price(h, "gpt-upstream").path("source").asText()).isEqualTo("file");
      assertThat(h.adminCall("POST", "/api/prices/gpt-4o/reset", null).statusCode())
          .as("nothing left to reset").isEqualTo(404);

      h.restart();
      assertThat(price(h, "gpt-upstream").path("input").decimalValue()).isEqualByComparingTo("2.50");
      assertThat(price(h, "gpt-4o").path("output").decimalValue()).isEqualByComparingTo("10.00");
    }
  }

  static JsonNode price(GatewayHarness h, String model) throws Exception {
    HttpResponse<String> r = h.adminCall("GET", "/api/prices/" + model, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static long lastCostNanos(GatewayHarness h) throws Exception {
    Poll.until("the request record is written", Duration.ofSeconds(10), () -> {
      try {
        return JSON.readTree(h.adminCall("GET", "/api/requests", null).body()).path("items").size() == 1;
      } catch (Exception e) {
        return false;
      }
    });
    return JSON.readTree(h.adminCall("GET", "/api/requests", null).body()).path("items").get(0).path("cost_nanos").asLong();
  }
}
