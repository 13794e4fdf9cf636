package dev.keypool.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.catalog.ModelIds;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTableTest {

  private static final PriceTable DEFAULTS = PriceTable.defaults();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      gpt-4o                                | 2.50 | 10.00
      GPT-4o                                | 2.50 | 10.00
      openai/gpt-4o                         | 2.50 | 10.00
      gpt-4o-2024-08-06                     | 2.50 | 10.00
      openai/gpt-4o-2024-08-06              | 2.50 | 10.00
      gpt-4o-mini                           | 0.15 | 0.60
      gpt-4o-mini-2024-07-18                | 0.15 | 0.60
      gpt-4.1-nano                          | 0.10 | 0.40
      claude-sonnet-4-5-20250929            | 3    | 15
      anthropic/claude-sonnet-4-5-20250929  | 3    | 15
      claude-sonnet-4-5@20250929            | 3    | 15
      claude-haiku-4-5-20251001             | 1    | 5
      claude-opus-4-20250514                | 15   | 75
      openrouter/google/gemini-2.5-pro      | 1.25 | 10.00
      deepseek-reasoner                     | 0.28 | 0.42
      text-embedding-3-small                | 0.02 | 0
      """)
  void finds_by_exact_id_provider_prefix_and_dated_suffix(String model, String input, String output) {
    Price price = DEFAULTS.find(model).orElseThrow();

    assertThat(price.inputPerMillion()).isEqualByComparingTo(input);
    assertThat(price.outputPerMillion()).isEqualByComparingTo(output);
  }

  @ParameterizedTest
  @CsvSource({"no-such-model", "gpt-4o-2024", "''", "openai/"})
  void unknown_models_have_no_price(String model) {
    assertThat(DEFAULTS.find(model)).isEmpty();
    assertThat(DEFAULTS.find(null)).isEmpty();
  }

  @Test
  void anthropic_cache_prices_are_the_published_multiples_of_input() {
    DEFAULTS.snapshot().forEach((model, price) -> {
      if (model.startsWith("claude-")) {
        assertThat(price.cacheWritePerMillion()).as(model)
            .isEqualByComparingTo(price.inputPerMillion().multiply(new BigDecimal("1.25")));
        assertThat(price.cacheReadPerMillion()).as(model)
            .isEqualByComparingTo(price.inputPerMillion().multiply(new BigDecimal("0.1")));
      }
    });
  }

  @Test
  void shipped_defaults_cover_the_common_models_and_default_cache_prices_to_input() {
    assertThat(DEFAULTS.snapshot()).containsKeys("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3", "o4-mini",
        "gpt-5", "gpt-5-mini", "text-embedding-3-large", "claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5",
        "gemini-2.5-pro", "gemini-2.5-flash", "deepseek-chat", "deepseek-reasoner");
    Price embedding = DEFAULTS.find("text-embedding-3-large").orElseThrow();
    assertThat(embedding.cacheReadPerMillion()).isEqualByComparingTo("0.13");
    assertThat(embedding.cacheWritePerMillion()).isEqualByComparingTo("0.13");
    assertThat(DEFAULTS.find("gpt-4o-mini").orElseThrow()).isEqualTo(Price.of("0.150", "0.60", "0.075", "0.15"));
  }

  @Test
  void overrides_win_and_add_models() {
    PriceTable table = DEFAULTS.withOverrides(Map.of("GPT-4o", Price.of("1", "2"), "my-model", Price.of("3", "4")));

    assertThat(table.find("openai/gpt-4o-2024-08-06")).contains(Price.of("1", "2"));
    assertThat(table.find("my-model")).contains(Price.of("3", "4"));
    assertThat(DEFAULTS.find("gpt-4o").orElseThrow().inputPerMillion()).isEqualByComparingTo("2.50");
  }

  @Test
  void a_provider_prefixed_override_wins_over_the_bare_default() {
    PriceTable table = DEFAULTS.withOverrides(Map.of("openrouter/gpt-4o", Price.of("9", "9")));

    assertThat(table.find("openrouter/gpt-4o")).contains(Price.of("9", "9"));
    assertThat(table.find("openai/gpt-4o").orElseThrow().inputPerMillion()).isEqualByComparingTo("2.50");
  }

  @Test
  void put_and_remove_change_prices_at_run_time() {
    PriceTable table = new PriceTable(Map.of("a", Price.of("1", "1")));
    Map<String, Price> before = table.snapshot();

    table.put("B-1", Price.of("2", "2"));
    assertThat(table.find("b-1-20250101")).contains(Price.of("2", "2"));
    assertThat(table.remove("a")).contains(Price.of("1", "1"));
    assertThat(table.remove("a")).isEmpty();
    assertThat(table.find("a")).isEmpty();
    assertThat(before).containsOnlyKeys("a");
  }

  @Test
  void model_ids_lose_their_date_suffix_only_when_it_is_a_date() {
    assertThat(ModelIds.undated("claude-sonnet-4-5-20250929")).isEqualTo("claude-sonnet-4-5");
    assertThat(ModelIds.undated("gpt-4o-2024-08-06")).isEqualTo("gpt-4o");
    assertThat(ModelIds.undated("claude-sonnet-4-5@20250929")).isEqualTo("claude-sonnet-4-5");
    assertThat(ModelIds.undated("gpt-4o-2024-08")).isEqualTo("gpt-4o-2024-08");
    assertThat(ModelIds.undated("model-1234567")).isEqualTo("model-1234567");
    assertThat(ModelIds.candidates("OpenAI/GPT-4o-2024-08-06"))
        .containsExactly("openai/gpt-4o-2024-08-06", "gpt-4o-2024-08-06", "openai/gpt-4o", "gpt-4o");
  }
}
