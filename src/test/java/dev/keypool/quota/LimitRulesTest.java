package dev.keypool.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitRulesTest {

  @Test
  void parsesEveryKindAndPeriodAndWritesTheSameFieldsBack() {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("requests_per_second", 5);
    in.put("requests_per_minute", 60);
    in.put("tokens_per_day", 2_000_000L);
    in.put("cost_usd_per_month", 12.5);
    in.put("concurrent", 4);
    LimitRules rules = LimitRules.parse(in);

    assertThat(rules.rule(LimitKind.COST_NANOS, Period.MONTH).max()).isEqualTo(12_500_000_000L);
    assertThat(rules.rule(LimitKind.CONCURRENT, null).max()).isEqualTo(4);
    assertThat(rules.forSubject(LimitScope.USER, "u1"))
        .extracting(Limit::describe)
        .containsExactly("user u1: 5 requests per second", "user u1: 60 requests per minute",
            "user u1: 2000000 tokens per day", "user u1: cost of $12.50 per month", "user u1: 4 concurrent requests");
    Map<String, Object> out = rules.toMap();
    assertThat(out).containsEntry("requests_per_minute", 60L).containsEntry("cost_usd_per_month", new BigDecimal("12.5"));
    assertThat(LimitRules.parse(out)).isEqualTo(rules);
  }

  @Test
  void emptyOrNullMeansNoLimitsAndNullValuesAreSkipped() {
    assertThat(LimitRules.parse(null).isEmpty()).isTrue();
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("requests_per_minute", null);
    assertThat(LimitRules.parse(in).isEmpty()).isTrue();
  }

  @Test
  void badFieldsAreNamed() {
    assertThatThrownBy(() -> LimitRules.parse(Map.of("requests_per_week", 1)))
        .hasMessageContaining("unknown limit 'requests_per_week'");
    assertThatThrownBy(() -> LimitRules.parse(Map.of("bananas_per_day", 1))).hasMessageContaining("bananas_per_day");
    assertThatThrownBy(() -> LimitRules.parse(Map.of("tokens_per_minute", 1.5))).hasMessageContaining("whole number");
    assertThatThrownBy(() -> LimitRules.parse(Map.of("concurrent", -1))).hasMessageContaining("negative");
    assertThatThrownBy(() -> LimitRules.parse(Map.of("concurrent", "x"))).hasMessageContaining("must be a number");
  }
}
