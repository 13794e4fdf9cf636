package dev.keypool.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.billing.PriceTable;
import dev.keypool.config.ModelRouteConfig;
import dev.keypool.keypool.Strategy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A legacy completion without {@code max_tokens} is bounded by the API's default of 16 output tokens. */
class QuotaEstimateCompletionsTest {
  static final ModelRouteConfig ROUTE = new ModelRouteConfig("m", List.of(new ModelRouteConfig.Candidate("p", "m")),
      Strategy.ROUND_ROBIN, 1, 1);
  static final String BODY = "{\"model\":\"m\",\"prompt\":\"p\"}";

  @Test
  void the_completions_default_cap_bounds_the_estimate_and_chat_keeps_its_own() {
    RequestBody body = RequestBody.parse(BODY.getBytes(StandardCharsets.UTF_8));
    long input = (BODY.length() + 3) / 4;
    PriceTable none = new PriceTable(Map.of());

    assertThat(QuotaEstimate.of(body, Endpoint.COMPLETIONS, ROUTE, none, BigDecimal.ONE).tokens()).isEqualTo(input + 16);
    assertThat(QuotaEstimate.of(body, Endpoint.CHAT_COMPLETIONS, ROUTE, none, BigDecimal.ONE).tokens())
        .isEqualTo(input + QuotaEstimate.DEFAULT_OUTPUT_TOKENS);
  }
}
