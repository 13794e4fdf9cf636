package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.billing.Price;
import dev.keypool.billing.PriceTable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code prices} and {@code billing} sections: defaults, binding and each validation rule. */
class PricesConfigTest {

  @Test
  void without_the_sections_there_are_no_overrides_and_charges_are_at_cost() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL);

    assertThat(c.prices().models()).isEmpty();
    assertThat(c.billing().sellMultiplier()).isEqualByComparingTo("1.0");
  }

  @Test
  void prices_are_read_exactly_and_cache_prices_default_to_input() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        prices:
          gpt-4o-mini: { input: 0.15, output: 0.60, cache_read: 0.075 }
          claude-sonnet-4-5: { input: 3, output: 15, cache_read: 0.30, cache_write: 3.75 }
          "openrouter/my-model": { input: "0.1", output: "0.2" }
        billing: { sell_multiplier: 1.5 }
        """);

    assertThat(c.prices().models()).containsExactly(
        Map.entry("gpt-4o-mini", Price.of("0.15", "0.60", "0.075", "0.15")),
        Map.entry("claude-sonnet-4-5", Price.of("3", "15", "0.30", "3.75")),
        Map.entry("openrouter/my-model", Price.of("0.1", "0.2", "0.1", "0.1")));
    assertThat(c.billing().sellMultiplier()).isEqualTo(new BigDecimal("1.5"));
  }

  @Test
  void the_shipped_price_file_is_a_valid_prices_section_with_the_same_prices() throws IOException {
    String file;
    try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.DEFAULTS_RESOURCE)) {
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String section = file.lines().map(line -> "  " + line).collect(Collectors.joining("\n", "prices:\n", "\n"));

    GatewayConfig c = TestConfigs.parse(TestConfigs.MINIMAL + section);

    assertThat(c.prices().models()).isEqualTo(PriceTable.defaults().snapshot());
  }

  @Test
  void the_multiplier_may_come_from_the_environment() {
    GatewayConfig c = ConfigLoader.parse(TestConfigs.MINIMAL, Map.of("KEYPOOL__BILLING__SELL_MULTIPLIER", "2.25"));

    assertThat(c.billing().sellMultiplier()).isEqualTo(new BigDecimal("2.25"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      prices: { m: { output: 1 } }                    | prices.m.input: required (USD per million uncached input tokens, e.g. 2.50)
      prices: { m: { input: 1 } }                     | prices.m.output: required (USD per million output tokens, e.g. 10.00)
      prices: { m: { input: -1, output: 1 } }         | prices.m.input: must be >= 0 (was -1)
      prices: { m: { input: cheap, output: 1 } }      | prices.m.input: must be a number >= 0 (was "cheap")
      prices: { m: { input: 1, output: 1, cache_read: -0.5 } } | prices.m.cache_read: must be >= 0 (was -0.5)
      prices: { m: { input: 1, output: 1, cache_writ: 2 } }    | prices.m.cache_writ: unknown field (allowed: input, output, cache_read, cache_write)
      prices: { m: 2.5 }                              | prices.m: must be a mapping of fields (was a single value)
      prices: [gpt-4o]                                | prices: must be a mapping of fields (was a list)
      prices: { "a b": { input: 1, output: 1 } }      | prices.a b: a model id must be non-empty without whitespace (was "a b")
      prices: { GPT-4o: { input: 1, output: 1 }, gpt-4o: { input: 1, output: 1 } } | prices.gpt-4o: duplicate price model id "gpt-4o" (also prices.GPT-4o)
      billing: { sell_multiplier: -1 }                | billing.sell_multiplier: must be >= 0 (was -1)
      billing: { sell_multiplier: lots }              | billing.sell_multiplier: must be a number >= 0 (was "lots")
      billing: { sell_multplier: 2 }                  | billing.sell_multplier: unknown field (allowed: sell_multiplier, groups, default_group)
      """)
  void rule(String section, String message) {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + section + "\n")).contains(message);
  }
}
