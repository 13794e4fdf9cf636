package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The route's fake streaming flags and the provider's legacy completions flag. */
class FakeStreamConfigTest {

  @Test
  void routes_stream_for_real_and_providers_serve_completions_unless_told_otherwise() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER);

    assertThat(c.models().getFirst().fakeStream()).isFalse();
    assertThat(c.models().getFirst().keepAlive()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.providers().getFirst().completions()).isTrue();
  }

  @Test
  void the_flags_are_read_and_shown_by_the_route_json() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER.replace("format: openai", "format: openai\n    completions: false")
        + """
          - { id: slow, fake_stream: true, keep_alive: 2s, candidates: [{ provider: openai }] }
        """);

    assertThat(c.providers().getFirst().completions()).isFalse();
    ModelRouteConfig slow = c.models().get(1);
    assertThat(slow.fakeStream()).isTrue();
    assertThat(slow.keepAlive()).isEqualTo(Duration.ofSeconds(2));
    assertThat(RouteDefinitions.toJson(slow).path("fake_stream").asBoolean()).isTrue();
    assertThat(RouteDefinitions.toJson(slow).path("keep_alive").asText()).isEqualTo("2s");
  }

  @Test
  void a_zero_keep_alive_is_refused() {
    assertThat(TestConfigs.errors(TestConfigs.ONE_PROVIDER.replace("- id: gpt-4o-mini", "- id: gpt-4o-mini\n    keep_alive: 0s")))
        .anyMatch(e -> e.contains("keep_alive"));
  }
}
