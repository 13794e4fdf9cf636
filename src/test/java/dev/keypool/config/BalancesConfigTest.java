package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code balances} section: defaults, per-provider adapters and policy, the declarative adapter, errors. */
class BalancesConfigTest {

  @Test
  void defaults_read_every_30_minutes_four_at_once() {
    BalancesConfig b = TestConfigs.parse(TestConfigs.MINIMAL).balances();
    assertThat(b.enabled()).isTrue();
    assertThat(b.interval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(b.jitter()).isEqualTo(0.1);
    assertThat(b.concurrency()).isEqualTo(4);
    assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.historyRetention()).isEqualTo(Duration.ofDays(90));
    assertThat(b.providers()).isEmpty();
  }

  @Test
  void providers_name_adapters_policies_and_a_declarative_request() {
    BalancesConfig b = TestConfigs.parse(TestConfigs.MINIMAL + """
        balances:
          interval: 10m
          jitter: 0.25
          concurrency: 8
          exchange_rates: { cny: 0.14, EUR: "1.08" }
          providers:
            deepseek: { min_balance: 1.5, interval: 5m }
            reseller: { adapter: openai_billing, currency: cny, base_url: "https://billing.example.com/v1/" }
            other:
              adapter: custom
              request: { url: /account, method: post, headers: { X-Key: "{key}" }, body: "{}" }
              amount: data.items[0].left
              currency_path: $.data.cur
              divisor: 100
        """).balances();
    assertThat(b.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.jitter()).isEqualTo(0.25);
    assertThat(b.exchangeRates()).containsEntry("CNY", new BigDecimal("0.14")).containsEntry("EUR", new BigDecimal("1.08"));
    assertThat(b.provider("deepseek").adapter()).isEqualTo("auto");
    assertThat(b.provider("deepseek").minBalance()).isEqualByComparingTo("1.5");
    assertThat(b.provider("deepseek").interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(b.provider("reseller").currency()).isEqualTo("CNY");
    assertThat(b.provider("reseller").baseUrl()).isEqualTo("https://billing.example.com/v1");
    BalancesConfig.Custom c = b.provider("other").custom();
    assertThat(c.method()).isEqualTo("POST");
    assertThat(c.headers()).containsEntry("X-Key", "{key}");
    assertThat(c.amount()).isEqualTo("data.items[0].left");
    assertThat(c.divisor()).isEqualByComparingTo("100");
    assertThat(c.toString()).doesNotContain("{key}");
  }

  @Test
  void the_environment_overrides_a_field() {
    BalancesConfig b = ConfigLoader.parse(TestConfigs.MINIMAL, Map.of("KEYPOOL__BALANCES__INTERVAL", "2m")).balances();
    assertThat(b.interval()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void mistakes_are_named_with_their_path() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        balances:
          jitter: 2
          exchange_rates: { dollars: 1, CNY: free }
          providers:
            a: { adapter: magic, currency: yuan }
            b: { adapter: custom, request: { method: DELETE } }
            c: { adapter: deepseek, request: { url: /x }, amount: "a..b" }
        """)).containsExactlyInAnyOrder(
        "balances.jitter: must be at most 1 (a fraction of the interval)",
        "balances.exchange_rates.dollars: not a currency code (e.g. CNY)",
        "balances.exchange_rates.CNY: must be a number > 0: US dollars per unit of the currency",
        "balances.providers.a.adapter: must be one of auto, openrouter, openrouter_credits, deepseek, moonshot,"
            + " siliconflow, openai_billing, custom, none (was \"magic\")",
        "balances.providers.a.currency: not a currency code (e.g. USD, CNY)",
        "balances.providers.b.request.url: required (an http(s) URL, or a path under the provider's base URL)",
        "balances.providers.b.request.method: must be GET or POST",
        "balances.providers.b.amount: required (a JSON path such as data.balance or items[0].amount)",
        "balances.providers.c.request: only for adapter: custom",
        "balances.providers.c.amount: not a JSON path such as data.balance or items[0].amount (was \"a..b\")");
  }
}
