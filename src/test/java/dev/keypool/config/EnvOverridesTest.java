package dev.keypool.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypool.keypool.Strategy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvOverridesTest {

  @Test
  void overrides_set_scalars_in_sections_the_file_leaves_out() {
    GatewayConfig c = ConfigLoader.parse(TestConfigs.MINIMAL, Map.of(
        "KEYPOOL__LISTENERS__PROXY__PORT", "8181",
        "KEYPOOL__ROUTING__DEFAULT_STRATEGY", "most_headroom",
        "KEYPOOL__ROUTING__BAN__WINDOW", "1m",
        "KEYPOOL__LIMITS__MAX_BODY_BYTES", "1MiB",
        "KEYPOOL__ADMIN__TOKEN", "env-admin-token-0123456789",
        "KEYPOOL_CONFIG", "/etc/keypool.yaml"));

    assertThat(c.listeners().proxy().port()).isEqualTo(8181);
    assertThat(c.routing().defaultStrategy()).isEqualTo(Strategy.MOST_HEADROOM);
    assertThat(c.routing().ban().window()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.limits().maxBodyBytes()).isEqualTo(1 << 20);
    assertThat(c.admin().token()).isEqualTo("env-admin-token-0123456789");
  }

  @Test
  void numeric_segments_index_lists_and_the_next_index_appends() {
    GatewayConfig c = ConfigLoader.parse(TestConfigs.ONE_PROVIDER, Map.of(
        "KEYPOOL__PROVIDERS__0__BASE_URL", "https://eu.api.openai.com/v1",
        "KEYPOOL__PROVIDERS__0__KEYS__0__ENABLED", "false",
        "KEYPOOL__PROVIDERS__0__KEYS__1__NAME", "k2",
        "KEYPOOL__PROVIDERS__0__KEYS__1__SECRET", "sk-from-env",
        "KEYPOOL__PROVIDERS__0__HEADERS__OPENAI_ORGANIZATION", "org-1",
        "KEYPOOL__ROUTING__BAN__STATUS_CODES", "[401, 403, 402]",
        "KEYPOOL__HEADERS__FORWARD", "[accept, 'x-request-id']"));

    ProviderConfig p = c.provider("openai");
    assertThat(p.baseUrl()).isEqualTo("https://eu.api.openai.com/v1");
    assertThat(p.keys()).hasSize(2);
    assertThat(p.keys().get(0).enabled()).isFalse();
    assertThat(p.keys().get(1).secret()).isEqualTo("sk-from-env");
    assertThat(p.headers()).containsEntry("openai-organization", "org-1");
    assertThat(c.routing().ban().statusCodes()).containsExactlyInAnyOrder(401, 402, 403);
    assertThat(c.headers().forward()).containsExactly("accept", "x-request-id");
  }

  @Test
  void an_override_naming_an_unknown_field_names_the_variable() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL, Map.of("KEYPOOL__ROUTING__MAX_ATEMPTS", "2")))
        .singleElement().asString()
        .startsWith("routing.max_atempts: unknown field (allowed: ")
        .endsWith("(set by KEYPOOL__ROUTING__MAX_ATEMPTS)");
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL, Map.of("KEYPOOL__NOPE__X", "2")))
        .singleElement().asString()
        .startsWith("nope: unknown field").endsWith("(set by KEYPOOL__NOPE__X)");
  }

  @Test
  void a_bad_value_from_an_override_names_the_variable() {
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL, Map.of("KEYPOOL__LISTENERS__ADMIN__PORT", "99999")))
        .containsExactly("listeners.admin.port: must be 0..65535 (was 99999) (set by KEYPOOL__LISTENERS__ADMIN__PORT)");
  }

  @Test
  void bad_list_index_and_bad_shapes_name_the_variable() {
    assertThat(TestConfigs.errors(TestConfigs.ONE_PROVIDER, Map.of("KEYPOOL__PROVIDERS__5__ID", "x")))
        .containsExactly("KEYPOOL__PROVIDERS__5__ID: providers is a list of 1 entries;"
            + " the segment after it must be an index 0..1 (was \"5\")");
    assertThat(TestConfigs.errors(TestConfigs.ONE_PROVIDER, Map.of("KEYPOOL__PROVIDERS__0__ID__X", "x")))
        .containsExactly("KEYPOOL__PROVIDERS__0__ID__X: providers[0].id holds a single value, so it has no field \"x\"");
    assertThat(TestConfigs.errors(TestConfigs.MINIMAL, Map.of("KEYPOOL____PORT", "1")))
        .singleElement().asString().startsWith("KEYPOOL____PORT: empty path segment");
  }

  @Test
  void environment_wins_over_interpolated_file_values() {
    GatewayConfig c = ConfigLoader.parse(
        TestConfigs.MINIMAL + "listeners: { proxy: { port: \"${PORT:-1000}\" } }\n",
        Map.of("PORT", "2000", "KEYPOOL__LISTENERS__PROXY__PORT", "3000"));
    assertThat(c.listeners().proxy().port()).isEqualTo(3000);
  }

  @Test
  void values_are_read_as_yaml_scalars() {
    assertThat(EnvOverrides.scalar("true").isBoolean()).isTrue();
    assertThat(EnvOverrides.scalar("42").isIntegralNumber()).isTrue();
    assertThat(EnvOverrides.scalar("sk-abc #not a comment").textValue()).isEqualTo("sk-abc #not a comment");
    assertThat(EnvOverrides.scalar("[]").isArray()).isTrue();
  }
}
