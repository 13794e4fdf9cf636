package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.catalog.ModelLimits;
import org.junit.jupiter.api.Test;

class ModelLimitsConfigTest {

  @Test
  void model_limits_and_the_route_policy_bind_with_defaults() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER.replace("candidates: [{ provider: openai }]",
        "candidates: [{ provider: openai }]\n    max_tokens_over_limit: reject") + """
        model_limits:
          my-model: { context_window: 32768, max_output_tokens: 4096 }
          other: { max_output_tokens: 100 }
        """);
    assertThat(c.modelLimits().models()).containsEntry("my-model", new ModelLimits(32768, 4096))
        .containsEntry("other", new ModelLimits(0, 100));
    assertThat(c.models().get(0).maxTokensOverLimit()).isEqualTo(OverLimit.REJECT);
    assertThat(RouteDefinitions.toJson(c.models().get(0)).path("max_tokens_over_limit").asText()).isEqualTo("reject");
    assertThat(TestConfigs.parse(TestConfigs.ONE_PROVIDER).models().get(0).maxTokensOverLimit()).isEqualTo(OverLimit.CLAMP);
    assertThat(TestConfigs.parse(TestConfigs.MINIMAL).modelLimits().models()).isEmpty();
  }

  @Test
  void bad_limits_and_policies_are_errors_with_their_path() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        model_limits:
          a: {}
          b: { max_output_tokens: 0 }
          c: { max_tokens: 5 }
          A: { context_window: 5 }
        """)).hasSize(6).contains(
        "model_limits.a: give context_window, max_output_tokens or both (tokens)",
        "model_limits.b.max_output_tokens: must be >= 1 (was 0)",
        "model_limits.b: give context_window, max_output_tokens or both (tokens)",
        "model_limits.c: give context_window, max_output_tokens or both (tokens)")
        .anySatisfy(e -> assertThat(e).startsWith("model_limits.c.max_tokens: unknown field"))
        .anySatisfy(e -> assertThat(e).startsWith("model_limits.A").contains("duplicate"));
  }
}
