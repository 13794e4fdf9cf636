package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A route's {@code affinity}: off unless given, defaults when given empty, bad sources and bounds refused. */
class AffinityConfigTest {

  @Test
  void affinity_is_off_unless_given_and_takes_its_defaults_when_given_empty() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER + """
          - { id: sticky, affinity: {}, candidates: [{ provider: openai }] }
          - id: tuned
            candidates: [{ provider: openai }]
            affinity: { sources: [ "header:X-Session-Id", prompt_cache_key ], ttl: 20m, max_sessions: 500 }
        """);

    assertThat(c.models().getFirst().affinity()).isEqualTo(AffinityConfig.OFF);
    assertThat(c.models().getFirst().affinity().enabled()).isFalse();
    AffinityConfig sticky = c.models().get(1).affinity();
    assertThat(sticky.enabled()).isTrue();
    assertThat(sticky.sources()).containsExactly("prompt_cache_key", "metadata.user_id", "header:x-session-id");
    assertThat(sticky.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(sticky.maxSessions()).isEqualTo(100_000);
    ModelRouteConfig tuned = c.models().get(2);
    assertThat(tuned.affinity()).isEqualTo(new AffinityConfig(true, List.of("header:x-session-id", "prompt_cache_key"),
        Duration.ofMinutes(20), 500));
    assertThat(tuned.withCandidates(tuned.candidates()).affinity()).isEqualTo(tuned.affinity());
  }

  @Test
  void the_route_json_shows_affinity_and_reads_back_the_same() throws Exception {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER + """
          - id: tuned
            candidates: [{ provider: openai }]
            affinity: { enabled: false, sources: [ metadata.user_id ], ttl: 5m, max_sessions: 7 }
        """);
    ModelRouteConfig tuned = c.models().get(1);
    var json = RouteDefinitions.toJson(tuned);
    assertThat(json.path("affinity").toString())
        .isEqualTo("{\"enabled\":false,\"sources\":[\"metadata.user_id\"],\"ttl\":\"5m\",\"max_sessions\":7}");
    ModelRouteConfig back = RouteDefinitions.parse("tuned", new ObjectMapper().readTree(json.toString()), c.routing(),
        Set.of("openai"));
    assertThat(back.affinity()).isEqualTo(tuned.affinity());
  }

  @Test
  void unknown_sources_empty_sources_and_out_of_range_bounds_are_refused() {
    List<String> errors = TestConfigs.errors(TestConfigs.ONE_PROVIDER.replace("- id: gpt-4o-mini",
        "- id: gpt-4o-mini\n    affinity: { sources: [ user, \"header:\", \"header:a b\" ], max_sessions: 0, ttl: 0s,"
            + " color: red }"));
    assertThat(errors).anyMatch(e -> e.contains("affinity.sources") && e.contains("\"user\"")
        && e.contains("prompt_cache_key, metadata.user_id or header:<header name>"));
    assertThat(errors).anyMatch(e -> e.contains("\"header:\""));
    assertThat(errors).anyMatch(e -> e.contains("\"header:a b\""));
    assertThat(errors).anyMatch(e -> e.contains("affinity.max_sessions"));
    assertThat(errors).anyMatch(e -> e.contains("affinity.ttl"));
    assertThat(errors).anyMatch(e -> e.contains("affinity.color"));
    assertThat(TestConfigs.errors(TestConfigs.ONE_PROVIDER.replace("- id: gpt-4o-mini",
        "- id: gpt-4o-mini\n    affinity: { sources: [] }"))).anyMatch(e -> e.contains("at least one source"));
  }
}
