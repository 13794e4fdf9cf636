package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The route's {@code hosted_tools}: drop by default, reject when asked, anything else refused. */
class HostedToolsConfigTest {

  @Test
  void routes_drop_hosted_tools_unless_told_to_reject_them_and_show_the_setting() {
    GatewayConfig c = TestConfigs.parse(TestConfigs.ONE_PROVIDER + """
          - { id: strict, hosted_tools: reject, candidates: [{ provider: openai }] }
        """);

    assertThat(c.models().getFirst().hostedTools()).isEqualTo(HostedTools.DROP);
    ModelRouteConfig strict = c.models().get(1);
    assertThat(strict.hostedTools()).isEqualTo(HostedTools.REJECT);
    assertThat(RouteDefinitions.toJson(strict).path("hosted_tools").asText()).isEqualTo("reject");
    assertThat(strict.withCandidates(strict.candidates()).hostedTools()).isEqualTo(HostedTools.REJECT);
  }

  @Test
  void another_value_is_refused_naming_the_allowed_ones() {
    assertThat(TestConfigs.errors(TestConfigs.ONE_PROVIDER.replace("- id: gpt-4o-mini",
        "- id: gpt-4o-mini\n    hosted_tools: ignore"))).anyMatch(e -> e.contains("hosted_tools") && e.contains("drop, reject"));
  }
}
