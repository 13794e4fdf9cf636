package dev.keypool.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelLimitCatalogTest {
  static final ModelLimitCatalog SHIPPED = ModelLimitCatalog.withFile(Map.of());

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      gpt-4o                               | gpt-4o            | 16384
      openai/GPT-4o-2024-08-06             | gpt-4o            | 16384
      gpt-4o-mini-2024-07-18               | gpt-4o-mini       | 16384
      gpt-4.1                              | gpt-4.1           | 32768
      claude-sonnet-4-5-20250929           | claude-sonnet-4-5 | 64000
      anthropic/claude-sonnet-4-5@20250929 | claude-sonnet-4-5 | 64000
      claude-3-5-sonnet-latest             | claude-3-5-sonnet | 8192
      claude-opus-4-1-20250805             | claude-opus-4-1   | 32000
      gemini-2.5-flash-preview-09-2025     | gemini-2.5-flash  | 65536
      gemini-2.5-flash-lite-preview-06-17  | gemini-2.5-flash-lite | 65536
      models/gemini-2.0-flash              | gemini-2.0-flash  | 8192
      gpt-5-codex                          | gpt-5             | 128000
      gpt-5-chat-latest                    | gpt-5-chat-latest | 16384
      deepseek-reasoner                    | deepseek-reasoner | 65536
      """)
  void shipped_limits_match_like_prices_then_by_longest_prefix(String model, String id, long maxOutput) {
    assertThat(SHIPPED.matchedId(model)).isEqualTo(id);
    assertThat(SHIPPED.maxOutputTokens(model)).isEqualTo(maxOutput);
  }

  @Test
  void a_prefix_matches_only_at_a_dash_and_unknown_models_have_no_limit() {
    assertThat(SHIPPED.matchedId("gpt-5.9")).as("'gpt-5' followed by '.' is another model").isNull();
    assertThat(SHIPPED.maxOutputTokens("my-local-llama")).isEqualTo(-1);
    assertThat(SHIPPED.find("")).isEmpty();
    assertThat(SHIPPED.find(null)).isEmpty();
  }

  @Test
  void file_lays_over_shipped_and_run_time_over_both_with_layers_named() {
    ModelLimitCatalog c = new ModelLimitCatalog(
        Map.of("a-model", new ModelLimits(1000, 100), "b-model", new ModelLimits(2000, 200)),
        Map.of("B-Model", new ModelLimits(0, 150), "c-model", new ModelLimits(3000, 0)));
    assertThat(c.maxOutputTokens("b-model")).isEqualTo(150);
    assertThat(c.maxOutputTokens("c-model")).as("context only: the output limit is unknown").isEqualTo(-1);
    assertThat(c.layer("a-model", c.find("a-model").orElseThrow())).isEqualTo("shipped");
    assertThat(c.layer("b-model", c.find("b-model").orElseThrow())).isEqualTo("file");

    c.applyOverrides(Map.of("a-model", new ModelLimits(1000, 50), "new-model", new ModelLimits(0, 10)));
    assertThat(c.maxOutputTokens("a-model-20250101")).isEqualTo(50);
    assertThat(c.layer("a-model", c.find("a-model").orElseThrow())).isEqualTo("runtime");
    assertThat(c.maxOutputTokens("new-model")).isEqualTo(10);

    c.applyOverrides(Map.of());
    assertThat(c.maxOutputTokens("a-model")).as("a dropped override restores the base").isEqualTo(100);
    assertThat(c.find("new-model")).isEmpty();
    assertThat(c.baseLayer("b-model")).isEqualTo("file");
    assertThat(c.baseLayer("new-model")).isNull();
  }

  @Test
  void limits_need_at_least_one_positive_figure() {
    assertThatThrownBy(() -> new ModelLimits(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ModelLimits(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ModelLimitCatalog.shipped()).containsKeys("gpt-4o", "claude-opus-4-6", "gemini-2.5-pro",
        "deepseek-chat", "qwen3-max", "o3");
  }
}
