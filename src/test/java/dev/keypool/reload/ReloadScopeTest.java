package dev.keypool.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.config.ConfigLoader;
import dev.keypool.config.GatewayConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which changed fields a reload swaps and which wait for a restart. */
class ReloadScopeTest {
  static final String BASE = """
      listeners: { proxy: { port: 8080 } }
      storage: { url: "jdbc:sqlite:keypool.db" }
      admin: { token: admin-token-0123456789 }
      providers:
        - { id: openai, format: openai, base_url: "http://127.0.0.1:1/v1", keys: [ { name: a, secret: sk-a } ] }
      models:
        - { id: gpt, candidates: [ { provider: openai } ] }
      gateway_keys: [ { name: t, key: ak_0123456789abcdefghij, allowed_models: [ "gpt*" ], allowed_ips: [ 10.0.0.0/8 ] } ]
      headers: { forward: [ accept, x-trace-* ] }
      quotas: { gateway_key: { requests_per_minute: 5 }, client_ip: { requests_per_second: 2 } }
      """;

  static GatewayConfig load(String yaml) {
    return ConfigLoader.parse(yaml, Map.of());
  }

  @Test
  void the_same_file_read_twice_differs_in_nothing() {
    GatewayConfig a = load(BASE);
    GatewayConfig b = load(BASE);
    assertThat(ReloadScope.restartRequired(a, b)).isEmpty();
    assertThat(ReloadScope.inEffect(a, b)).isEqualTo(b);
  }

  @Test
  void the_example_file_read_twice_differs_in_nothing() {
    // Every section the example declares must compare by value, or each reload would ask for a restart.
    java.nio.file.Path example = java.nio.file.Path.of("keypool.example.yaml");
    GatewayConfig a = ConfigLoader.load(example, Map.of());
    GatewayConfig b = ConfigLoader.load(example, Map.of());
    assertThat(ReloadScope.restartRequired(a, b)).isEmpty();
    assertThat(RecordFields.differing(a, b, java.util.Set.of())).isEmpty();
  }

  @Test
  void swapped_sections_are_taken_and_the_others_are_reported_and_kept() {
    GatewayConfig running = load(BASE);
    GatewayConfig next = load(BASE.replace("port: 8080", "port: 8081")
        .replace("requests_per_minute: 5 }", "requests_per_minute: 9 }, daily_reset: \"06:00\"")
        .replace("x-trace-*", "x-team"));

    assertThat(ReloadScope.restartRequired(running, next)).containsExactly("listeners", "quotas.daily_reset");
    GatewayConfig applied = ReloadScope.inEffect(running, next);
    assertThat(applied.listeners()).isEqualTo(running.listeners());
    assertThat(applied.quotas().dailyReset()).isEqualTo(running.quotas().dailyReset());
    assertThat(applied.quotas().gatewayKey()).isEqualTo(next.quotas().gatewayKey());
    assertThat(applied.headers()).isEqualTo(next.headers());
  }

  @Test
  void settings_sections_are_taken_and_their_restart_only_parts_are_reported_and_kept() {
    GatewayConfig running = load(BASE + "logging: { format: text }\nbalances: { interval: 1h, timeout: 5s }\n");
    GatewayConfig next = load(BASE.replace("gpt*", "gpt-4*") + """
        logging: { format: json, level: warn, access: { enabled: true, sample: 0.5 } }
        balances: { interval: 30m, timeout: 9s, exchange_rates: { CNY: 0.14 } }
        routing: { max_attempts: 5 }
        prices: { gpt-x: { input: 1, output: 2 } }
        cors: { allowed_origins: [ "https://app.example" ] }
        tracking: { enabled: false }
        """);

    assertThat(ReloadScope.restartRequired(running, next))
        .containsExactly("logging.format", "balances.timeout");
    GatewayConfig applied = ReloadScope.inEffect(running, next);
    assertThat(applied.logging().format()).isEqualTo(running.logging().format());
    assertThat(applied.logging().level()).isEqualTo(next.logging().level());
    assertThat(applied.logging().access()).isEqualTo(next.logging().access());
    assertThat(applied.balances().timeout()).isEqualTo(running.balances().timeout());
    assertThat(applied.balances().exchangeRates()).isEqualTo(next.balances().exchangeRates());
    assertThat(applied.balances().interval()).isEqualTo(next.balances().interval());
    assertThat(applied.routing()).isEqualTo(next.routing());
    assertThat(ReloadScope.settingsChanged(running, applied))
        .containsExactly("routing", "prices", "cors", "balances", "tracking", "logging");
    assertThat(applied.healthChecks()).as("an unchanged section keeps the running instance")
        .isSameAs(running.healthChecks());
    assertThat(applied.quotas()).isSameAs(running.quotas());
  }

  @Test
  void field_names_are_spelled_as_in_the_file() {
    assertThat(RecordFields.fileName("gatewayKeys")).isEqualTo("gateway_keys");
    assertThat(RecordFields.fileName("healthChecks")).isEqualTo("health_checks");
    assertThat(RecordFields.fileName("listeners")).isEqualTo("listeners");
  }
}
