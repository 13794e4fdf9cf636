package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code health_checks} section: off by default, per-provider probes, overrides from the environment. */
class HealthChecksConfigTest {

  @Test
  void off_by_default_with_a_models_probe_every_five_minutes() {
    HealthChecksConfig c = TestConfigs.parse(TestConfigs.MINIMAL).healthChecks();
    assertThat(c).isEqualTo(HealthChecksConfig.DEFAULTS);
    assertThat(c.enabled()).isFalse();
    assertThat(c.provider("openai")).isEqualTo(
        new HealthChecksConfig.ProviderCheck(true, Duration.ofMinutes(5), HealthChecksConfig.Probe.MODELS, null));
  }

  @Test
  void providers_get_their_own_interval_and_probe() {
    HealthChecksConfig c = TestConfigs.parse(TestConfigs.MINIMAL + """
        health_checks:
          enabled: true
          interval: 10m
          jitter: 0s
          concurrency: 8
          providers:
            openai: { probe: completion, model: gpt-4o-mini, interval: 1h }
            other: { enabled: false }
        """).healthChecks();
    assertThat(c.jitter()).isZero();
    assertThat(c.concurrency()).isEqualTo(8);
    assertThat(c.provider("openai")).isEqualTo(new HealthChecksConfig.ProviderCheck(true, Duration.ofHours(1),
        HealthChecksConfig.Probe.COMPLETION, "gpt-4o-mini"));
    assertThat(c.provider("other").enabled()).isFalse();
    assertThat(c.provider("other").interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.provider("unlisted").interval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void the_environment_can_turn_checks_on() {
    HealthChecksConfig c = ConfigLoader.parse(TestConfigs.MINIMAL,
        Map.of("KEYPOOL__HEALTH_CHECKS__ENABLED", "true", "KEYPOOL__HEALTH_CHECKS__INTERVAL", "2m")).healthChecks();
    assertThat(c.enabled()).isTrue();
    assertThat(c.interval()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void errors_name_the_field() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL + """
        health_checks:
          concurrency: 0
          providers:
            openai: { probe: completion }
            Bad!: { probe: ping }
        """)).containsExactlyInAnyOrder(
        "health_checks.concurrency: must be 1..1000 (was 0)",
        "health_checks.providers.openai.model: required for probe: completion (the upstream model asked for one output token)",
        "health_checks.providers: \"Bad!\" is not a provider id ([a-z0-9_-]+)",
        "health_checks.providers.Bad!.probe: must be one of models, completion (was \"ping\")");
  }
}
