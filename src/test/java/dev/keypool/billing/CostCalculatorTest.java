package dev.keypool.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypool.usage.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CostCalculatorTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      1234 in + 567 out at 2.50/10.00            | 1234 | 567  | 0    | 0    | 2.50  | 10.00 | 1.25  | 2.50  | 8755000
      claude-sonnet-4-5 with cache read + write  | 25   | 87   | 2000 | 1000 | 3     | 15    | 0.30  | 3.75  | 5730000
      gpt-4o-mini cached half                    | 500  | 100  | 500  | 0    | 0.15  | 0.60  | 0.075 | 0.15  | 172500
      nothing                                    | 0    | 0    | 0    | 0    | 2.50  | 10.00 | 1.25  | 2.50  | 0
      one token at 1.5 nanos rounds up           | 1    | 0    | 0    | 0    | 0.0015| 0     | 0     | 0     | 2
      one token at 1.4 nanos rounds down         | 1    | 0    | 0    | 0    | 0.0014| 0     | 0     | 0     | 1
      rounded once per request, not per bucket   | 1    | 1    | 0    | 0    | 0.0015| 0.0015| 0     | 0     | 3
      a million output tokens                    | 0    | 1000000 | 0 | 0    | 2.50  | 10.00 | 1.25  | 2.50  | 10000000000
      """)
  void cost_is_exact_to_the_nano(String name, long in, long out, long cacheRead, long cacheWrite,
      String pIn, String pOut, String pRead, String pWrite, long nanos) {
    Usage usage = new Usage(in, out, cacheRead, cacheWrite, 0);

    assertThat(CostCalculator.costNanos(usage, Price.of(pIn, pOut, pRead, pWrite))).isEqualTo(nanos);
  }

  @Test
  void the_example_from_the_brief_in_its_parts() {
    Price price = Price.of("2.50", "10.00");

    assertThat(CostCalculator.costNanos(Usage.of(1234, 0), price)).isEqualTo(3_085_000);
    assertThat(CostCalculator.costNanos(Usage.of(0, 567), price)).isEqualTo(5_670_000);
  }

  @Test
  void reasoning_tokens_are_not_billed_twice() {
    Price price = Price.of("2", "8");

    assertThat(CostCalculator.costNanos(new Usage(0, 100, 0, 0, 60), price))
        .isEqualTo(CostCalculator.costNanos(Usage.of(0, 100), price));
  }

  @ParameterizedTest(name = "{0} x {1} = {2}")
  @CsvSource({"8755000, 1.0, 8755000", "8755000, 1.5, 13132500", "3, 1.5, 5", "5, 0.3, 2", "8755000, 0, 0"})
  void charge_applies_the_multiplier_and_rounds_half_up(long cost, String multiplier, long charged) {
    assertThat(CostCalculator.chargedNanos(cost, new BigDecimal(multiplier))).isEqualTo(charged);
  }

  @Test
  void a_negative_multiplier_or_price_is_refused() {
    assertThatThrownBy(() -> CostCalculator.chargedNanos(1, new BigDecimal("-1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Price.of("-1", "1")).isInstanceOf(IllegalArgumentException.class);
  }
}
